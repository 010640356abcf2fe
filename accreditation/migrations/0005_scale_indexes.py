"""Indexes for a conference a hundred times larger (issue 5): the review and vetting queues'
order, the badge list's order, the API lists' order, and the duplicate checks' and
organisation quotas' lookups (by date of birth, by e-mail in capitals, by category and
organisation in capitals)."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accreditation", "0004_applications_badges_checkpoints_webhooks"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="application",
            index=models.Index(fields=["event", "created_at", "id"], name="application_queue"),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(fields=["event", "date_of_birth"], name="application_event_dob"),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(django.db.models.functions.text.Upper("email"),
                               name="application_email_upper"),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(models.F("category"),
                               django.db.models.functions.text.Upper("organisation"),
                               name="application_category_org"),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(fields=["created_at", "-id"], name="application_api_order"),
        ),
        migrations.AddIndex(
            model_name="badge",
            index=models.Index(fields=["event", "issued_at", "id"], name="badge_list_order"),
        ),
        migrations.AddIndex(
            model_name="badge",
            index=models.Index(fields=["issued_at", "-id"], name="badge_api_order"),
        ),
    ]
