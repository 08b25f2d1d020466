"""The word that a text written for the whole family, naming a member, is meant for everyone who sees the family
(`access.minimisation`), under row-level security like the rest of the family's data."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from welfarelab.access import row_security


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0008_row_security_for_scans"),
        ("people", "0010_young_peoples_own_say"),
    ]

    operations = [
        migrations.CreateModel(
            name="WholeFamilyText",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=30)),
                ("object_id", models.PositiveBigIntegerField()),
                ("digest", models.CharField(max_length=64)),
                ("confirmed_at", models.DateTimeField(auto_now_add=True)),
                (
                    "confirmed_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "household",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="people.household"
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "object_id", "digest"), name="one_word_per_text_for_the_family"
                    )
                ],
            },
        ),
        migrations.RunPython(row_security.install, migrations.RunPython.noop, elidable=False),
    ]
