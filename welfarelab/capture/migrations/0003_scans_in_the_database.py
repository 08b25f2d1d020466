"""Scans of signed papers move from files under MEDIA_ROOT into the database (`capture.Scan`), beside what they
prove. Each file is carried over once (a consent recorded with its agreement shares the agreement's scan); a file
already missing from the media folder has nothing to carry."""

import operator
import os

import django.db.models.deletion
from django.db import migrations, models


def carry_over(apps, models_and_households):
    """Each row's `scan_file` into a `Scan` of its household's municipality (`household` is the path to it)."""
    Scan = apps.get_model("capture", "Scan")
    kept = {}
    for model, household in models_and_households:
        rows = apps.get_model(*model.split(".")).objects.exclude(scan_file="").select_related(household)
        for row in rows:
            if row.scan_file.name not in kept:
                try:
                    with row.scan_file.open("rb") as file:
                        content = file.read()
                except FileNotFoundError:
                    continue
                municipality = operator.attrgetter(household.replace("__", "."))(row).municipality_id
                name = os.path.basename(row.scan_file.name)
                kept[row.scan_file.name] = Scan.objects.create(municipality_id=municipality, name=name, content=content)
            row.scan = kept[row.scan_file.name]
            row.save(update_fields=["scan"])


def forward(apps, schema_editor):
    carry_over(apps, [("capture.ParticipationAgreement", "household"), ("capture.Consent", "household")])


class Migration(migrations.Migration):
    dependencies = [
        ("capture", "0002_initial"),
        ("people", "0010_young_peoples_own_say"),
    ]

    operations = [
        migrations.CreateModel(
            name="Scan",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=40)),
                ("content", models.BinaryField()),
                ("uploaded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="people.municipality"
                    ),
                ),
            ],
            options={"verbose_name": "scan of a signed paper"},
        ),
        migrations.RenameField("participationagreement", "scan", "scan_file"),
        migrations.RenameField("consent", "scan", "scan_file"),
        migrations.AddField(
            model_name="participationagreement",
            name="scan",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="capture.scan",
                verbose_name="scan of the signed paper",
            ),
        ),
        migrations.AddField(
            model_name="consent",
            name="scan",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="capture.scan",
                verbose_name="scan of the signed paper",
            ),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
        migrations.RemoveField("participationagreement", "scan_file"),
        migrations.RemoveField("consent", "scan_file"),
    ]
