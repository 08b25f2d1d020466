"""The portfolio: people-centred figures across a municipality's participants, never one family's details.

Everything is added up from a bounded number of queries, whatever the number of participants: one per
kind of thing counted, and the plans' values as last worked out (`money.PlanValue`), not valued again.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import BigIntegerField, Count, Exists, OuterRef, Q, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone

from welfarelab.journey.models import Assessment, Exit, Level
from welfarelab.mapping.models import Meeting
from welfarelab.money import months
from welfarelab.money.benefits import PAYERS
from welfarelab.money.models import Beneficiary, Investment, PlanValue
from welfarelab.people.models import Household, Organisation, Person
from welfarelab.plans.models import Measure, TeamMembership, TrustedPerson

SMALL = 5  # a figure describing 1 to 4 people could point at someone: suppressed where it leaves the lab
LEVEL_NAMES = {level.value: level.name.lower() for level in Level}
PARTIES = list(Beneficiary.values)


def is_small(count):
    return 0 < count < SMALL


@dataclass(frozen=True)
class Selection:
    """Whom the figures are about: a municipality's participants in a period, optionally narrowed."""

    municipality: object
    start: datetime.date | None = None
    end: datetime.date | None = None
    target_group: str = ""
    leader: int | None = None
    organisation: int | None = None

    @property
    def until(self):
        return min(self.end or timezone.localdate(), timezone.localdate())

    def households(self):
        """Participants who had joined by the end of the period and had not left before it began."""
        found = Household.objects.filter(
            municipality=self.municipality, joined_on__isnull=False, joined_on__lte=self.until
        )
        if self.start:
            found = found.exclude(left_on__lt=self.start)
        if self.target_group:
            found = found.filter(target_group=self.target_group)
        if self.leader:
            found = found.filter(investment_leader_id=self.leader)
        if self.organisation:
            on_team = TeamMembership.objects.filter(household=OuterRef("pk"), organisation_id=self.organisation)
            found = found.filter(Exists(on_team))
        return found


@dataclass(frozen=True)
class Journey:
    """Participants who share a journey on the portfolio picture: where they started, are now, and aim for."""

    start: int
    now: int
    goal: int
    vulnerability: int
    young: bool
    additional: bool


@dataclass
class Money:
    invested: Decimal = Decimal(0)  # in the period, from the month each participant joined
    by_organisation: list = field(default_factory=list)  # (organisation, kroner), largest first
    by_payer: dict = field(default_factory=dict)  # party: kroner
    annual_by_beneficiary: dict = field(default_factory=dict)  # party: kroner a year at full effect
    present_value_benefits: Decimal = Decimal(0)
    present_value_costs: Decimal = Decimal(0)
    society_net: Decimal = Decimal(0)
    non_priced: int = 0
    not_valued: int = 0  # plans the engine could not value (a parameter missing, say)
    months: list = field(default_factory=list)  # (first day, invested so far, expected benefits so far)

    @property
    def net_present_value(self):
        return self.present_value_benefits - self.present_value_costs

    @property
    def benefit_cost_ratio(self):
        return round(self.present_value_benefits / self.present_value_costs, 2) if self.present_value_costs else None

    @property
    def annual_total(self):
        return sum(self.annual_by_beneficiary.values())


@dataclass
class Portfolio:
    selection: Selection
    participants: int
    participants_by_target_group: dict
    children_affected: int
    adults_affected: int
    team_participants: int
    investment_leaders: int
    meetings_held: int
    dropped_out: int
    situations: dict  # level name: participants whose latest assessment has it
    not_assessed: int
    journeys: list  # (Journey, participants), the largest groups first
    movement: dict  # (from level, to level): participants
    money: Money
    progress: dict = field(default_factory=dict, repr=False)  # household id: (first level, level now); no names

    def as_json(self):
        """The figures `manage.py portfolio --json` prints."""
        return {
            "participants_by_target_group": self.participants_by_target_group,
            "children_affected": self.children_affected,
            "adults_affected": self.adults_affected,
            "team_participants": self.team_participants,
            "investment_leaders": self.investment_leaders,
            "meetings_held": self.meetings_held,
            "dropped_out": self.dropped_out,
            "situations": self.situations,
            "invested": int(self.money.invested),
            "annual_benefits_by_beneficiary": self.money.annual_by_beneficiary,
            "net_present_value": int(self.money.net_present_value),
        }


