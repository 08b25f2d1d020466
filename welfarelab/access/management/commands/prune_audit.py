"""Prune the audit log past its retention period, leaving a signed marker in each chain so that it still verifies."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from welfarelab.access import retention


class Command(BaseCommand):
    help = (
        "Prune audit entries older than the retention period (WELFARELAB_AUDIT_RETENTION_YEARS, "
        f"now {settings.AUDIT_RETENTION_YEARS} years). A broken chain is left as it is. Run it, say, once a month."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what would be pruned; prune nothing.")

    def handle(self, *args, dry_run=False, **options):
        years = settings.AUDIT_RETENTION_YEARS
        if years < 1:
            raise CommandError(f"WELFARELAB_AUDIT_RETENTION_YEARS is {years}: the log is kept at least a year.")
        if not (settings.SECRET_KEY_FROM_ENVIRONMENT or settings.DEBUG):
            raise CommandError(
                "SECRET_KEY is not set: a pruning marker signed with a throw-away key could never be verified."
            )
        before = retention.cut(years)
        pruned, breaks = retention.prune(before, dry_run=dry_run)
        verb = "Would prune" if dry_run else "Pruned"
        for done in pruned:
            self.stdout.write(f"{verb} {done.entries} entries of chain {done.chain} (links up to {done.through}).")
        if not pruned:
            self.stdout.write(f"Nothing was written before {before:%Y-%m-%d}: nothing to prune.")
        for found in breaks:
            self.stderr.write(f"Not pruned, the chain is broken: {found}. Run verify_audit and look into it first.")
        if breaks:
            raise CommandError(f"{len(breaks)} chain(s) broken and left unpruned.", returncode=1)
