from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from welfarelab.demo import data


class Command(BaseCommand):
    help = "Load the demo municipalities, users and families (demo mode only)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Demo data is loaded only in demo mode (WELFARELAB_DEMO=1).")
        if data.load():
            self.stdout.write("Demo data loaded.")
        else:
            self.stdout.write("Demo data already present.")
        self.stdout.write(
            "Demo logins (password 'demo'): admin, leader, member, referrer, analyst (Asker); outsider (Bærum)."
        )