def figures(selection):
    households = selection.households()
    rows = list(households.order_by().values_list("pk", "target_group", "investment_leader_id", "joined_on"))
    joined = {pk: day for pk, _, _, day in rows}
    people = dict(
        Person.objects.filter(household__in=households)
        .values_list("relation")
        .annotate(n=Count("pk"))
        .values_list("relation", "n")
    )
    children = people.pop(Person.Relation.CHILD, 0)
    leaders = {leader for _, _, leader, _ in rows if leader}
    on_teams = set(
        TeamMembership.objects.filter(household__in=households)
        .order_by()
        .values_list("member_id", flat=True)
        .distinct()
    )
    in_period = {"planned_at__date__lte": selection.until}
    if selection.start:
        in_period["planned_at__date__gte"] = selection.start
    left_early = Exit.objects.filter(household__in=households, kind=Exit.Kind.EARLY, left_on__lte=selection.until)
    if selection.start:
        left_early = left_early.filter(left_on__gte=selection.start)
    by_group = Counter(group for _, group, _, _ in rows)
    young = {pk for pk, group, _, _ in rows if group == Household.TargetGroup.B}
    journeys, movement, situations, progress = _journeys(selection, households, young)
    return Portfolio(
        selection=selection,
        participants=len(rows),
        participants_by_target_group={group: by_group.get(group, 0) for group in Household.TargetGroup.values},
        children_affected=children,
        adults_affected=sum(people.values()),
        team_participants=len(on_teams | leaders) + TrustedPerson.objects.filter(household__in=households).count(),
        investment_leaders=len(leaders),
        meetings_held=Meeting.objects.filter(household__in=households, status=Meeting.Status.HELD, **in_period).count(),
        dropped_out=left_early.count(),
        situations={LEVEL_NAMES[level]: situations.get(level, 0) for level in Level.values},
        not_assessed=len(rows) - sum(situations.values()),
        journeys=journeys,
        movement=movement,
        money=_money(selection, households, joined),
        progress=progress,
    )


def _journeys(selection, households, young):
    """Each assessed participant's journey, grouped; the movement between situations in the period; and the
    situation each is in now."""
    assessed = Assessment.objects.filter(household__in=households, assessed_on__lte=selection.until).order_by(
        "household_id", "assessed_on", "id"
    )
    first, at_start, latest = {}, {}, {}
    for household, day, level, vulnerability, goal in assessed.values_list(
        "household_id", "assessed_on", "level", "vulnerability", "goal_level"
    ):
        first.setdefault(household, level)
        if selection.start and day <= selection.start:
            at_start[household] = level
        latest[household] = (level, vulnerability, goal)
    additional = set(
        Measure.objects.filter(plan__household__in=households, additional=True)
        .order_by()
        .values_list("plan__household_id", flat=True)
    )
    shared = Counter(
        (first[pk], level, goal, vulnerability, pk in young, pk in additional)
        for pk, (level, vulnerability, goal) in latest.items()
    )
    groups = {Journey(*journey): count for journey, count in shared.items()}
    movement = Counter((at_start.get(pk, first[pk]), latest[pk][0]) for pk in latest)
    situations = Counter(level for level, _, _ in latest.values())
    order = sorted(groups.items(), key=lambda item: (-item[0].vulnerability, item[0].start, item[0].now, -item[1]))
    return order, dict(movement), situations, {pk: (first[pk], latest[pk][0]) for pk in latest}


