"""Secrets out of clear text: the applicants' correction links encrypted, found by a keyed
hash (unique); webhook signing secrets encrypted (logistics.core.secrets_migration)."""

import accreditation.applications.models.applications
import accreditation.integrations.models
import logistics.core.crypto
from django.db import migrations

from logistics.core import secrets_migration


def encrypt(apps, schema_editor):
    secrets_migration.encrypt_secrets(schema_editor, "accreditation_application", "token",
                                      "token_index")
    secrets_migration.encrypt_secrets(schema_editor, "accreditation_webhook", "secret")


def decrypt(apps, schema_editor):
    secrets_migration.decrypt_secrets(schema_editor, "accreditation_application", "token",
                                      "token_index")
    secrets_migration.decrypt_secrets(schema_editor, "accreditation_webhook", "secret")


class Migration(migrations.Migration):

    dependencies = [
        ('accreditation', '0007_search_trigrams'),
    ]

    operations = [
        migrations.AddField(
            model_name='application',
            name='token_index',
            field=logistics.core.crypto.SecretIndexField(of='token'),
        ),
        migrations.AlterField(
            model_name='application',
            name='token',
            field=logistics.core.crypto.SecretField(blank=True, default=accreditation.applications.models.applications.new_token, editable=False, verbose_name='correction link'),
        ),
        migrations.AlterField(
            model_name='webhook',
            name='secret',
            field=logistics.core.crypto.SecretField(blank=True, default=accreditation.integrations.models.new_secret, editable=False, verbose_name='signing secret'),
        ),
        migrations.RunPython(encrypt, decrypt),
    ]
