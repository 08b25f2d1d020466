"""The portfolio's headline figures for one municipality: the same figures as the dashboard."""

import json

from django.core.management.base import BaseCommand, CommandError

from welfarelab.people.models import Municipality
from welfarelab.reports import portfolio


class Command(BaseCommand):
    help = "Print a municipality's portfolio figures: participants, people affected, meetings, situations, money."

    def add_arguments(self, parser):
        parser.add_argument("--municipality", required=True, help="The municipality's slug, e.g. asker.")
        parser.add_argument("--json", action="store_true", help="As JSON (the only format for now).")

    def handle(self, *args, municipality, **options):
        try:
            place = Municipality.objects.get(slug=municipality)
        except Municipality.DoesNotExist:
            raise CommandError(f"No municipality with the slug {municipality!r}.") from None
        figures = portfolio.figures(portfolio.Selection(place)).as_json()
        self.stdout.write(json.dumps(figures, indent=2, ensure_ascii=False))
