"""Stories of change for the management report: the participants who moved furthest, told without anything that
could name them (no names, ages or places; the money rounded)."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from welfarelab.journey.models import Level
from welfarelab.money import months
from welfarelab.people.models import Household, Person
from welfarelab.plans.models import Goal

ROUND_TO = 10_000


@dataclass
class Story:
    who: str
    text: str


def _rounded(amount):
    return int(round(amount / ROUND_TO)) * ROUND_TO


def stories(figures, count=3):
    """`count` stories from the selection of `figures`: furthest moved first."""
    moved = {pk: (now - first, first, now) for pk, (first, now) in figures.progress.items()}
    chosen = sorted(moved, key=lambda pk: (-moved[pk][0], pk))[:count]
    households = Household.objects.filter(pk__in=chosen).annotate(
        children=Count("members", filter=Q(members__relation=Person.Relation.CHILD), distinct=True),
        reached=Count("plan__goals", filter=Q(plan__goals__state=Goal.State.REACHED), distinct=True),
    )
    found = []
    for household in sorted(households, key=lambda h: chosen.index(h.pk)):
        first, now = moved[household.pk][1:]
        joined = months.month_of(household.joined_on)  # as the portfolio counts: from the month they joined
        invested = sum(
            amount
            for entry in household.investments.all()
            for month, amount in months.cost_by_month(entry, figures.selection.until).items()
            if month >= joined
        )
        if household.target_group == Household.TargetGroup.B:
            who = _("A young person")
        else:
            who = ngettext("A family with %(n)s child", "A family with %(n)s children", household.children) % {
                "n": household.children
            }
        text = _(
            "Started %(first)s and is now %(now)s. %(reached)s goals reached so far. Invested: about NOK %(invested)s."
        ) % {
            "first": Level(first).label.lower(),
            "now": Level(now).label.lower(),
            "reached": household.reached,
            "invested": f"{_rounded(invested):,}".replace(",", "\u00a0"),
        }
        found.append(Story(who, text))
    return found
