from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from welfarelab.demo import loader


class Command(BaseCommand):
    help = "Load the demo municipalities, users and families from welfarelab/demo/*/ (demo mode only)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Demo data is loaded only in demo mode (WELFARELAB_DEMO=1).")
        try:
            loaded = loader.load()
        except loader.DemoDataError as error:
            raise CommandError(f"The demo was not loaded: {error}") from error
        self.stdout.write("Demo data loaded." if loaded else "Demo data already present.")
        self.stdout.write(
            "Demo logins (password 'demo'): admin, leader, member, referrer, analyst (Asker); outsider (Bærum)."
        )
        self.stdout.write("Families log in on /my/ as a made-up person, e.g. Kari Hagen, Jonas Dahl or Maria Berg.")
