"""The committee's names of a country in other languages; CLDR's serve where it has none."""

from django.db import migrations, models


def load(apps, schema_editor):
    from logistics.demo.countries import COMMITTEE_NAMES

    Country = apps.get_model("logistics", "Country")
    for code, names in COMMITTEE_NAMES.items():
        Country.objects.filter(code=code, names={}).update(names=names)


class Migration(migrations.Migration):

    dependencies = [
        ('logistics', '0016_registration_recheck'),
    ]

    operations = [
        migrations.AddField(
            model_name='country',
            name='names',
            field=models.JSONField(blank=True, default=dict, help_text='The committee\'s own names by language code, e.g. {"ar": "…", "vi": "…"}; a language not given uses CLDR\'s name.', verbose_name='names in other languages'),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
