"""The accreditation app's tables as they stood after 0019_mail_language, in one migration,
with the search index of the applications on PostgreSQL.

It replaces 0001 to 0019, as logistics' 0001_squashed_0023_outbox replaces its chain: a
database that had applied them all runs nothing, a new one runs only this, and one part-way
through must first be brought to the end of the old chain (docs/OPERATIONS.md)."""

import accreditation.applications.models.applications
import accreditation.badges.models
import accreditation.integrations.models
import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
import logistics.core.crypto
import logistics.core.models.files
from django.conf import settings
from django.db import migrations, models

# On PostgreSQL, a trigram index for the searches of the applications list and the vetting
# queue (a part of a name, e-mail, reference or organisation, in any case); SQLite, the
# embedded default, searches without it. The expressions are those the searches compare:
# Django's icontains is UPPER(x) LIKE. The old chain built it CONCURRENTLY, to let writes go
# on; a new table is empty, so here it is built in the migration's transaction. pg_trgm is
# left in place on the way back: an administrator may have created it for other uses.
SEARCHED = ("family_name", "given_names", "email", "reference", "organisation")
TRIGRAMS = ("CREATE INDEX application_search_trigrams ON accreditation_application USING gin ("
            + ", ".join(f"UPPER({column}) gin_trgm_ops" for column in SEARCHED) + ")")


