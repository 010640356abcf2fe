"""Delegations, their members and heads, their registration through a secret link, and the
list of participants."""
