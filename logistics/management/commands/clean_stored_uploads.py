"""Clean every stored upload as uploads are cleaned now (docs/OPERATIONS.md): images
re-encoded without metadata or trailing bytes, PDFs rewritten without scripts, open actions
or embedded files. Safe to run again: a clean file is left as it is."""

from django.core.management.base import BaseCommand

from logistics.core.stored_uploads import stored_uploads_clean


class Command(BaseCommand):
    help = ("Clean every stored upload (photos, letters, press cards, ID copies, credentials, "
            "full powers) as uploads are cleaned now. A file that cannot be cleaned is "
            "reported and kept.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Say which files would be cleaned; change nothing.")

    def handle(self, *args, dry_run, **options):
        report = stored_uploads_clean(dry_run=dry_run)
        verb = "would be cleaned" if dry_run else "cleaned"
        for upload in report.cleaned:
            self.stdout.write(f"{verb}: {upload}")
        for upload, why in report.failed:
            self.stdout.write(self.style.WARNING(f"cannot be cleaned, kept: {upload}: {why}"))
        for upload in report.missing:
            self.stdout.write(self.style.WARNING(f"missing from storage: {upload}"))
        for upload in report.moved:
            self.stdout.write(f"replaced while being cleaned, left alone: {upload}")
        self.stdout.write(self.style.SUCCESS(
            f"{len(report.cleaned)} file(s) {verb}, {report.unchanged} already clean, "
            f"{len(report.failed)} cannot be cleaned, {len(report.missing)} missing."))
