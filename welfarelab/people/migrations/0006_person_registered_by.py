import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def registered_with_the_referral(apps, schema_editor):
    """Until now people were only ever written in with their household's referral."""
    Person = apps.get_model("people", "Person")
    Referral = apps.get_model("capture", "Referral")
    referrer = Referral.objects.filter(household_id=OuterRef("household_id")).values("referred_by_id")[:1]
    Person.objects.update(registered_by_id=Subquery(referrer))


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_staff_language"),
        ("capture", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="registered_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(registered_with_the_referral, migrations.RunPython.noop),
    ]
