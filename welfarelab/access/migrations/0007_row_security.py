"""Row-level security on PostgreSQL (`access.row_security`), once every table it covers is there."""

from django.db import migrations

from welfarelab.access import row_security


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0006_audit_pruning"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("capture", "0002_initial"),
        ("journey", "0003_exit_progress_check"),
        ("mapping", "0004_administration"),
        ("money", "0005_administration"),
        ("people", "0009_protected_address"),
        ("plans", "0006_checkpoint_weeks_label"),
    ]

    operations = [migrations.RunPython(row_security.install, row_security.uninstall, elidable=False)]
