from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from logistics.core.errors import ImportRejected
from logistics.core.models.event import Event
from logistics.core.queries.event import current_event
from logistics.core.spreadsheet_files import MAX_BYTES
from logistics.plan.services.plan_io import plan_import


class Command(BaseCommand):
    help = _("Import the master plan from a CSV or XLSX file: all rows or none. Rows whose "
             "code is already in the plan update that task; new codes add tasks.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("The CSV or XLSX file."))
        parser.add_argument("--event", metavar="SLUG",
                            help=_("The event's short name (default: the current event)."))

    def handle(self, *args, file, event=None, **options):
        target = self._event(event)
        path = Path(file)
        try:
            with path.open("rb") as handle:
                # One byte more than the limit is enough to tell that the file is too big.
                data = handle.read(MAX_BYTES + 1)
        except OSError as error:
            raise CommandError(_("Cannot read %(file)s: %(error)s")
                               % {"file": file, "error": error.strerror}) from error
        try:
            result = plan_import(event=target, by=None, data=data, filename=path.name)
        except ImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(str(error))
            raise CommandError(rejected.message) from None
        self.stdout.write(self.style.SUCCESS(
            _("Imported: %(created)s created, %(updated)s updated.")
            % {"created": result.created, "updated": result.updated}))

    def _event(self, slug):
        if slug:
            event = Event.objects.filter(slug=slug).first()
            if event is None:
                raise CommandError(_("There is no event %(slug)s.") % {"slug": slug})
            return event
        event = current_event()
        if event is None:
            raise CommandError(_("There is no event to import into."))
        return event
