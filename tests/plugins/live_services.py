"""Fixtures that start real services (Redis, a Celery worker) for the tests that need them."""
