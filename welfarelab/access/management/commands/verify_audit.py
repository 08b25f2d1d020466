"""Check that the audit log is as it was written: every municipality's chain of seals, link by link."""

from django.core.management.base import BaseCommand, CommandError

from welfarelab.access import chain


class Command(BaseCommand):
    help = "Verify the audit log's chains; name the first broken entry of each. Exits with 1 if any is broken."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seal",
            action="store_true",
            help="First seal the entries left unsealed (if sealing after a commit failed, say in a crash).",
        )

    def handle(self, *args, seal=False, **options):
        if seal:
            chain.seal()
        breaks, unsealed = chain.verify()
        for found in breaks:
            self.stderr.write(f"Broken: {found}.")
        if unsealed:
            self.stdout.write(f"{unsealed} entries are not sealed yet (run with --seal to seal them).")
        if breaks:
            raise CommandError(f"The audit log is not as it was written: {len(breaks)} chain(s) broken.", returncode=1)
        self.stdout.write("The audit log is as it was written.")
