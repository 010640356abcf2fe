"""Export one person's data to a ZIP, from the server (docs/PERSONAL_DATA.md).

No one is signed in here, so no role decides: the export covers every record, and ID data
(ID document numbers in clear, copies of ID documents) only with --with-id-data. It prints
which files went in and which were withheld."""

import os

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date

from logistics.core.errors import AccordError
from privacy.permissions import ACCREDITATION, LOGISTICS
from privacy.queries import Search
from privacy.services.export import personal_data_export


class Command(BaseCommand):
    help = ("Write everything held about one person (records and uploaded files) to a ZIP. "
            "Every key given must match. ID data only with --with-id-data.")

    def add_arguments(self, parser):
        parser.add_argument("--email", default="")
        parser.add_argument("--reference", default="", help="An application reference, A-…")
        parser.add_argument("--family-name", default="")
        parser.add_argument("--given-names", default="")
        parser.add_argument("--date-of-birth", default="", help="YYYY-MM-DD")
        parser.add_argument("--output", required=True, help="The ZIP file to write.")
        parser.add_argument("--with-id-data", "--with-id-numbers", dest="with_id_data",
                            action="store_true",
                            help="ID document numbers in clear and the copies of ID "
                                 "documents, for security vetting; without it the numbers "
                                 "are masked and the copies withheld. (--with-id-numbers is "
                                 "the former name.)")

    def handle(self, *args, email, reference, family_name, given_names, date_of_birth,
               output, with_id_data, **options):
        born = None
        if date_of_birth:
            born = parse_date(date_of_birth)
            if born is None:
                raise CommandError("--date-of-birth: give a date as YYYY-MM-DD.")
        search = Search.of(email=email, reference=reference, family_name=family_name,
                           given_names=given_names, date_of_birth=born)
        try:
            with open(output, "wb") as handle:
                export = personal_data_export(
                    search=search, by=None, output=handle,
                    scope=frozenset({ACCREDITATION, LOGISTICS}), with_id_data=with_id_data,
                    via="manage.py export_personal_data")
        except AccordError as error:
            os.unlink(output)
            raise CommandError(error.message) from error
        found = export.found
        self.stdout.write(
            "ID document numbers: "
            + ("in clear." if with_id_data else "masked (--with-id-data shows them)."))
        self.stdout.write(f"Files in the export: {len(export.carried)}")
        for name in export.carried:
            self.stdout.write(f"  {name}")
        self.stdout.write(f"Files withheld: {len(export.withheld)}")
        for entry in export.withheld:
            self.stdout.write(f"  {entry.file} of {entry.record}: {entry.why}")
        for name in export.missing:
            self.stdout.write(self.style.WARNING(f"Missing from storage: {name}"))
        self.stdout.write(self.style.SUCCESS(
            f"{output}: {len(found.applications)} application(s), {len(found.members)} "
            f"delegation member record(s), {len(found.events())} event(s)."))
