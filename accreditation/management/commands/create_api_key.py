from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accreditation.keys.models import ApiScope
from accreditation.keys.services import api_key_create


class Command(BaseCommand):
    help = "Create an API key for an integration and print it once."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Who the key is for, e.g. 'badge printer'.")
        parser.add_argument("--scopes", nargs="+", default=[ApiScope.READ], metavar="SCOPE",
                            help=f"One or more of: {', '.join(ApiScope.values)} "
                                 "(default: read).")

    def handle(self, *args, name, scopes, **options):
        try:
            key, raw = api_key_create(name=name, scopes=scopes)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(
            f'Created API key "{key.name}" ({key.prefix}…) with scope(s): '
            f"{', '.join(key.scopes)}."))
        self.stdout.write(raw)
        self.stdout.write("Copy it now: it will not be shown again. "
                          "Send it as 'Authorization: Bearer <key>'.")
