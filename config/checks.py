"""Deployment checks (`manage.py check --deploy`) of what settings alone cannot refuse."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def one_machine_without_redis(app_configs, **kwargs):
    """Without REDIS_URL the broker is a folder and the cache is each process's memory: fine
    on one machine, wrong on several (docs/OPERATIONS.md, "Running on several machines").
    Nothing tells how many machines there are, so this warns rather than refuses."""
    if settings.REDIS_URL:
        return []
    return [Warning(
        "REDIS_URL is not set: the Celery broker is the folder ACCORD_VAR_DIR/broker and the "
        "cache (rate limits, the login throttle) is each process's own memory.",
        hint="Fine on one machine. On several machines (or several gunicorn processes "
             "counting one rate limit) set REDIS_URL on every machine to one Redis.",
        id="accord.W001")]
