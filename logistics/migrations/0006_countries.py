"""Load the UN member states and observer states with their regional groups."""

from django.db import migrations


def load(apps, schema_editor):
    from logistics.demo.countries import rows

    Country = apps.get_model("logistics", "Country")
    Country.objects.bulk_create(
        [Country(code=code, name=name, regional_group=group, un_member=member)
         for code, name, group, member in rows()],
        ignore_conflicts=True,
    )


def unload(apps, schema_editor):
    apps.get_model("logistics", "Country").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("logistics", "0005_delegations")]
    operations = [migrations.RunPython(load, unload)]
