"""The logistics app's tables as they stood after 0023_outbox, in one migration, with the
countries (UN members and observers, their regional groups, the committee's own names).

It replaces 0001 to 0023. A database that had applied all of them sees this one as applied
and runs nothing; a new one runs only this. A database part-way through the old chain must
first be brought to 0023 by the release before the squash (docs/OPERATIONS.md, "Upgrading
past the squash"). The old data migrations (secrets encrypted in place, the reminders' mails
moved to the outbox) are not repeated: a new database has no rows for them to change."""

import django.core.validators
import django.db.models.deletion
import logistics.core.accounts.models
import logistics.core.crypto
import logistics.core.models.event
import logistics.core.models.files
import logistics.delegations.models
import logistics.side_events.models
from django.conf import settings
from django.db import migrations, models


def load_countries(apps, schema_editor):
    from logistics.demo.countries import COMMITTEE_NAMES, rows

    Country = apps.get_model("logistics", "Country")
    Country.objects.bulk_create(
        [Country(code=code, name=name, regional_group=group, un_member=member,
                 names=COMMITTEE_NAMES.get(code, {}))
         for code, name, group, member in rows()],
        ignore_conflicts=True,
    )


def unload_countries(apps, schema_editor):
    apps.get_model("logistics", "Country").objects.all().delete()


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('logistics', '0001_initial'),
        ('logistics', '0002_restrict_instead_of_protect'),
        ('logistics', '0003_reminder_sending_and_weekly_hour'),
        ('logistics', '0004_programme'),
        ('logistics', '0005_delegations'),
        ('logistics', '0006_countries'),
        ('logistics', '0007_invitations'),
        ('logistics', '0008_signing'),
        ('logistics', '0009_delegations_programme_side_events'),
        ('logistics', '0010_host_country_and_organiser_mails'),
        ('logistics', '0011_member_id_document_encrypted'),
        ('logistics', '0012_unsent_tasks'),
        ('logistics', '0013_secrets_at_rest'),
        ('logistics', '0014_mail_counts'),
        ('logistics', '0015_privacy_consent'),
        ('logistics', '0016_registration_recheck'),
        ('logistics', '0017_country_names'),
        ('logistics', '0018_programme_change_mail'),
        ('logistics', '0019_list_of_participants'),
        ('logistics', '0020_readiness_snapshots'),
        ('logistics', '0021_mail_language'),
        ('logistics', '0022_signing_threshold'),
        ('logistics', '0023_outbox'),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Country',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=2, unique=True, verbose_name='ISO code')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('regional_group', models.CharField(blank=True, choices=[('african', 'African'), ('asia_pacific', 'Asia-Pacific'), ('eastern_european', 'Eastern European'), ('latin_american_caribbean', 'Latin American and Caribbean'), ('western_european_others', 'Western European and Others')], max_length=30, verbose_name='UN regional group')),
                ('un_member', models.BooleanField(default=True, verbose_name='UN member state')),
                ('names', models.JSONField(blank=True, default=dict, help_text='The committee\'s own names by language code, e.g. {"ar": "…", "vi": "…"}; a language not given uses CLDR\'s name.', verbose_name='names in other languages')),
            ],
            options={
                'verbose_name': 'country',
                'verbose_name_plural': 'countries',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Room',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('capacity', models.PositiveIntegerField(help_text='Seats.', verbose_name='capacity')),
                ('access_zone', models.CharField(blank=True, help_text='The badge zone needed to enter, e.g. A.', max_length=20, verbose_name='access zone')),
                ('interpretation_booths', models.PositiveSmallIntegerField(default=0, verbose_name='interpretation booths')),
                ('streaming', models.BooleanField(default=False, verbose_name='streaming')),
            ],
            options={
                'verbose_name': 'room',
                'verbose_name_plural': 'rooms',
                'ordering': ['venue__name', 'name'],
            },
        ),
        migrations.CreateModel(
            name='UnsentTask',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('task', models.CharField(max_length=200, verbose_name='task')),
                ('args', models.JSONField(default=list, verbose_name='arguments')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='refused at')),
                ('error', models.CharField(blank=True, max_length=500, verbose_name='error')),
            ],
            options={
                'verbose_name': 'unsent task',
                'verbose_name_plural': 'unsent tasks',
                'ordering': ['pk'],
            },
        ),
        migrations.CreateModel(
            name='Agency',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(help_text='The short name used in the plan, e.g. MPS.', max_length=30, verbose_name='code')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('kind', models.CharField(choices=[('ministry', 'Ministry'), ('city', 'City authority'), ('police', 'Police unit or locality'), ('association', 'Association'), ('un_entity', 'UN entity'), ('company', 'Company'), ('other', 'Other')], default='other', max_length=20, verbose_name='kind')),
                ('emails', models.JSONField(blank=True, default=list, help_text="Addresses that receive the agency's mail.", verbose_name='e-mail addresses')),
                ('focal_points', models.ManyToManyField(blank=True, related_name='focal_agencies', to=settings.AUTH_USER_MODEL, verbose_name='focal points')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.RESTRICT, related_name='units', to='logistics.agency', verbose_name='parent agency')),
            ],
            options={
                'verbose_name': 'agency',
                'verbose_name_plural': 'agencies',
                'ordering': ['code'],
            },
        ),
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
            name='Event',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('slug', models.SlugField(unique=True, verbose_name='short name')),
                ('venue', models.CharField(blank=True, max_length=200, verbose_name='venue')),
                ('city', models.CharField(blank=True, max_length=100, verbose_name='city')),
                ('start_date', models.DateField(verbose_name='first day')),
                ('end_date', models.DateField(verbose_name='last day')),
                ('time_zone', models.CharField(choices=logistics.core.models.event._time_zone_choices, default='Asia/Ho_Chi_Minh', max_length=64, verbose_name='time zone')),
                ('languages', models.JSONField(blank=True, default=list, help_text='Language codes, e.g. en, fr, ar.', verbose_name='languages')),
                ('registration_deadline', models.DateTimeField(blank=True, help_text='Invitation links work until then; empty: until the event starts.', null=True, verbose_name='registration deadline')),
                ('due_soon_days', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='remind this many days before the deadline')),
                ('escalate_after_days', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='escalate after this many days late')),
                ('digest_hour', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='daily digest at this local hour')),
                ('weekly_weekday', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='weekly note on this weekday (0 = Monday)')),
                ('weekly_hour', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='weekly note at this local hour')),
                ('signing_threshold', models.PositiveSmallIntegerField(default=40, help_text='How many states must sign (or ratify) before the treaty enters into force; the signing board and the dashboard count against it.', validators=[django.core.validators.MinValueValidator(1)], verbose_name='signatures for entry into force')),
                ('host_country', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='logistics.country', verbose_name='host country')),
            ],
            options={
                'verbose_name': 'event',
                'verbose_name_plural': 'events',
                'ordering': ['start_date'],
            },
        ),
        migrations.CreateModel(
            name='Delegation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('state', 'State'), ('observer_state', 'Observer state'), ('igo', 'Intergovernmental organisation'), ('un_entity', 'UN entity'), ('ngo', 'Non-governmental organisation'), ('private_sector', 'Private sector'), ('research', 'Research institution')], max_length=20, verbose_name='kind')),
                ('name', models.CharField(help_text='For a state, its name; for an organisation, its own.', max_length=200, verbose_name='name')),
                ('head_name', models.CharField(blank=True, max_length=200, verbose_name='head of delegation')),
                ('head_title', models.CharField(blank=True, max_length=200, verbose_name='title of the head of delegation')),
                ('head_level', models.CharField(blank=True, choices=[('head_of_state', 'Head of State'), ('head_of_government', 'Head of Government'), ('foreign_minister', 'Minister for Foreign Affairs'), ('minister', 'Other minister'), ('vice_minister', 'Vice-minister'), ('ambassador', 'Ambassador'), ('senior_official', 'Senior official')], max_length=30, verbose_name='level')),
                ('status', models.CharField(choices=[('invited', 'Invited'), ('confirmed', 'Confirmed'), ('registered', 'Registered'), ('arrived', 'Arrived'), ('departed', 'Departed'), ('declined', 'Declined')], default='invited', max_length=20, verbose_name='status')),
                ('size_quota', models.PositiveSmallIntegerField(default=10, verbose_name='size quota')),
                ('focal_point_name', models.CharField(blank=True, max_length=200, verbose_name='focal point')),
                ('focal_point_email', models.EmailField(blank=True, max_length=254, verbose_name="focal point's e-mail")),
                ('mail_language', models.CharField(blank=True, choices=[('ar', 'Arabic'), ('zh-hans', 'Chinese'), ('en', 'English'), ('fr', 'French'), ('ru', 'Russian'), ('es', 'Spanish'), ('vi', 'Vietnamese')], help_text="The focal point's mails are written in it; the registration form sets it to the language it was last sent in. Blank: the committee's language.", max_length=15, verbose_name='language of mails')),
                ('hotel', models.CharField(blank=True, max_length=200, verbose_name='hotel')),
                ('protocol_notes', models.TextField(blank=True, verbose_name='protocol notes')),
                ('intends_to_sign', models.BooleanField(default=False, verbose_name='intends to sign')),
                ('credentials_document', models.FileField(blank=True, upload_to=logistics.core.models.files.RandomName('credentials'), verbose_name='credentials')),
                ('credentials_received_at', models.DateTimeField(blank=True, null=True, verbose_name='credentials received')),
                ('credentials_checked_at', models.DateTimeField(blank=True, null=True, verbose_name='credentials checked')),
                ('registered_at', models.DateTimeField(blank=True, null=True, verbose_name='registration completed')),
                ('privacy_consent_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='privacy notice agreed')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('country', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.RESTRICT, related_name='delegations', to='logistics.country', verbose_name='country')),
                ('credentials_checked_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='credentials checked by')),
                ('liaison_officer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='liaison officer')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='delegations', to='logistics.event', verbose_name='event')),
            ],
            options={
                'verbose_name': 'delegation',
                'verbose_name_plural': 'delegations',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Committee',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=30, verbose_name='code')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('kind', models.CharField(choices=[('steering', 'Steering committee'), ('working_group', 'Working group'), ('subcommittee', 'Subcommittee')], default='subcommittee', max_length=20, verbose_name='kind')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('chair_agency', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.RESTRICT, related_name='chaired_committees', to='logistics.agency', verbose_name='chair agency')),
                ('member_agencies', models.ManyToManyField(blank=True, related_name='committees', to='logistics.agency', verbose_name='member agencies')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='committees', to='logistics.event', verbose_name='event')),
            ],
            options={
                'verbose_name': 'committee',
                'verbose_name_plural': 'committees',
                'ordering': ['order', 'code'],
            },
        ),
        migrations.AddField(
            model_name='agency',
            name='event',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agencies', to='logistics.event', verbose_name='event'),
        ),
        migrations.CreateModel(
            name='HostLeader',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='host_leaders', to='logistics.event', verbose_name='event')),
            ],
            options={
                'verbose_name': 'host leader',
                'verbose_name_plural': 'host leaders',
                'ordering': ['pk'],
            },
        ),
        migrations.CreateModel(
            name='Invitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', logistics.core.crypto.SecretField(blank=True, default=logistics.delegations.models.new_token, editable=False, verbose_name='registration link')),
                ('token_index', logistics.core.crypto.SecretIndexField(of='token')),
                ('email', models.EmailField(max_length=254, verbose_name='sent to')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent')),
                ('expires_at', models.DateTimeField(verbose_name='expires')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked')),
                ('delegation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='logistics.delegation', verbose_name='delegation')),
            ],
            options={
                'verbose_name': 'invitation',
                'verbose_name_plural': 'invitations',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='MailCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('address_digest', models.CharField(max_length=64, verbose_name='address digest')),
                ('day', models.DateField(db_index=True, verbose_name='day')),
                ('count', models.PositiveIntegerField(default=0, verbose_name='mails')),
            ],
            options={
                'verbose_name': 'mail count',
                'verbose_name_plural': 'mail counts',
                'constraints': [models.UniqueConstraint(fields=('address_digest', 'day'), name='mail_count_one_per_address_and_day')],
            },
        ),
        migrations.CreateModel(
            name='OutgoingMail',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=200, unique=True, verbose_name='key')),
                ('kind', models.CharField(choices=[('due_soon', 'Due soon'), ('overdue', 'Overdue'), ('escalation', 'Escalation'), ('digest', 'Daily digest'), ('weekly', 'Weekly note'), ('registration_due', 'Registration not yet made'), ('registration_incomplete', 'Registration incomplete'), ('registration_recheck', 'Registration re-checked'), ('proposal_confirmation', 'Side event not yet confirmed'), ('invitation', 'Invitation to register'), ('proposal_received', 'Side-event proposal received'), ('proposal_decision', 'Side-event decision'), ('programme_changes', 'Programme changes'), ('application_status', 'Accreditation application status')], max_length=30, verbose_name='kind')),
                ('recipients', models.JSONField(blank=True, default=list, verbose_name='to')),
                ('cc', models.JSONField(blank=True, default=list, verbose_name='copy')),
                ('subject', models.CharField(blank=True, max_length=300, verbose_name='subject')),
                ('language', models.CharField(blank=True, max_length=10, verbose_name='language')),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('sending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed'), ('held', 'Held back')], default='queued', max_length=10, verbose_name='status')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                ('last_error', models.TextField(blank=True, verbose_name='last error')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('queued_at', models.DateTimeField(blank=True, null=True, verbose_name='queued')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='mails', to='logistics.event', verbose_name='event')),
            ],
            options={
                'verbose_name': 'outgoing mail',
                'verbose_name_plural': 'outgoing mails',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='ProgrammeVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField(verbose_name='version')),
                ('published_at', models.DateTimeField(auto_now_add=True, verbose_name='published')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('sessions', models.JSONField(default=list, verbose_name='sessions')),
                ('changes', models.JSONField(default=dict, verbose_name='changes')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='programme_versions', to='logistics.event', verbose_name='event')),
                ('published_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='published by')),
            ],
            options={
                'verbose_name': 'programme version',
                'verbose_name_plural': 'programme versions',
                'ordering': ['event', '-number'],
            },
        ),
        migrations.CreateModel(
            name='ReadinessSnapshot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(verbose_name='day')),
                ('progress', models.FloatField(verbose_name='readiness (%)')),
                ('taken_at', models.DateTimeField(auto_now_add=True, verbose_name='taken')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='readiness_snapshots', to='logistics.event', verbose_name='event')),
            ],
            options={
                'verbose_name': 'readiness snapshot',
                'verbose_name_plural': 'readiness snapshots',
                'ordering': ['event', 'day'],
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
        migrations.CreateModel(
            name='Session',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('opening', 'Opening'), ('signing_ceremony', 'Signing ceremony'), ('plenary', 'Plenary'), ('high_level_debate', 'High-level debate'), ('roundtable', 'Roundtable'), ('seminar', 'Seminar'), ('side_event', 'Side event'), ('exhibition', 'Exhibition'), ('bilateral', 'Bilateral meeting'), ('press_conference', 'Press conference'), ('rehearsal', 'Rehearsal'), ('cultural', 'Cultural programme'), ('reception', 'Reception')], max_length=20, verbose_name='kind')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('starts_at', models.DateTimeField(verbose_name='starts')),
                ('ends_at', models.DateTimeField(verbose_name='ends')),
                ('languages', models.JSONField(blank=True, default=list, help_text='Language codes, e.g. en, fr, ar.', verbose_name='languages of interpretation')),
                ('media_access', models.CharField(choices=[('open', 'Open to media'), ('pool', 'Media pool only'), ('closed', 'Closed to media')], default='open', max_length=10, verbose_name='media access')),
                ('chair', models.CharField(blank=True, max_length=200, verbose_name='chair')),
                ('organiser', models.CharField(blank=True, max_length=200, verbose_name='organiser')),
                ('organiser_email', models.EmailField(blank=True, max_length=254, verbose_name="organiser's e-mail")),
                ('expected_audience', models.PositiveIntegerField(blank=True, null=True, verbose_name='expected audience')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('scheduled', 'Scheduled'), ('cancelled', 'Cancelled')], default='draft', max_length=10, verbose_name='status')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('delegations', models.ManyToManyField(blank=True, related_name='sessions', to='logistics.delegation', verbose_name='delegations taking part')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sessions', to='logistics.event', verbose_name='event')),
                ('host_leader', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.RESTRICT, related_name='sessions', to='logistics.hostleader', verbose_name='host leader')),
                ('room', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.RESTRICT, related_name='sessions', to='logistics.room', verbose_name='room')),
            ],
            options={
                'verbose_name': 'session',
                'verbose_name_plural': 'sessions',
                'ordering': ['starts_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='BilateralMeeting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('subject', models.CharField(blank=True, max_length=300, verbose_name='subject')),
                ('duration_minutes', models.PositiveSmallIntegerField(default=30, verbose_name='duration (minutes)')),
                ('status', models.CharField(choices=[('requested', 'Requested'), ('scheduled', 'Scheduled'), ('held', 'Held'), ('declined', 'Declined')], default='requested', max_length=10, verbose_name='status')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('requested_at', models.DateTimeField(auto_now_add=True, verbose_name='requested')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('counterpart', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='bilaterals_invited', to='logistics.delegation', verbose_name='with delegation')),
                ('requester', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='bilaterals_requested', to='logistics.delegation', verbose_name='requested by')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='bilaterals', to='logistics.event', verbose_name='event')),
                ('host_leader', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.RESTRICT, related_name='bilaterals', to='logistics.hostleader', verbose_name='with host leader')),
                ('session', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='bilateral', to='logistics.session', verbose_name='session')),
            ],
            options={
                'verbose_name': 'bilateral meeting',
                'verbose_name_plural': 'bilateral meetings',
                'ordering': ['-requested_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='SideEventProposal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reference', models.CharField(default=logistics.side_events.models.new_reference, editable=False, max_length=12, unique=True, verbose_name='reference')),
                ('organiser_name', models.CharField(max_length=200, verbose_name='contact person')),
                ('organiser_organisation', models.CharField(max_length=200, verbose_name='organiser')),
                ('organiser_email', models.EmailField(max_length=254, verbose_name='e-mail')),
                ('mail_language', models.CharField(blank=True, choices=[('ar', 'Arabic'), ('zh-hans', 'Chinese'), ('en', 'English'), ('fr', 'French'), ('ru', 'Russian'), ('es', 'Spanish'), ('vi', 'Vietnamese')], help_text="The organiser's mails are written in it: the language the proposal was sent in. Blank: the committee's language.", max_length=15, verbose_name='language of mails')),
                ('co_organisers', models.TextField(blank=True, help_text='One organisation per line.', verbose_name='co-organisers')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('abstract', models.TextField(verbose_name='abstract')),
                ('format', models.CharField(choices=[('panel', 'Panel'), ('workshop', 'Workshop'), ('exhibition_booth', 'Exhibition booth')], max_length=20, verbose_name='format')),
                ('languages', models.JSONField(default=list, help_text='Language codes, e.g. en, fr, ar.', verbose_name='languages')),
                ('expected_audience', models.PositiveIntegerField(verbose_name='expected audience')),
                ('technical_needs', models.TextField(blank=True, verbose_name='technical needs')),
                ('preferred_slots', models.JSONField(blank=True, default=list, verbose_name='preferred slots')),
                ('status', models.CharField(choices=[('submitted', 'Submitted'), ('accepted', 'Accepted'), ('waitlisted', 'Waitlisted'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn')], default='submitted', max_length=12, verbose_name='status')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided')),
                ('confirm_token', logistics.core.crypto.SecretField(blank=True, default=logistics.side_events.models.new_confirm_token, editable=False, verbose_name='confirmation link')),
                ('confirm_token_index', logistics.core.crypto.SecretIndexField(of='confirm_token')),
                ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='confirmed by the organiser')),
                ('received_mailed_at', models.DateTimeField(blank=True, null=True, verbose_name='reference mailed')),
                ('privacy_consent_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='privacy notice agreed')),
                ('decision_mailed', models.CharField(blank=True, choices=[('submitted', 'Submitted'), ('accepted', 'Accepted'), ('waitlisted', 'Waitlisted'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn')], max_length=12, verbose_name='decision mailed')),
                ('submitted_at', models.DateTimeField(auto_now_add=True, verbose_name='submitted')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='proposals', to='logistics.event', verbose_name='event')),
                ('session', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='proposal', to='logistics.session', verbose_name='session')),
            ],
            options={
                'verbose_name': 'side-event proposal',
                'verbose_name_plural': 'side-event proposals',
                'ordering': ['-submitted_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='ProposalReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.PositiveSmallIntegerField(verbose_name='score')),
                ('comment', models.TextField(blank=True, verbose_name='comment')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('reviewer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='proposal_reviews', to=settings.AUTH_USER_MODEL, verbose_name='reviewer')),
                ('proposal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='logistics.sideeventproposal', verbose_name='proposal')),
            ],
            options={
                'verbose_name': 'review',
                'verbose_name_plural': 'reviews',
                'ordering': ['created_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Signing',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('where', models.CharField(choices=[('plenary', 'Plenary ceremony'), ('treaty_desk', 'Treaty desk')], default='plenary', max_length=20, verbose_name='where')),
                ('order', models.PositiveSmallIntegerField(blank=True, help_text='In the plenary ceremony only.', null=True, verbose_name='order of signing')),
                ('scheduled_at', models.DateTimeField(blank=True, null=True, verbose_name='scheduled at')),
                ('signatory_name', models.CharField(blank=True, max_length=200, verbose_name='signatory')),
                ('signatory_title', models.CharField(blank=True, max_length=200, verbose_name="signatory's title")),
                ('signatory_level', models.CharField(blank=True, choices=[('head_of_state', 'Head of State'), ('head_of_government', 'Head of Government'), ('foreign_minister', 'Minister for Foreign Affairs'), ('minister', 'Other minister'), ('vice_minister', 'Vice-minister'), ('ambassador', 'Ambassador'), ('senior_official', 'Senior official')], max_length=30, verbose_name="signatory's level")),
                ('full_powers_received_at', models.DateTimeField(blank=True, null=True, verbose_name='full powers received')),
                ('full_powers_document', models.FileField(blank=True, upload_to=logistics.core.models.files.RandomName('full-powers'), verbose_name='full powers')),
                ('full_powers_verified_at', models.DateTimeField(blank=True, null=True, verbose_name='full powers verified')),
                ('signed_at', models.DateTimeField(blank=True, null=True, verbose_name='signed')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('delegation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='signings', to='logistics.delegation', verbose_name='delegation')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='signings', to='logistics.event', verbose_name='event')),
                ('full_powers_verified_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='full powers verified by')),
            ],
            options={
                'verbose_name': 'signing',
                'verbose_name_plural': 'signings',
                'ordering': ['event', 'where', 'order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='SpeakerSlot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('speaker_name', models.CharField(max_length=200, verbose_name='speaker')),
                ('speaker_title', models.CharField(blank=True, max_length=200, verbose_name="speaker's title")),
                ('level', models.CharField(choices=[('head_of_state', 'Head of State'), ('head_of_government', 'Head of Government'), ('foreign_minister', 'Minister for Foreign Affairs'), ('minister', 'Other minister'), ('vice_minister', 'Vice-minister'), ('ambassador', 'Ambassador'), ('senior_official', 'Senior official')], max_length=30, verbose_name='level')),
                ('inscribed_at', models.DateTimeField(verbose_name='inscribed')),
                ('order', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='order')),
                ('time_limit_minutes', models.PositiveSmallIntegerField(default=5, verbose_name='time limit (minutes)')),
                ('language', models.CharField(help_text='Language code, e.g. en, fr, ar.', max_length=10, verbose_name='language of the statement')),
                ('status', models.CharField(choices=[('inscribed', 'Inscribed'), ('spoken', 'Spoken'), ('withdrawn', 'Withdrawn')], default='inscribed', max_length=10, verbose_name='status')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('delegation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='speaker_slots', to='logistics.delegation', verbose_name='delegation')),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='speakers', to='logistics.session', verbose_name='session')),
            ],
            options={
                'verbose_name': 'speaker',
                'verbose_name_plural': 'speakers list',
                'ordering': ['session', models.OrderBy(models.F('order'), nulls_last=True), 'inscribed_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Task',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=30, verbose_name='code')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('start_date', models.DateField(blank=True, null=True, verbose_name='start')),
                ('due_date', models.DateField(verbose_name='due')),
                ('status', models.CharField(choices=[('planned', 'Planned'), ('in_progress', 'In progress'), ('blocked', 'Blocked'), ('done', 'Done'), ('cancelled', 'Cancelled')], default='planned', max_length=20, verbose_name='status')),
                ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='progress (%)')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('committee', models.ForeignKey(on_delete=django.db.models.deletion.RESTRICT, related_name='tasks', to='logistics.committee', verbose_name='committee')),
                ('coordinating_agencies', models.ManyToManyField(blank=True, related_name='coordinated_tasks', to='logistics.agency', verbose_name='coordinating agencies')),
                ('depends_on', models.ManyToManyField(blank=True, related_name='dependents', to='logistics.task', verbose_name='depends on')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tasks', to='logistics.event', verbose_name='event')),
                ('lead_agency', models.ForeignKey(on_delete=django.db.models.deletion.RESTRICT, related_name='led_tasks', to='logistics.agency', verbose_name='lead agency')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.RESTRICT, related_name='children', to='logistics.task', verbose_name='parent task')),
            ],
            options={
                'verbose_name': 'task',
                'verbose_name_plural': 'tasks',
                'ordering': ['due_date', 'code'],
            },
        ),
        migrations.CreateModel(
            name='Reminder',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('due_soon', 'Due soon'), ('overdue', 'Overdue'), ('escalation', 'Escalation'), ('digest', 'Daily digest'), ('weekly', 'Weekly note'), ('registration_due', 'Registration not yet made'), ('registration_incomplete', 'Registration incomplete'), ('registration_recheck', 'Registration re-checked'), ('proposal_confirmation', 'Side event not yet confirmed')], max_length=30, verbose_name='kind')),
                ('for_date', models.DateField(verbose_name='for')),
                ('level', models.PositiveSmallIntegerField(default=0, help_text='Days before (due soon) or after (late) the deadline.', verbose_name='level')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('agency', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='logistics.agency', verbose_name='agency')),
                ('delegation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='logistics.delegation', verbose_name='delegation')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='logistics.event', verbose_name='event')),
                ('mail', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reminder', to='logistics.outgoingmail', verbose_name='mail')),
                ('proposal', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='logistics.sideeventproposal', verbose_name='side-event proposal')),
                ('task', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='logistics.task', verbose_name='task')),
            ],
            options={
                'verbose_name': 'reminder',
                'verbose_name_plural': 'reminders',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='TaskUpdate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='when')),
                ('changes', models.JSONField(blank=True, default=dict, verbose_name='changes')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('via', models.CharField(blank=True, max_length=120, verbose_name='via')),
                ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='task_updates', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                ('task', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='updates', to='logistics.task', verbose_name='task')),
            ],
            options={
                'verbose_name': 'task update',
                'verbose_name_plural': 'task updates',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Venue',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('address', models.CharField(blank=True, max_length=300, verbose_name='address')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='venues', to='logistics.event', verbose_name='event')),
            ],
            options={
                'verbose_name': 'venue',
                'verbose_name_plural': 'venues',
                'ordering': ['name'],
            },
        ),
        migrations.AddField(
            model_name='room',
            name='venue',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rooms', to='logistics.venue', verbose_name='venue'),
        ),
        migrations.CreateModel(
            name='DelegationMember',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('id_document_number', logistics.core.crypto.EncryptedCharField(blank=True, default='', verbose_name='ID document number')),
                ('id_document_index', models.CharField(blank=True, db_index=True, editable=False, max_length=64)),
                ('family_name', models.CharField(max_length=150, verbose_name='family name')),
                ('given_names', models.CharField(blank=True, max_length=150, verbose_name='given names')),
                ('title', models.CharField(blank=True, max_length=200, verbose_name='title or function')),
                ('gender', models.CharField(blank=True, choices=[('female', 'Female'), ('male', 'Male'), ('other', 'Other or not stated')], max_length=10, verbose_name='gender')),
                ('date_of_birth', models.DateField(blank=True, null=True, verbose_name='date of birth')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                ('is_head', models.BooleanField(default=False, verbose_name='head of delegation')),
                ('in_list_of_participants', models.BooleanField(default=False, help_text='Agrees to appear in the published list of participants: title or function, name and delegation, nothing else.', verbose_name='in the list of participants')),
                ('arrival_at', models.DateTimeField(blank=True, null=True, verbose_name='arrival')),
                ('arrival_flight', models.CharField(blank=True, max_length=20, verbose_name='arrival flight')),
                ('departure_at', models.DateTimeField(blank=True, null=True, verbose_name='departure')),
                ('departure_flight', models.CharField(blank=True, max_length=20, verbose_name='departure flight')),
                ('dietary_needs', models.CharField(blank=True, max_length=200, verbose_name='dietary needs')),
                ('accessibility_needs', models.CharField(blank=True, max_length=200, verbose_name='accessibility needs')),
                ('id_document_expiry', models.DateField(blank=True, null=True, verbose_name='ID document expiry')),
                ('hotel', models.CharField(blank=True, max_length=200, verbose_name='hotel')),
                ('arrival_airport', models.CharField(blank=True, help_text='IATA code, e.g. HAN.', max_length=3, verbose_name='arrival airport')),
                ('departure_airport', models.CharField(blank=True, help_text='IATA code, e.g. HAN.', max_length=3, verbose_name='departure airport')),
                ('photo', models.FileField(blank=True, upload_to=logistics.core.models.files.RandomName('photos'), verbose_name='photo')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('delegation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='members', to='logistics.delegation', verbose_name='delegation')),
                ('nationality', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.RESTRICT, related_name='+', to='logistics.country', verbose_name='nationality')),
            ],
            options={
                'verbose_name': 'delegation member',
                'verbose_name_plural': 'delegation members',
                'ordering': ['-is_head', 'family_name', 'given_names'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('is_head', True)), fields=('delegation',), name='delegation_one_head'), models.CheckConstraint(condition=models.Q(('departure_at__isnull', True), ('arrival_at__isnull', True), ('departure_at__gte', models.F('arrival_at')), _connector='OR'), name='member_departs_after_arriving')],
            },
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('end_date__gte', models.F('start_date'))), name='event_ends_after_it_starts'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('digest_hour__lte', 23)), name='event_digest_hour_in_day'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('weekly_weekday__lte', 6)), name='event_weekly_weekday_in_week'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('weekly_hour__lte', 23)), name='event_weekly_hour_in_day'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('signing_threshold__gte', 1)), name='event_signing_threshold_positive'),
        ),
        migrations.AddIndex(
            model_name='delegation',
            index=models.Index(fields=['event', 'status'], name='logistics_d_event_i_64fa82_idx'),
        ),
        migrations.AddConstraint(
            model_name='delegation',
            constraint=models.UniqueConstraint(condition=models.Q(('country__isnull', False)), fields=('event', 'country'), name='delegation_one_per_country'),
        ),
        migrations.AddConstraint(
            model_name='delegation',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind__in', ('state', 'observer_state')), _negated=True), ('country__isnull', False), _connector='OR'), name='delegation_state_has_country'),
        ),
        migrations.AddConstraint(
            model_name='delegation',
            constraint=models.CheckConstraint(condition=models.Q(('size_quota__gte', 1)), name='delegation_quota_at_least_one'),
        ),
        migrations.AddConstraint(
            model_name='committee',
            constraint=models.UniqueConstraint(fields=('event', 'code'), name='committee_code_unique'),
        ),
        migrations.AddConstraint(
            model_name='agency',
            constraint=models.UniqueConstraint(fields=('event', 'code'), name='agency_code_unique'),
        ),
        migrations.AddConstraint(
            model_name='hostleader',
            constraint=models.UniqueConstraint(fields=('event', 'name'), name='host_leader_name_unique'),
        ),
        migrations.AddConstraint(
            model_name='invitation',
            constraint=models.UniqueConstraint(condition=models.Q(('revoked_at__isnull', True)), fields=('delegation',), name='invitation_one_live_link_per_delegation'),
        ),
        migrations.AddIndex(
            model_name='outgoingmail',
            index=models.Index(fields=['event', '-created_at', '-id'], name='mail_event_newest'),
        ),
        migrations.AddIndex(
            model_name='outgoingmail',
            index=models.Index(fields=['status', 'queued_at'], name='mail_status_queued'),
        ),
        migrations.AddConstraint(
            model_name='programmeversion',
            constraint=models.UniqueConstraint(fields=('event', 'number'), name='programme_version_number_unique'),
        ),
        migrations.AddConstraint(
            model_name='readinesssnapshot',
            constraint=models.UniqueConstraint(fields=('event', 'day'), name='readiness_snapshot_once_a_day'),
        ),
        migrations.AddIndex(
            model_name='session',
            index=models.Index(fields=['room', 'starts_at'], name='logistics_s_room_id_bb313e_idx'),
        ),
        migrations.AddIndex(
            model_name='session',
            index=models.Index(fields=['event', 'starts_at'], name='logistics_s_event_i_96da0c_idx'),
        ),
        migrations.AddConstraint(
            model_name='session',
            constraint=models.CheckConstraint(condition=models.Q(('ends_at__gt', models.F('starts_at'))), name='session_ends_after_it_starts', violation_error_message='A session must end after it starts.'),
        ),
        migrations.AddConstraint(
            model_name='session',
            constraint=models.CheckConstraint(condition=models.Q(('expected_audience__gte', 0)), name='session_audience_not_negative', violation_error_message='The expected audience cannot be negative.'),
        ),
        migrations.AddIndex(
            model_name='bilateralmeeting',
            index=models.Index(fields=['event', 'status'], name='logistics_b_event_i_49851b_idx'),
        ),
        migrations.AddConstraint(
            model_name='bilateralmeeting',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('counterpart__isnull', False), ('host_leader__isnull', True)), models.Q(('counterpart__isnull', True), ('host_leader__isnull', False)), _connector='OR'), name='bilateral_with_one_counterpart'),
        ),
        migrations.AddConstraint(
            model_name='bilateralmeeting',
            constraint=models.CheckConstraint(condition=models.Q(('counterpart', models.F('requester')), _negated=True), name='bilateral_not_with_itself'),
        ),
        migrations.AddConstraint(
            model_name='bilateralmeeting',
            constraint=models.CheckConstraint(condition=models.Q(('duration_minutes__gte', 5)), name='bilateral_at_least_five_minutes'),
        ),
        migrations.AddIndex(
            model_name='sideeventproposal',
            index=models.Index(fields=['event', 'status'], name='logistics_s_event_i_083956_idx'),
        ),
        migrations.AddConstraint(
            model_name='sideeventproposal',
            constraint=models.CheckConstraint(condition=models.Q(('expected_audience__gte', 1)), name='proposal_audience_positive'),
        ),
        migrations.AddConstraint(
            model_name='proposalreview',
            constraint=models.UniqueConstraint(fields=('proposal', 'reviewer'), name='review_one_per_reviewer'),
        ),
        migrations.AddConstraint(
            model_name='proposalreview',
            constraint=models.CheckConstraint(condition=models.Q(('score__gte', 1), ('score__lte', 5)), name='review_score_in_range'),
        ),
        migrations.AddIndex(
            model_name='signing',
            index=models.Index(fields=['event', 'signed_at'], name='logistics_s_event_i_308f40_idx'),
        ),
        migrations.AddConstraint(
            model_name='signing',
            constraint=models.UniqueConstraint(fields=('event', 'delegation'), name='signing_one_per_delegation'),
        ),
        migrations.AddConstraint(
            model_name='signing',
            constraint=models.UniqueConstraint(condition=models.Q(('where', 'plenary'), ('order__isnull', False)), fields=('event', 'order'), name='signing_plenary_order_unique'),
        ),
        migrations.AddConstraint(
            model_name='signing',
            constraint=models.CheckConstraint(condition=models.Q(('order__isnull', True), ('order__gte', 1), _connector='OR'), name='signing_order_from_one'),
        ),
        migrations.AddConstraint(
            model_name='signing',
            constraint=models.CheckConstraint(condition=models.Q(('order__isnull', True), ('where', 'plenary'), _connector='OR'), name='signing_order_only_in_plenary'),
        ),
        migrations.AddConstraint(
            model_name='speakerslot',
            constraint=models.UniqueConstraint(fields=('session', 'delegation'), name='speaker_one_statement_per_delegation'),
        ),
        migrations.AddConstraint(
            model_name='speakerslot',
            constraint=models.UniqueConstraint(condition=models.Q(('order__isnull', False)), fields=('session', 'order'), name='speaker_order_unique'),
        ),
        migrations.AddConstraint(
            model_name='speakerslot',
            constraint=models.CheckConstraint(condition=models.Q(('order__isnull', True), ('order__gte', 1), _connector='OR'), name='speaker_order_from_one'),
        ),
        migrations.AddConstraint(
            model_name='speakerslot',
            constraint=models.CheckConstraint(condition=models.Q(('time_limit_minutes__gte', 1)), name='speaker_time_limit_positive'),
        ),
        migrations.AddIndex(
            model_name='task',
            index=models.Index(fields=['event', 'status', 'due_date'], name='logistics_t_event_i_aed713_idx'),
        ),
        migrations.AddConstraint(
            model_name='task',
            constraint=models.UniqueConstraint(fields=('event', 'code'), name='task_code_unique'),
        ),
        migrations.AddConstraint(
            model_name='task',
            constraint=models.CheckConstraint(condition=models.Q(('progress__lte', 100)), name='task_progress_max_100'),
        ),
        migrations.AddConstraint(
            model_name='task',
            constraint=models.CheckConstraint(condition=models.Q(('start_date__isnull', True), ('start_date__lte', models.F('due_date')), _connector='OR'), name='task_starts_before_due'),
        ),
        migrations.AddConstraint(
            model_name='task',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'done'), _negated=True), ('progress', 100), _connector='OR'), name='task_done_is_complete'),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.UniqueConstraint(condition=models.Q(('task__isnull', False)), fields=('task', 'kind', 'for_date'), name='reminder_once_per_task_kind_day'),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'digest')), fields=('event', 'kind', 'for_date'), name='reminder_one_digest_a_day'),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'weekly')), fields=('agency', 'kind', 'for_date'), name='reminder_one_weekly_note_per_agency'),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.UniqueConstraint(condition=models.Q(('delegation__isnull', False)), fields=('delegation', 'kind', 'for_date'), name='reminder_once_per_delegation_kind_day'),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.UniqueConstraint(condition=models.Q(('proposal__isnull', False)), fields=('proposal', 'kind', 'for_date'), name='reminder_once_per_proposal_kind_day'),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'registration_recheck')), fields=('delegation', 'kind'), name='reminder_one_recheck_per_delegation'),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind__in', ('registration_due', 'registration_incomplete', 'registration_recheck')), _negated=True), ('delegation__isnull', False), _connector='OR'), name='reminder_delegation_kinds_have_delegation'),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'proposal_confirmation'), _negated=True), ('proposal__isnull', False), _connector='OR'), name='reminder_confirmation_has_proposal'),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind__in', ('due_soon', 'overdue', 'escalation')), _negated=True), ('task__isnull', False), _connector='OR'), name='reminder_task_kinds_have_task'),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'weekly'), _negated=True), ('agency__isnull', False), _connector='OR'), name='reminder_weekly_has_agency'),
        ),
        migrations.AddConstraint(
            model_name='venue',
            constraint=models.UniqueConstraint(fields=('event', 'name'), name='venue_name_unique'),
        ),
        migrations.AddConstraint(
            model_name='room',
            constraint=models.UniqueConstraint(fields=('venue', 'name'), name='room_name_unique'),
        ),
        migrations.AddConstraint(
            model_name='room',
            constraint=models.CheckConstraint(condition=models.Q(('capacity__gt', 0)), name='room_capacity_positive', violation_error_message='A room must have at least one seat.'),
        ),
        migrations.RunPython(load_countries, unload_countries),
    ]
