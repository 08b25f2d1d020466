"""Row-level security for the scans of signed papers, now kept in the database (`capture.Scan`)."""

from django.db import migrations

from welfarelab.access import row_security


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0007_row_security"),
        ("capture", "0003_scans_in_the_database"),
        ("plans", "0007_scans_in_the_database"),
    ]

    operations = [migrations.RunPython(row_security.install, migrations.RunPython.noop, elidable=False)]
