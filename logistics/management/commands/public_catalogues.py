"""Trim the catalogues of the public-only languages to the messages of the public pages and
the mails (config.languages.PUBLIC_SOURCES), after makemessages has filled them with every
message of the project. Run by `make messages`."""

import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import to_locale

from config.languages import PUBLIC_ONLY_LANGUAGES, PUBLIC_SOURCES


class Command(BaseCommand):
    help = "Keep in the public-only languages' catalogues only the public pages' messages."

    def add_arguments(self, parser):
        parser.add_argument("--locale-dir", default=str(settings.LOCALE_PATHS[0]))

    def handle(self, *args, locale_dir, **options):
        # msggrep's --location takes the same shell-style patterns, one per option.
        locations = [f"--location={pattern}" for pattern in PUBLIC_SOURCES]
        for code in PUBLIC_ONLY_LANGUAGES:
            po = Path(locale_dir) / to_locale(code) / "LC_MESSAGES" / "django.po"
            subprocess.run(["msggrep", *locations, "--width=79", "--output-file", str(po),
                            str(po)], check=True)
            self.stdout.write(f"{po}: trimmed to the public pages' messages")
