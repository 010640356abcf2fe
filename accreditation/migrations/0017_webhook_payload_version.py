from django.db import migrations, models


class Migration(migrations.Migration):
    """Webhooks registered before payload version 2 keep getting version 1 (the shape their
    subscribers parse) until their key moves them on; those registered from now get 2."""

    dependencies = [
        ('accreditation', '0016_job_language'),
    ]

    operations = [
        migrations.AddField(
            model_name='webhook',
            name='payload_version',
            field=models.PositiveSmallIntegerField(default=1, verbose_name='payload version'),
        ),
        migrations.AlterField(
            model_name='webhook',
            name='payload_version',
            field=models.PositiveSmallIntegerField(default=2, verbose_name='payload version'),
        ),
    ]
