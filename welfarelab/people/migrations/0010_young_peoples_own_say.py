"""From which birthday a young person consents for themselves to a service: the health services of the default
catalogue from 16, child welfare from 15, the rest from 18."""

from django.db import migrations, models

OWN_SAY = {"barnevern": 15} | dict.fromkeys(["helsestasjon", "psykrus", "fastlege", "bup", "habilitering"], 16)


def by_catalogue(apps, schema_editor):
    Organisation = apps.get_model("people", "Organisation")
    for code, age in OWN_SAY.items():
        Organisation.objects.filter(code=code).update(own_say_from=age)


class Migration(migrations.Migration):
    dependencies = [("people", "0009_protected_address")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="own_say_from",
            field=models.PositiveSmallIntegerField(
                choices=[
                    (15, "From 15 (child welfare: a party to their own case, barnevernsloven § 12-3)"),
                    (16, "From 16 (health services: pasient- og brukerrettighetsloven § 4-3)"),
                    (18, "From 18 (the age of majority)"),
                ],
                default=18,
                verbose_name="a child consents for themselves from",
            ),
        ),
        migrations.RunPython(by_catalogue, migrations.RunPython.noop),
    ]
