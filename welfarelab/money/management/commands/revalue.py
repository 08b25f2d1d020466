"""Value every participant's plan again, for the portfolio: after a new parameter year, and nightly."""

from django.core.management.base import BaseCommand

from welfarelab.money.benefits import revalue
from welfarelab.money.models import Parameter
from welfarelab.people.models import Household


class Command(BaseCommand):
    help = "Value every participant's plan again and keep the figures the portfolio adds up."

    def add_arguments(self, parser):
        parser.add_argument("--municipality", help="Only this municipality (its slug).")

    def handle(self, *args, municipality=None, **options):
        households = Household.objects.filter(joined_on__isnull=False, plan__isnull=False)
        if municipality:
            households = households.filter(municipality__slug=municipality)
        table = Parameter.table()
        count = sum(1 for household in households.iterator() if revalue(household, table))
        self.stdout.write(f"{count} plans valued.")
