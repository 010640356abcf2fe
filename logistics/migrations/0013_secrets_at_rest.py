"""Secrets out of clear text: registration and confirmation links encrypted, found by a keyed
hash (unique); the second factor's devices our own, their keys and codes encrypted, moved
from django-otp's tables (logistics.core.secrets_migration)."""

import django.db.models.deletion
import logistics.core.crypto
import logistics.core.accounts.models
import logistics.delegations.models
import logistics.side_events.models
from django.conf import settings
from django.db import migrations, models

from logistics.core import secrets_migration

LINKS = [("logistics_invitation", "token"), ("logistics_sideeventproposal", "confirm_token")]


def encrypt_links(apps, schema_editor):
    for table, column in LINKS:
        secrets_migration.encrypt_secrets(schema_editor, table, column, f"{column}_index")


def decrypt_links(apps, schema_editor):
    for table, column in LINKS:
        secrets_migration.decrypt_secrets(schema_editor, table, column, f"{column}_index")


class Migration(migrations.Migration):

    dependencies = [
        ('logistics', '0012_unsent_tasks'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='invitation',
            name='token_index',
            field=logistics.core.crypto.SecretIndexField(of='token'),
        ),
        migrations.AddField(
            model_name='sideeventproposal',
            name='confirm_token_index',
            field=logistics.core.crypto.SecretIndexField(of='confirm_token'),
        ),
        migrations.AlterField(
            model_name='invitation',
            name='token',
            field=logistics.core.crypto.SecretField(blank=True, default=logistics.delegations.models.new_token, editable=False, verbose_name='registration link'),
        ),
        migrations.AlterField(
            model_name='sideeventproposal',
            name='confirm_token',
            field=logistics.core.crypto.SecretField(blank=True, default=logistics.side_events.models.new_confirm_token, editable=False, verbose_name='confirmation link'),
        ),
        migrations.RunPython(encrypt_links, decrypt_links),
        migrations.CreateModel(
            name='Authenticator',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='The human-readable name of this device.', max_length=64)),
                ('confirmed', models.BooleanField(default=True, help_text='Is this device ready for use?')),
                ('throttling_failure_timestamp', models.DateTimeField(blank=True, default=None, help_text='A timestamp of the last failed verification attempt. Null if last attempt succeeded.', null=True)),
                ('throttling_failure_count', models.PositiveIntegerField(default=0, help_text='Number of successive failed attempts.')),
                ('created_at', models.DateTimeField(auto_now_add=True, help_text='The date and time when this device was initially created in the system.', null=True)),
                ('last_used_at', models.DateTimeField(blank=True, help_text='The most recent date and time this device was used.', null=True)),
                ('key', logistics.core.crypto.SecretField(blank=True, default=logistics.core.accounts.models.new_authenticator_key, help_text='Hex-encoded, up to 40 bytes; encrypted at rest.', validators=[logistics.core.accounts.models.key_validator], verbose_name='key')),
                ('step', models.PositiveSmallIntegerField(default=30, verbose_name='time step (seconds)')),
                ('t0', models.BigIntegerField(default=0, verbose_name='first step (Unix time)')),
                ('digits', models.PositiveSmallIntegerField(choices=[(6, 6), (8, 8)], default=6, verbose_name='digits')),
                ('tolerance', models.PositiveSmallIntegerField(default=1, verbose_name='steps of tolerance')),
                ('drift', models.SmallIntegerField(default=0, verbose_name='clock drift (steps)')),
                ('last_t', models.BigIntegerField(default=-1, verbose_name='last step used')),
                ('user', models.ForeignKey(help_text='The user that this device belongs to.', on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'authenticator app',
                'verbose_name_plural': 'authenticator apps',
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='RecoveryCodes',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='The human-readable name of this device.', max_length=64)),
                ('confirmed', models.BooleanField(default=True, help_text='Is this device ready for use?')),
                ('throttling_failure_timestamp', models.DateTimeField(blank=True, default=None, help_text='A timestamp of the last failed verification attempt. Null if last attempt succeeded.', null=True)),
                ('throttling_failure_count', models.PositiveIntegerField(default=0, help_text='Number of successive failed attempts.')),
                ('created_at', models.DateTimeField(auto_now_add=True, help_text='The date and time when this device was initially created in the system.', null=True)),
                ('last_used_at', models.DateTimeField(blank=True, help_text='The most recent date and time this device was used.', null=True)),
                ('codes', logistics.core.crypto.SecretField(blank=True, default='', editable=False, verbose_name='recovery codes')),
                ('user', models.ForeignKey(help_text='The user that this device belongs to.', on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'recovery codes',
                'verbose_name_plural': 'recovery codes',
                'abstract': False,
            },
        ),
        migrations.RunPython(secrets_migration.move_devices_in,
                             secrets_migration.move_devices_out),
    ]
