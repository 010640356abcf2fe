"""Reminders and escalations: the sweep that finds what is due or late, and the mails."""
