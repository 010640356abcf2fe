from argparse import ArgumentTypeError
from datetime import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from logistics.reminders.services import describe, reminders_sweep


def _moment(value):
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ArgumentTypeError(_("not an ISO 8601 date and time: %(value)s")
                                % {"value": value}) from exc
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


class Command(BaseCommand):
    help = ("Run the reminder sweep that beat runs: claim the reminders that are due and queue "
            "their mails for the workers. Prints how many were claimed per kind.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", type=_moment, default=None,
            help="Sweep as if it were this moment (ISO 8601; without an offset, in TIME_ZONE).")

    def handle(self, *args, now=None, **options):
        for line in describe(reminders_sweep(now=now)):
            self.stdout.write(line)
