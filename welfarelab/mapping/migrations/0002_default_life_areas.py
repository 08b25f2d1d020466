from django.db import migrations


def install_defaults(apps, schema_editor):
    from welfarelab.mapping import life_areas

    LifeArea = apps.get_model("mapping", "LifeArea")
    for municipality in apps.get_model("people", "Municipality").objects.all():
        life_areas.install(municipality, model=LifeArea)


class Migration(migrations.Migration):
    dependencies = [("mapping", "0001_initial")]

    operations = [migrations.RunPython(install_defaults, migrations.RunPython.noop)]
