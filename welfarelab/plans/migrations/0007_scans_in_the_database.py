"""The scan of a signed agreement version moves into the database too (see capture's migration 0003)."""

from importlib import import_module

import django.db.models.deletion
from django.db import migrations, models


def forward(apps, schema_editor):
    capture = import_module("welfarelab.capture.migrations.0003_scans_in_the_database")
    capture.carry_over(apps, [("plans.AgreementVersion", "plan__household")])


class Migration(migrations.Migration):
    dependencies = [
        ("capture", "0003_scans_in_the_database"),
        ("plans", "0006_checkpoint_weeks_label"),
    ]

    operations = [
        migrations.RenameField("agreementversion", "scan", "scan_file"),
        migrations.AddField(
            model_name="agreementversion",
            name="scan",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="capture.scan"
            ),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
        migrations.RemoveField("agreementversion", "scan_file"),
    ]
