from datetime import date, timedelta

from auditlog.context import disable_auditlog
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from logistics.core.models.event import Event
from logistics.core.signals import demo_loaded
from logistics.demo import plan, plan_data, scenario

DAYS_AHEAD = 21


class Command(BaseCommand):
    help = ("Load the demo scenario (the Hanoi Convention signing ceremony), shifted so that "
            "the event starts a few weeks from today.")

    def add_arguments(self, parser):
        parser.add_argument("--event-date", type=date.fromisoformat,
                            help=f"First day of the event (default: today + {DAYS_AHEAD} days).")
        parser.add_argument("--scale", type=int, default=1,
                            help="Build the plan, the delegations, the programme and the "
                                 "accreditations N times larger (default 1).")
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing when the database already holds an event.")

    def handle(self, *args, event_date, scale, if_empty, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        if Event.objects.exists():
            if if_empty:
                self.stdout.write("The database already holds an event; demo not loaded.")
                return
            raise CommandError("The database already holds an event. Use a fresh database.")
        start = event_date or timezone.localdate() + timedelta(days=DAYS_AHEAD)
        # Demo users get the well-known password only where it cannot do harm.
        password = plan_data.DEMO_PASSWORD if settings.DEBUG else None
        # Not staff changes, and a demo at scale would write an entry per row: no audit trail.
        with transaction.atomic(), disable_auditlog():
            event = plan.build(start_date=start, scale=scale, password=password)
            scenario.build(event, scale=scale, password=password)
            # Other apps add their part of the scenario, in the same transaction.
            answers = demo_loaded.send(sender=Event, event=event, scale=scale,
                                       password=password, progress=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(
            f"Loaded {event.name}, starting {event.start_date:%Y-%m-%d}: "
            f"{event.agencies.count()} agencies, {event.committees.count()} committees, "
            f"{event.tasks.count()} tasks."))
        self.stdout.write(
            f"Delegations: {event.delegations.filter(kind='state').count()} states, "
            f"{event.delegations.exclude(kind='state').count()} organisations and institutions, "
            f"{scenario.member_count(event)} members. Programme: "
            f"{event.sessions.count()} sessions, {event.signings.count()} signings, "
            f"{event.proposals.count()} side-event proposals.")
        for _receiver, summary in answers:
            if summary:
                self.stdout.write(summary)
        if password is None:
            self.stdout.write("DEBUG is off: demo users were created without passwords.")
