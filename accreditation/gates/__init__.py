"""The gates: checkpoints, scans on the fast path, offline scanners' kit, manual lookups."""
