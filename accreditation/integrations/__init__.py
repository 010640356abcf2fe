"""Integrations: webhooks and their deliveries."""