def _on_postgresql(*statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('accreditation', '0001_initial'),
        ('accreditation', '0002_verbose_names'),
        ('accreditation', '0003_categories_zones_outlets'),
        ('accreditation', '0004_applications_badges_checkpoints_webhooks'),
        ('accreditation', '0005_scale_indexes'),
        ('accreditation', '0006_counting_indexes'),
        ('accreditation', '0007_search_trigrams'),
        ('accreditation', '0008_secrets_at_rest'),
        ('accreditation', '0009_vetting_reason_duplicates_suspension'),
        ('accreditation', '0010_transition_public_submission'),
        ('accreditation', '0011_delegation_media_open'),
        ('accreditation', '0012_gate_lookup'),
        ('accreditation', '0013_privacy_consent'),
        ('accreditation', '0014_bulk_decisions'),
        ('accreditation', '0015_print_confirmation'),
        ('accreditation', '0016_job_language'),
        ('accreditation', '0017_webhook_payload_version'),
        ('accreditation', '0018_webhook_attempt_claim'),
        ('accreditation', '0019_mail_language'),
    ]

    dependencies = [
        ('logistics', '0001_squashed_0023_outbox'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AccreditationCategory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('delegate', 'Delegate'), ('head_of_delegation', 'Head of delegation'), ('un_igo', 'UN entity or intergovernmental organisation'), ('ngo', 'Non-governmental organisation'), ('private_sector', 'Private sector'), ('media', 'Media'), ('media_technician', 'Media technician'), ('staff', 'Organiser staff'), ('security', 'Host security'), ('liaison_officer', 'Liaison officer'), ('exhibitor', 'Exhibitor'), ('side_event_participant', 'Side-event participant')], max_length=30, verbose_name='for')),
                ('code', models.CharField(max_length=3, validators=[django.core.validators.RegexValidator('^[A-Z0-9]{1,3}$', 'One to three capital letters or digits, as printed on badges.')], verbose_name='letter code')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('badge_colour', models.CharField(max_length=7, validators=[django.core.validators.RegexValidator('^#[0-9a-fA-F]{6}$', 'Give the colour as #RRGGBB, e.g. #C8102E.')], verbose_name='badge colour')),
                ('vetting_required', models.BooleanField(default=True, verbose_name='security vetting required')),
                ('quota', models.PositiveIntegerField(blank=True, help_text='Badges at most; empty: no limit.', null=True, verbose_name='quota')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='accreditation_categories', to='logistics.event', verbose_name='event')),
            ],
            options={
                'verbose_name': 'accreditation category',
                'verbose_name_plural': 'accreditation categories',
                'ordering': ['event', 'code'],
            },
        ),
        migrations.CreateModel(
            name='ApiKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('prefix', models.CharField(db_index=True, max_length=12, verbose_name='prefix')),
                ('digest', models.CharField(max_length=64, unique=True, verbose_name='SHA-256 of the key')),
                ('scopes', models.JSONField(default=list, verbose_name='scopes')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('last_used_at', models.DateTimeField(blank=True, null=True, verbose_name='last used')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
            ],
            options={
                'verbose_name': 'API key',
                'verbose_name_plural': 'API keys',
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='Application',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('id_document_number', logistics.core.crypto.EncryptedCharField(blank=True, default='', verbose_name='ID document number')),
                ('id_document_index', models.CharField(blank=True, db_index=True, editable=False, max_length=64)),
                ('reference', models.CharField(default=accreditation.applications.models.applications.new_reference, editable=False, max_length=12, unique=True, verbose_name='reference')),
                ('status', models.CharField(choices=[('submitted', 'Submitted'), ('possible_duplicate', 'Possible duplicate'), ('under_review', 'Under review'), ('needs_information', 'Needs information'), ('approved', 'Approved'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn')], default='submitted', max_length=20, verbose_name='status')),
                ('source', models.CharField(choices=[('public_form', 'Public form'), ('delegation', 'Delegation registration'), ('staff', 'Entered by staff'), ('import', 'Imported'), ('api', 'API')], max_length=20, verbose_name='source')),
                ('vetting', models.CharField(choices=[('not_required', 'Not required'), ('pending', 'Pending'), ('cleared', 'Cleared'), ('flagged', 'Flagged')], default='pending', max_length=20, verbose_name='security vetting')),
                ('family_name', models.CharField(max_length=150, verbose_name='family name')),
                ('given_names', models.CharField(blank=True, max_length=150, verbose_name='given names')),
                ('gender', models.CharField(blank=True, choices=[('female', 'Female'), ('male', 'Male'), ('other', 'Other or not stated')], max_length=10, verbose_name='gender')),
                ('date_of_birth', models.DateField(blank=True, null=True, verbose_name='date of birth')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                ('mail_language', models.CharField(blank=True, choices=[('ar', 'Arabic'), ('zh-hans', 'Chinese'), ('en', 'English'), ('fr', 'French'), ('ru', 'Russian'), ('es', 'Spanish'), ('vi', 'Vietnamese')], help_text="The applicant's mails are written in it: the language the form was sent in (a delegate's: the delegation's). Blank: the committee's language.", max_length=15, verbose_name='language of mails')),
                ('phone', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                ('organisation', models.CharField(blank=True, help_text='As printed on the badge.', max_length=200, verbose_name='organisation')),
                ('function', models.CharField(blank=True, max_length=200, verbose_name='function')),
                ('id_document_kind', models.CharField(blank=True, choices=[('passport', 'Passport'), ('national_id', 'National identity card')], max_length=20, verbose_name='ID document')),
                ('id_document_expiry', models.DateField(blank=True, null=True, verbose_name='ID document expiry')),
                ('photo', models.FileField(blank=True, upload_to=logistics.core.models.files.RandomName('photos'), verbose_name='photo')),
                ('proposed_outlet', models.CharField(blank=True, max_length=200, verbose_name='proposed outlet')),
                ('proposed_outlet_kind', models.CharField(blank=True, choices=[('news_agency', 'News agency'), ('tv', 'Television'), ('radio', 'Radio'), ('print', 'Newspapers and magazines'), ('online', 'Online'), ('photo_agency', 'Photo agency')], max_length=20, verbose_name="proposed outlet's kind")),
                ('media_role', models.CharField(blank=True, choices=[('reporter', 'Reporter'), ('photographer', 'Photographer'), ('camera_operator', 'Camera operator'), ('technician', 'Technician'), ('editor', 'Editor')], max_length=20, verbose_name='media role')),
                ('equipment', models.TextField(blank=True, help_text='Cameras, tripods, satellite gear to bring in.', verbose_name='equipment')),
                ('letter_of_assignment', models.FileField(blank=True, upload_to=logistics.core.models.files.RandomName('letters'), verbose_name='letter of assignment')),
                ('press_card', models.FileField(blank=True, upload_to=logistics.core.models.files.RandomName('press'), verbose_name='press card')),
                ('id_copy', models.FileField(blank=True, upload_to=logistics.core.models.files.RandomName('ids'), verbose_name='copy of the ID document')),
                ('token', logistics.core.crypto.SecretField(blank=True, default=accreditation.applications.models.applications.new_token, editable=False, verbose_name='correction link')),
                ('token_index', logistics.core.crypto.SecretIndexField(of='token')),
                ('information_requested', models.TextField(blank=True, verbose_name='information requested')),
                ('vetting_note', models.TextField(blank=True, verbose_name='vetting note')),
                ('vetting_reason', models.TextField(blank=True, help_text='What security vetting tells the accreditation office about its decision.', verbose_name='vetting reason')),
                ('vetted_at', models.DateTimeField(blank=True, null=True, verbose_name='vetted')),
                ('privacy_consent_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='privacy notice agreed')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, db_index=True, verbose_name='updated')),
                ('category', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='applications', to='accreditation.accreditationcategory', verbose_name='category')),
                ('delegation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='logistics.delegation', verbose_name='delegation')),
                ('duplicate_of', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accreditation.application', verbose_name='possible duplicate of')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='applications', to='logistics.event', verbose_name='event')),
                ('member', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='application', to='logistics.delegationmember', verbose_name='delegation member')),
                ('nationality', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.RESTRICT, related_name='+', to='logistics.country', verbose_name='nationality')),
                ('proposed_outlet_country', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.RESTRICT, related_name='+', to='logistics.country', verbose_name="proposed outlet's country")),
                ('vetted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='vetted by')),
            ],
            options={
                'verbose_name': 'application',
                'verbose_name_plural': 'applications',
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Badge',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.CharField(max_length=40, unique=True, verbose_name='badge number')),
                ('sequence', models.PositiveIntegerField(verbose_name='sequence')),
                ('nonce', models.CharField(default=accreditation.badges.models.new_nonce, editable=False, max_length=16)),
                ('zone_codes', models.CharField(blank=True, max_length=60, verbose_name='zone codes')),
                ('valid_from', models.DateField(verbose_name='valid from')),
                ('valid_until', models.DateField(verbose_name='valid until')),
                ('status', models.CharField(choices=[('active', 'Active'), ('suspended', 'Suspended'), ('revoked', 'Revoked'), ('lost', 'Lost'), ('replaced', 'Replaced')], default='active', max_length=20, verbose_name='status')),
                ('status_reason', models.TextField(blank=True, verbose_name='reason')),
                ('print_status', models.CharField(choices=[('not_printed', 'Not printed'), ('printed', 'Printed')], default='not_printed', max_length=20, verbose_name='print status')),
                ('printed_at', models.DateTimeField(blank=True, null=True, verbose_name='printed')),
                ('pdf_made_at', models.DateTimeField(blank=True, null=True, verbose_name='PDF made')),
                ('collected_at', models.DateTimeField(blank=True, null=True, verbose_name='collected')),
                ('issued_at', models.DateTimeField(auto_now_add=True, verbose_name='issued')),
                ('updated_at', models.DateTimeField(auto_now=True, db_index=True, verbose_name='updated')),
                ('application', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='badges', to='accreditation.application', verbose_name='application')),
                ('category', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='badges', to='accreditation.accreditationcategory', verbose_name='category')),
                ('collected_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='handed over by')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='badges', to='logistics.event', verbose_name='event')),
                ('printed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='printing confirmed by')),
                ('replaces', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='replaced_by', to='accreditation.badge', verbose_name='replaces')),
            ],
            options={
                'verbose_name': 'badge',
                'verbose_name_plural': 'badges',
                'ordering': ['-issued_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='BadgeBatch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Running'), ('done', 'Done'), ('failed', 'Failed')], default='queued', max_length=20, verbose_name='status')),
                ('total', models.PositiveIntegerField(default=0, verbose_name='badges')),
                ('done', models.PositiveIntegerField(default=0, verbose_name='done')),
                ('file', models.FileField(blank=True, upload_to=logistics.core.models.files.RandomName('badges'), verbose_name='PDF')),
                ('error', models.TextField(blank=True, verbose_name='error')),
                ('language', models.CharField(blank=True, max_length=15, verbose_name='language')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='requested')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                ('printed_at', models.DateTimeField(blank=True, null=True, verbose_name='printing confirmed')),
                ('badges', models.ManyToManyField(related_name='batches', to='accreditation.badge', verbose_name='badges')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='badge_batches', to='logistics.event', verbose_name='event')),
                ('printed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='printing confirmed by')),
                ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by')),
            ],
            options={
                'verbose_name': 'badge batch',
                'verbose_name_plural': 'badge batches',
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='BulkDecision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('start_review', 'Start the review'), ('approve', 'Approve'), ('reject', 'Reject')], max_length=20, verbose_name='action')),
                ('reason', models.TextField(blank=True, verbose_name='reason')),
                ('key', models.UUIDField(unique=True, verbose_name='key')),
                ('digest', models.CharField(max_length=64, verbose_name='digest')),
                ('selection', models.JSONField(default=list, verbose_name='applications')),
                ('described', models.CharField(blank=True, max_length=500, verbose_name='selection')),
                ('query', models.TextField(blank=True, verbose_name='filters')),
                ('language', models.CharField(blank=True, max_length=15, verbose_name='language')),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Running'), ('done', 'Done')], default='queued', max_length=20, verbose_name='status')),
                ('total', models.PositiveIntegerField(default=0, verbose_name='applications')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='position')),
                ('done', models.PositiveIntegerField(default=0, verbose_name='decided')),
                ('refused', models.PositiveIntegerField(default=0, verbose_name='refused')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='requested')),
                ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='bulk_decisions', to='logistics.event', verbose_name='event')),
            ],
            options={
                'verbose_name': 'bulk decision',
                'verbose_name_plural': 'bulk decisions',
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='BulkRefusal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reference', models.CharField(max_length=20, verbose_name='reference')),
                ('code', models.CharField(max_length=40, verbose_name='code')),
                ('message', models.TextField(verbose_name='why')),
                ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accreditation.application', verbose_name='application')),
                ('job', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='refusals', to='accreditation.bulkdecision', verbose_name='bulk decision')),
            ],
            options={
                'verbose_name': 'refusal',
                'verbose_name_plural': 'refusals',
                'ordering': ['job', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Checkpoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('mode', models.CharField(choices=[('entry', 'Entry only'), ('exit', 'Exit only'), ('both', 'Entry and exit')], default='entry', max_length=10, verbose_name='counts')),
                ('active', models.BooleanField(default=True, verbose_name='active')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='checkpoints', to='logistics.event', verbose_name='event')),
            ],
            options={
                'verbose_name': 'checkpoint',
                'verbose_name_plural': 'checkpoints',
                'ordering': ['zone__code', 'name'],
            },
        ),
        migrations.CreateModel(
            name='GateLookup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('query', models.CharField(max_length=100, verbose_name='looked up')),
                ('by_number', models.BooleanField(verbose_name='by badge number')),
                ('found', models.PositiveSmallIntegerField(verbose_name='badges shown')),
                ('more', models.BooleanField(default=False, verbose_name='more matched')),
                ('looked_up_at', models.DateTimeField(auto_now_add=True, verbose_name='looked up at')),
                ('badges', models.ManyToManyField(blank=True, related_name='+', to='accreditation.badge', verbose_name='badges shown')),
                ('checkpoint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lookups', to='accreditation.checkpoint', verbose_name='checkpoint')),
                ('operator', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='operator')),
            ],
            options={
                'verbose_name': 'gate lookup',
                'verbose_name_plural': 'gate lookups',
                'ordering': ['-looked_up_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='MediaOutlet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('kind', models.CharField(choices=[('news_agency', 'News agency'), ('tv', 'Television'), ('radio', 'Radio'), ('print', 'Newspapers and magazines'), ('online', 'Online'), ('photo_agency', 'Photo agency')], max_length=20, verbose_name='kind')),
                ('domestic', models.BooleanField(default=False, help_text='Based in the host country.', verbose_name='domestic')),
                ('quota', models.PositiveSmallIntegerField(default=4, verbose_name='quota of journalists')),
                ('country', models.ForeignKey(on_delete=django.db.models.deletion.RESTRICT, related_name='+', to='logistics.country', verbose_name='country')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='media_outlets', to='logistics.event', verbose_name='event')),
            ],
            options={
                'verbose_name': 'media outlet',
                'verbose_name_plural': 'media outlets',
                'ordering': ['event', 'name'],
            },
        ),
        migrations.AddField(
            model_name='application',
            name='outlet',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='applications', to='accreditation.mediaoutlet', verbose_name='media outlet'),
        ),
        migrations.CreateModel(
            name='OrganisationQuota',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('organisation', models.CharField(max_length=200, verbose_name='organisation')),
                ('quota', models.PositiveIntegerField(verbose_name='quota')),
                ('category', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='organisation_quotas', to='accreditation.accreditationcategory', verbose_name='category')),
            ],
            options={
                'verbose_name': 'organisation quota',
                'verbose_name_plural': 'organisation quotas',
                'ordering': ['category', 'organisation'],
            },
        ),
        migrations.CreateModel(
            name='Scan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code_excerpt', models.CharField(blank=True, max_length=40, verbose_name='code')),
                ('client_scan_id', models.CharField(max_length=64, unique=True, verbose_name='client scan id')),
                ('direction', models.CharField(choices=[('in', 'Entry'), ('out', 'Exit')], default='in', max_length=3, verbose_name='direction')),
                ('result', models.CharField(choices=[('allow', 'Allowed'), ('deny', 'Denied')], max_length=5, verbose_name='result')),
                ('reason', models.CharField(blank=True, choices=[('unknown_code', 'Unknown code'), ('forged', 'Signature does not match'), ('revoked', 'Badge revoked'), ('suspended', 'Badge suspended: send the holder to the accreditation office'), ('lost', 'Badge reported lost'), ('replaced', 'Badge replaced by a newer one'), ('not_collected', 'Badge not yet collected'), ('wrong_zone', 'Not valid for this zone'), ('outside_dates', "Outside the badge's dates"), ('wrong_direction', 'This checkpoint does not count that way')], max_length=20, verbose_name='reason')),
                ('scanned_at', models.DateTimeField(verbose_name='scanned')),
                ('received_at', models.DateTimeField(auto_now_add=True, verbose_name='received')),
                ('offline', models.BooleanField(default=False, verbose_name='decided offline')),
                ('operator', models.CharField(blank=True, max_length=150, verbose_name='operator')),
                ('manual_reason', models.CharField(blank=True, choices=[('camera_failed', 'The camera or scanner does not work'), ('code_unreadable', 'The code on the badge cannot be read')], db_default='', default='', max_length=20, verbose_name='entered by hand because')),
                ('badge', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='scans', to='accreditation.badge', verbose_name='badge')),
                ('checkpoint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scans', to='accreditation.checkpoint', verbose_name='checkpoint')),
                ('lookup', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='scan', to='accreditation.gatelookup', verbose_name='lookup')),
            ],
            options={
                'verbose_name': 'scan',
                'verbose_name_plural': 'scans',
                'ordering': ['-scanned_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Transition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_status', models.CharField(blank=True, choices=[('submitted', 'Submitted'), ('possible_duplicate', 'Possible duplicate'), ('under_review', 'Under review'), ('needs_information', 'Needs information'), ('approved', 'Approved'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn')], max_length=20, verbose_name='from')),
                ('to_status', models.CharField(choices=[('submitted', 'Submitted'), ('possible_duplicate', 'Possible duplicate'), ('under_review', 'Under review'), ('needs_information', 'Needs information'), ('approved', 'Approved'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn')], max_length=20, verbose_name='to')),
                ('actor', models.CharField(blank=True, max_length=100, verbose_name='actor')),
                ('reason', models.TextField(blank=True, verbose_name='reason')),
                ('public_submission', models.BooleanField(default=False, verbose_name='public submission')),
                ('at', models.DateTimeField(auto_now_add=True, verbose_name='at')),
                ('mailed_at', models.DateTimeField(blank=True, null=True, verbose_name='mailed')),
                ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='transitions', to='accreditation.application', verbose_name='application')),
                ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
            ],
            options={
                'verbose_name': 'status change',
                'verbose_name_plural': 'status changes',
                'ordering': ['at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Webhook',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(max_length=500, verbose_name='URL')),
                ('events', models.JSONField(default=list, verbose_name='events')),
                ('secret', logistics.core.crypto.SecretField(blank=True, default=accreditation.integrations.models.new_secret, editable=False, verbose_name='signing secret')),
                ('active', models.BooleanField(default=True, verbose_name='active')),
                ('payload_version', models.PositiveSmallIntegerField(default=2, verbose_name='payload version')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('api_key', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='webhooks', to='accreditation.apikey', verbose_name='API key')),
            ],
            options={
                'verbose_name': 'webhook',
                'verbose_name_plural': 'webhooks',
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Delivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('event', models.CharField(max_length=40, verbose_name='event')),
                ('payload', models.JSONField(verbose_name='payload')),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('delivered', 'Delivered'), ('failed', 'Failed')], default='pending', max_length=20, verbose_name='status')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                ('response_status', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='last response')),
                ('error', models.TextField(blank=True, verbose_name='last error')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('last_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='last attempt')),
                ('attempt_started_at', models.DateTimeField(blank=True, null=True, verbose_name='attempt started')),
                ('delivered_at', models.DateTimeField(blank=True, null=True, verbose_name='delivered')),
                ('webhook', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='accreditation.webhook', verbose_name='webhook')),
            ],
            options={
                'verbose_name': 'webhook delivery',
                'verbose_name_plural': 'webhook deliveries',
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Zone',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(help_text='Printed on the badge, e.g. P.', max_length=3, validators=[django.core.validators.RegexValidator('^[A-Z0-9]{1,3}$', 'One to three capital letters or digits, as printed on badges.')], verbose_name='code')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='zones', to='logistics.event', verbose_name='event')),
            ],
            options={
                'verbose_name': 'access zone',
                'verbose_name_plural': 'access zones',
                'ordering': ['event', 'code'],
            },
        ),
        migrations.AddField(
            model_name='checkpoint',
            name='zone',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='checkpoints', to='accreditation.zone', verbose_name='zone'),
        ),
        migrations.AddField(
            model_name='badge',
            name='zones',
            field=models.ManyToManyField(blank=True, related_name='badges', to='accreditation.zone', verbose_name='access zones'),
        ),
        migrations.AddField(
            model_name='accreditationcategory',
            name='zones',
            field=models.ManyToManyField(blank=True, related_name='categories', to='accreditation.zone', verbose_name='access zones'),
        ),
        migrations.AddConstraint(
            model_name='bulkdecision',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'done'), _negated=True), fields=('event', 'action', 'digest'), name='bulk_decision_one_running_per_selection'),
        ),
        migrations.AddConstraint(
            model_name='bulkrefusal',
            constraint=models.UniqueConstraint(fields=('job', 'application'), name='bulk_refusal_once_per_application'),
        ),
        migrations.AddIndex(
            model_name='gatelookup',
            index=models.Index(fields=['checkpoint', 'looked_up_at'], name='lookup_checkpoint_time'),
        ),
        migrations.AddConstraint(
            model_name='mediaoutlet',
            constraint=models.UniqueConstraint(fields=('event', 'name'), name='outlet_name_unique'),
        ),
        migrations.AddConstraint(
            model_name='mediaoutlet',
            constraint=models.CheckConstraint(condition=models.Q(('quota__gte', 1)), name='outlet_quota_positive'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['event', 'status'], name='application_event_status'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['updated_at', 'id'], name='application_sync'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['email'], name='application_email'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['family_name', 'date_of_birth'], name='application_name_dob'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['event', 'created_at', 'id'], name='application_queue'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['event', 'date_of_birth'], name='application_event_dob'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(django.db.models.functions.text.Upper('email'), name='application_email_upper'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(models.F('category'), django.db.models.functions.text.Upper('organisation'), name='application_category_org'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['created_at', '-id'], name='application_api_order'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['event', 'vetting', 'status'], name='application_vetting'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['category', 'status'], name='application_category_status'),
        ),
        migrations.AddConstraint(
            model_name='application',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ('submitted', 'under_review', 'needs_information', 'approved')), models.Q(('id_document_index', ''), _negated=True)), fields=('event', 'id_document_index', 'nationality'), name='application_one_per_document'),
        ),
        migrations.AddConstraint(
            model_name='application',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ('submitted', 'under_review', 'needs_information', 'approved', 'possible_duplicate')), ('delegation__isnull', False), models.Q(('media_role', ''), _negated=True)), fields=('delegation', 'media_role'), name='application_delegation_media_once'),
        ),
        migrations.AddConstraint(
            model_name='organisationquota',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('organisation'), models.F('category'), name='organisation_quota_unique'),
        ),
        migrations.AddIndex(
            model_name='scan',
            index=models.Index(fields=['checkpoint', 'scanned_at'], name='scan_checkpoint_time'),
        ),
        migrations.AddConstraint(
            model_name='scan',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('lookup__isnull', True), ('manual_reason', '')), models.Q(('lookup__isnull', False), models.Q(('manual_reason', ''), _negated=True)), _connector='OR'), name='scan_manual_has_reason'),
        ),
        migrations.AddConstraint(
            model_name='zone',
            constraint=models.UniqueConstraint(fields=('event', 'code'), name='zone_code_unique'),
        ),
        migrations.AddConstraint(
            model_name='checkpoint',
            constraint=models.UniqueConstraint(fields=('event', 'name'), name='checkpoint_name_unique'),
        ),
        migrations.AddIndex(
            model_name='badge',
            index=models.Index(fields=['event', 'issued_at', 'id'], name='badge_list_order'),
        ),
        migrations.AddIndex(
            model_name='badge',
            index=models.Index(fields=['issued_at', '-id'], name='badge_api_order'),
        ),
        migrations.AddConstraint(
            model_name='badge',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ('active', 'suspended'))), fields=('application',), name='badge_one_held_per_application'),
        ),
        migrations.AddConstraint(
            model_name='badge',
            constraint=models.UniqueConstraint(fields=('category', 'sequence'), name='badge_sequence_unique'),
        ),
        migrations.AddConstraint(
            model_name='badge',
            constraint=models.CheckConstraint(condition=models.Q(('valid_until__gte', models.F('valid_from'))), name='badge_valid_until_after_from'),
        ),
        migrations.AddConstraint(
            model_name='accreditationcategory',
            constraint=models.UniqueConstraint(fields=('event', 'code'), name='category_code_unique'),
        ),
        migrations.AddConstraint(
            model_name='accreditationcategory',
            constraint=models.UniqueConstraint(fields=('event', 'kind'), name='category_kind_unique'),
        ),
        migrations.RunPython(
            _on_postgresql("CREATE EXTENSION IF NOT EXISTS pg_trgm", TRIGRAMS),
            _on_postgresql("DROP INDEX IF EXISTS application_search_trigrams"),
            elidable=False),
    ]
