"""The speakers list of the plenary and the high-level debate."""
