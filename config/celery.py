import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("accord")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each part of the work keeps its Celery tasks in its own `tasks` module; the task names
# (`logistics.send_reminder`) stay those messages already queued carry.
app.autodiscover_tasks([
    "logistics.core", "logistics.plan", "logistics.reminders", "logistics.delegations",
    "logistics.programme", "logistics.side_events", "accreditation.applications",
    "accreditation.badges", "accreditation.integrations", "privacy",
])
