"""Re-encrypt every encrypted field under the newest key, and rebuild every keyed hash
beside them under the current ID_INDEX_KEY: ID document numbers and their duplicate-finding
index, the secret links (registration, correction, confirmation) and the index they are
found by, webhook signing secrets, authenticator keys and recovery codes
(logistics.core.crypto.encrypted_models() finds them all).

Rotation, step by step (README, "Personal data keys"):
1. Put the new Fernet key first in FIELD_ENCRYPTION_KEYS, the old one after it; set a new
   ID_INDEX_KEY if that one changes too. Restart the web and worker processes.
2. `manage.py rotate_field_keys`: every row is rewritten under the new keys. Until it has
   run, a new ID_INDEX_KEY finds neither duplicates nor links: run it right after the
   restart.
3. Remove the old key from FIELD_ENCRYPTION_KEYS and restart.
"""

from cryptography.fernet import InvalidToken
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from logistics.core import crypto


class Command(BaseCommand):
    help = ("Re-encrypt ID document numbers and secrets under the newest key and rebuild "
            "their indexes.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Check that every row opens with the configured keys; "
                                 "change nothing.")

    def handle(self, *args, dry_run, **options):
        crypto.clear_key_cache()
        rewritten = unreadable = 0
        with transaction.atomic():
            for model, names, indexes in crypto.encrypted_models():
                done, failed = self._rotate(model, names, indexes)
                rewritten += done
                unreadable += failed
                self.stdout.write(f"{model._meta.label}: {done} row(s)"
                                  + (f", {failed} unreadable" if failed else ""))
            if unreadable:
                # All or nothing: a key is missing, and rows that no configured key opens
                # would otherwise be left behind under it.
                raise CommandError(f"{unreadable} value(s) open with none of the configured "
                                   "keys: add the key they were written with to "
                                   "FIELD_ENCRYPTION_KEYS and run again. Nothing was changed.")
            if dry_run:
                transaction.set_rollback(True)
        verb = "would be rewritten" if dry_run else "rewritten"
        self.stdout.write(self.style.SUCCESS(f"{rewritten} row(s) {verb}."))

    def _rotate(self, model, names, indexes):
        """Raw SQL: the fields decrypt on read, and here the stored tokens are what counts.
        Each index is computed again from the value it stands for."""
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        columns = [model._meta.get_field(name).column for name in names]
        done = failed = 0
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {quote(model._meta.pk.column)}, "
                           f"{', '.join(quote(c) for c in columns)} FROM {table}")
            rows = cursor.fetchall()
            for pk, *tokens in rows:
                if not any(tokens):
                    continue
                try:
                    new_tokens = [crypto.rotate(token) for token in tokens]
                except InvalidToken:
                    failed += 1
                    continue
                clear = dict(zip(names, map(crypto.decrypt, new_tokens), strict=True))
                assignments = [f"{quote(c)} = %s" for c in columns]
                values = list(new_tokens)
                for column, source, index in indexes:
                    assignments.append(f"{quote(column)} = %s")
                    values.append(index(clear[source]))
                cursor.execute(f"UPDATE {table} SET {', '.join(assignments)} "
                               f"WHERE {quote(model._meta.pk.column)} = %s", [*values, pk])
                done += 1
        return done, failed
