from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from accreditation.keys.models import ApiKey
from accreditation.keys.services import api_key_revoke


class Command(BaseCommand):
    help = "Revoke an API key, found by its prefix (acc_…), its name or the key itself."

    def add_arguments(self, parser):
        parser.add_argument("key", metavar="PREFIX_OR_NAME")

    def handle(self, *args, key, **options):
        wanted = key.strip().rstrip("…")
        matches = list(ApiKey.objects.filter(
            Q(prefix=wanted) | Q(name=wanted) | Q(digest=ApiKey.hash(wanted))))
        if not matches:
            raise CommandError(f'No API key has the prefix or name "{wanted}".')
        active = [k for k in matches if k.is_active]
        if not active:
            self.stdout.write(f'{matches[0]} was already revoked.')
            return
        if len(active) > 1:
            names = ", ".join(str(k) for k in active)
            raise CommandError(f'"{wanted}" matches several active keys ({names}); '
                               "give the prefix of the one to revoke.")
        revoked = api_key_revoke(key=active[0])
        self.stdout.write(self.style.SUCCESS(
            f"Revoked {revoked} at {revoked.revoked_at:%Y-%m-%d %H:%M %Z}."))
