"""What celery beat runs, and when: the sweeps that make up for lost messages and the
nightly purge. Read by config/settings.py (CELERY_BEAT_SCHEDULE); the task names are
stable, since messages already queued name them."""

from celery.schedules import crontab


def schedule(env, *, purge_after_days):
    # One sweep every few minutes does all reminder kinds: each event decides, in its own time
    # zone, whether a digest or weekly note is due; the database makes repeats harmless.
    schedule = {
        "reminder-sweep": {
            "task": "logistics.reminder_sweep",
            "schedule": crontab(minute=env.str("REMINDER_SWEEP_MINUTES", default="*/10")),
            # Sweeps queued while every worker was down are dropped: the next one does it all.
            "options": {"expires": 9 * 60},
        },
        # Badges whose issue task was lost (the broker down at approval): made on the next pass.
        "badges-issue-missing": {
            "task": "accreditation.issue_missing_badges",
            "schedule": crontab(minute="*/5"),
            "options": {"expires": 4 * 60},
        },
        # Messages the broker refused (logistics.core.queueing): sent again once it answers.
        "resend-unsent-tasks": {
            "task": "logistics.resend_unsent_tasks",
            "schedule": env.float("UNSENT_TASKS_RESEND_SECONDS", default=60.0),
            "options": {"expires": 50},
        },
        # Files a public form kept for a visitor who never sent it (logistics.core.kept_uploads):
        # deleted a day after they were kept, within the hour.
        "kept-uploads-expire": {
            "task": "logistics.expire_kept_uploads",
            "schedule": crontab(minute=17),
            "options": {"expires": 50 * 60},
        },
        # The day's readiness of each event (logistics.plan.services.readiness), for the steering
        # committee's chart: hourly, so each time zone's day gets its row; repeats write nothing.
        "readiness-snapshot": {
            "task": "logistics.snapshot_readiness",
            "schedule": crontab(minute=3),
            "options": {"expires": 50 * 60},
        },
    }
    if purge_after_days is not None:
        schedule["personal-data-purge"] = {
            "task": "privacy.purge_due_events",
            "schedule": crontab(minute=30, hour=3),
            "options": {"expires": 6 * 3600},
        }
    return schedule
