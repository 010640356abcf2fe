"""What every accreditation endpoint shares: its permissions by scope and role, and the
incremental sync's pagination."""
