"""Export one person's data to a ZIP, from the server (docs/PERSONAL_DATA.md)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date

from logistics.errors import AccordError
from privacy.permissions import ACCREDITATION, LOGISTICS
from privacy.queries import Search
from privacy.services.export import personal_data_export


class Command(BaseCommand):
    help = ("Write everything held about one person (records and uploaded files) to a ZIP. "
            "Every key given must match.")

    def add_arguments(self, parser):
        parser.add_argument("--email", default="")
        parser.add_argument("--reference", default="", help="An application reference, A-…")
        parser.add_argument("--family-name", default="")
        parser.add_argument("--given-names", default="")
        parser.add_argument("--date-of-birth", default="", help="YYYY-MM-DD")
        parser.add_argument("--output", required=True, help="The ZIP file to write.")
        parser.add_argument("--with-id-numbers", action="store_true",
                            help="ID document numbers in clear, for the vetting office; "
                                 "masked otherwise.")

    def handle(self, *args, email, reference, family_name, given_names, date_of_birth,
               output, with_id_numbers, **options):
        born = None
        if date_of_birth:
            born = parse_date(date_of_birth)
            if born is None:
                raise CommandError("--date-of-birth: give a date as YYYY-MM-DD.")
        search = Search.of(email=email, reference=reference, family_name=family_name,
                           given_names=given_names, date_of_birth=born)
        try:
            with open(output, "wb") as handle:
                found = personal_data_export(
                    search=search, by=None, output=handle,
                    scope=frozenset({ACCREDITATION, LOGISTICS}), clear_ids=with_id_numbers,
                    via="manage.py export_personal_data")
        except AccordError as error:
            import os

            os.unlink(output)
            raise CommandError(error.message) from error
        self.stdout.write(self.style.SUCCESS(
            f"{output}: {len(found.applications)} application(s), {len(found.members)} "
            f"delegation member record(s), {len(found.events())} event(s)."))