def _money(selection, households, joined):
    """What was invested in the period (by organisation, payer and month), and the plans' value as last worked
    out: annual benefits by beneficiary, present values, and the society view without transfers."""
    money = Money(annual_by_beneficiary=dict.fromkeys(PARTIES, 0), by_payer=dict.fromkeys(PARTIES, Decimal(0)))
    now = months.month_of(selection.until)
    first = months.month_of(selection.start) if selection.start else None
    per_month, per_org = Counter(), Counter()
    lines = Investment.objects.filter(household__in=households).order_by()
    for household, organisation, owner, quantity, price, monthly, starts, ends in lines.values_list(
        "household_id",
        "organisation_id",
        "organisation__owner",
        "quantity",
        "unit_price",
        "monthly",
        "starts_on",
        "ends_on",
    ):
        begin = max(months.month_of(starts), months.month_of(joined[household]), first or datetime.date.min)
        end = min(months.month_of(ends or now), now) if monthly else months.month_of(starts)
        if not monthly and not (begin <= end <= now):
            continue
        count = _months_between(begin, end) if monthly else 1
        if count <= 0:
            continue
        amount = quantity * price
        per_month[begin] += amount
        per_month[months.shift(end, 1)] -= amount  # a running line, as a difference: added in each month
        per_org[organisation] += amount * count
        money.by_payer[PAYERS[owner]] += amount * count
    money.invested = sum(per_org.values(), Decimal(0))
    names = {o.pk: o for o in Organisation.objects.filter(pk__in=per_org)}
    money.by_organisation = sorted(((names[pk], kroner) for pk, kroner in per_org.items()), key=lambda p: -p[1])
    by_start = Counter()  # (month joined, plan year): kroner a year, all plans whose participant joined that month
    valued = Q(error="")
    earliest = min(joined.values(), default=now)
    years = (_months_between(months.month_of(earliest), now) + 11) // 12  # the plan years that have begun

    def total(key, of):
        return Sum(Cast(KeyTextTransform(key, of), BigIntegerField()), filter=valued)

    for group in (
        PlanValue.objects.filter(household__in=households)
        .order_by()
        .values(month=TruncMonth("household__joined_on"))
        .annotate(
            not_valued=Count("pk", filter=~valued),
            non_priced=Sum("non_priced", filter=valued),
            benefits=Sum("present_value_benefits", filter=valued),
            costs=Sum("present_value_costs", filter=valued),
            society=Sum("society_net", filter=valued),
            **{f"party_{party}": total(party, "annual_by_beneficiary") for party in PARTIES},
            **{f"year_{year}": total(str(year), "yearly") for year in range(years)},
        )
    ):
        money.not_valued += group["not_valued"]
        money.non_priced += group["non_priced"] or 0
        money.present_value_benefits += group["benefits"] or 0
        money.present_value_costs += group["costs"] or 0
        money.society_net += group["society"] or 0
        for party in PARTIES:
            money.annual_by_beneficiary[party] += group[f"party_{party}"] or 0
        for year in range(years):  # plan year 1 is the 12 months from joining
            by_start[group["month"], year] += group[f"year_{year}"] or 0
    expected = Counter()
    for (start, year), kroner in by_start.items():
        month = months.shift(start, 12 * year)
        if month > now:
            continue  # the series stops at now
        for _ in range(12):
            expected[month] += Decimal(kroner) / 12
            month = months.shift(month, 1)
    money.months = _over_time(per_month, expected, first, now)
    return money


def _months_between(first, last):
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _over_time(per_month, expected, first, now):
    """(month, invested so far, expected benefits so far) for each month of the period up to now."""
    starts = [m for m in per_month if per_month[m]] + [m for m in expected if m <= now]
    if not starts:
        return []
    month, series, running, invested, benefits = first or min(starts), [], Decimal(0), Decimal(0), Decimal(0)
    while month <= now:
        running += per_month.get(month, Decimal(0))
        invested += running
        benefits += expected.get(month, Decimal(0))
        series.append((month, invested, benefits))
        month = months.shift(month, 1)
    return series
