"""Remove an event's personal data once it is over by --days days; keep its anonymous
statistics (docs/PERSONAL_DATA.md, "Purge")."""

from django.core.management.base import BaseCommand, CommandError

from logistics.core.models.event import Event
from privacy.errors import PurgeTooEarly
from privacy.services.purge import personal_data_purge


class Command(BaseCommand):
    help = ("Purge the personal data of an event, N days after its last day; the anonymous "
            "statistics stay. Refuses to run earlier.")

    def add_arguments(self, parser):
        parser.add_argument("--event", required=True, help="The event's short name (slug).")
        parser.add_argument("--days", required=True, type=int,
                            help="Days after the event's last day the data is kept.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Count what would be removed; change nothing.")

    def handle(self, *args, event, days, dry_run, **options):
        found = Event.objects.filter(slug=event).first()
        if found is None:
            raise CommandError(f"No event with the short name {event!r}.")
        try:
            report = personal_data_purge(event=found, days=days, dry_run=dry_run)
        except PurgeTooEarly as error:
            raise CommandError(error.message) from error
        verb = "would be purged" if dry_run else "purged"
        for label, count in report.counts.items():
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(f"uploaded files: {len(report.files)}")
        self.stdout.write(self.style.SUCCESS(
            f"{found.slug}: {report.total} row(s) and file(s) {verb}."))
