"""The valuation parameters start as the engine's own table; administrators add years from here on."""

from django.db import migrations


def install(apps, schema_editor):
    from welfarelab.money.models import install_parameters

    install_parameters(apps.get_model("money", "Parameter"))


class Migration(migrations.Migration):
    dependencies = [("money", "0002_benefits_and_parameters")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
