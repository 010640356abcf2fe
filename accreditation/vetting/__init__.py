"""Security vetting: the queue, decisions, and the exchange with the security services."""
