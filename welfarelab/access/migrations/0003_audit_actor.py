from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import Cast


def name_the_staff_actors(apps, schema_editor):
    # Every entry so far was written by a staff user: their id becomes the actor's id.
    AuditEntry = apps.get_model("access", "AuditEntry")
    AuditEntry.objects.filter(user__isnull=False).update(actor_id=Cast(F("user_id"), models.CharField()))


class Migration(migrations.Migration):
    dependencies = [("access", "0002_initial")]

    operations = [
        migrations.RenameField("auditentry", "username", "actor_name"),
        migrations.AlterField(
            "auditentry", "actor_name", models.CharField(max_length=150, verbose_name="who")
        ),
        migrations.AddField(
            "auditentry",
            "actor_kind",
            models.CharField(
                choices=[
                    ("staff", "Staff"),
                    ("citizen", "Citizen"),
                    ("api_client", "API client"),
                    ("system", "The system"),
                ],
                default="staff",
                max_length=12,
                verbose_name="kind of actor",
            ),
        ),
        migrations.AddField("auditentry", "actor_id", models.CharField(blank=True, max_length=40)),
        migrations.RunPython(name_the_staff_actors, migrations.RunPython.noop),
        migrations.AlterField(
            "auditentry",
            "user",
            models.ForeignKey(
                null=True,
                on_delete=models.deletion.PROTECT,
                related_name="+",
                to="people.staffuser",
            ),
        ),
        migrations.AlterField("auditentry", "role", models.CharField(blank=True, max_length=20, verbose_name="role")),
    ]
