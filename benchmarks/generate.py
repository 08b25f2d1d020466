"""A municipality full of made-up participants, to measure the portfolio against (`python -m benchmarks.portfolio`).

Everything is written with `bulk_create`, from one seeded `random.Random`: the same slug, number and seed give the
same municipality. The participants joined in the two years before `END` (1 November 2026); a few have left.
Only what the portfolio reads is made: no referrals, consents, sheets, goals or benefits (a plan's value is
written straight into `money.PlanValue`, as `manage.py revalue` would leave it).
"""

import datetime
import random
import time
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction

from welfarelab.journey.models import Assessment, Exit
from welfarelab.mapping import life_areas
from welfarelab.mapping.models import Meeting
from welfarelab.money.models import Investment, PlanValue
from welfarelab.people.models import Household, Municipality, Organisation, Person, StaffUser
from welfarelab.plans.models import InvestmentPlan, Measure, Status, TeamMembership, TrustedPerson

END = datetime.date(2026, 11, 1)  # the participants joined in the two years before
FIRST = END - datetime.timedelta(days=730)
BATCH = 2000
LEADERS, MEMBERS = 20, 200
PASSWORD = "benchmark only, never a real password"

Owner = Organisation.Owner
ORGANISATIONS = [  # code, name, owner
    ("nav", "NAV office", Owner.STATE),
    ("barnevern", "Child welfare service", Owner.MUNICIPALITY),
    ("helsestasjon", "Child health clinic", Owner.MUNICIPALITY),
    ("psykrus", "Mental health and substance-use service", Owner.MUNICIPALITY),
    ("bolig", "Housing office", Owner.MUNICIPALITY),
    ("skole", "Primary and lower-secondary school", Owner.MUNICIPALITY),
    ("vgs", "Upper-secondary school", Owner.COUNTY),
    ("ot", "Follow-up service", Owner.COUNTY),
    ("familievern", "Family counselling office", Owner.STATE),
    ("koordinerende", "Coordinating unit", Owner.MUNICIPALITY),
]
PARTIES = ["citizen", "municipality", "county", "state", "society"]
ANNUAL = {  # kroner a year at full effect, low and high, by beneficiary
    "citizen": (0, 80000),
    "municipality": (20000, 300000),
    "county": (0, 50000),
    "state": (20000, 400000),
    "society": (0, 100000),
}


@dataclass
class Generated:
    municipality: Municipality
    analyst: StaffUser
    leaders: list
    organisations: list
    seconds: float = 0.0
    counts: dict = field(default_factory=dict)  # model name: rows written


def generate(municipality_slug, participants, seed=0):
    """A new municipality `municipality_slug` with `participants` participants and all the portfolio counts."""
    began = time.perf_counter()
    r = random.Random(seed)
    with transaction.atomic():
        generated = _generate(r, municipality_slug, participants)
    generated.seconds = time.perf_counter() - began
    return generated


def _bulk(model, objects, counts):
    created = model.objects.bulk_create(objects, batch_size=BATCH)
    counts[model.__name__] = counts.get(model.__name__, 0) + len(objects)
    return created


def _day(first, last, r):
    """A day from `first` to `last`, both included (`first` if the span is empty)."""
    return first + datetime.timedelta(days=r.randint(0, max((last - first).days, 0)))


def _at(day, r):
    """A moment in working hours on `day`, in UTC (Oslo is one or two hours ahead: still the same day)."""
    return datetime.datetime(
        day.year, day.month, day.day, r.randint(7, 13), r.choice((0, 15, 30, 45)), tzinfo=datetime.UTC
    )


def _spread(first, last, count):
    """`count` days from `first` to `last`, evenly apart (the same day over and over if the span is short)."""
    span = max((last - first).days, 0)
    return [first + datetime.timedelta(days=span * i // max(count - 1, 1)) for i in range(count)]


def _generate(r, slug, participants):
    counts = {}
    municipality = Municipality.objects.create(slug=slug, name=f"Benchmark {slug}", default_language="nb")
    life_areas.install(municipality)
    _bulk(
        Organisation,
        [
            Organisation(municipality=municipality, code=code, name_en=name, name_nb=name, name_nn=name, owner=owner)
            for code, name, owner in ORGANISATIONS
        ],
        counts,
    )
    organisations = list(Organisation.objects.filter(municipality=municipality).order_by("code"))
    password = make_password(PASSWORD)  # hashed once: hashing for every user would take minutes

    def staff(role, index, organisation=None):
        return StaffUser(
            username=f"{slug}-{role}-{index}",
            password=password,
            first_name=f"{role.replace('_', ' ').title()} {index}",
            last_name=slug,
            role=role,
            municipality=municipality,
            organisation=organisation,
        )

    coordinating = next(o for o in organisations if o.code == "koordinerende")
    _bulk(
        StaffUser,
        [staff(StaffUser.Role.INVESTMENT_LEADER, i, coordinating) for i in range(LEADERS)]
        + [staff(StaffUser.Role.TEAM_MEMBER, i, organisations[i % len(organisations)]) for i in range(MEMBERS)]
        + [staff(StaffUser.Role.ANALYST, 0), staff(StaffUser.Role.ADMINISTRATOR, 0)],
        counts,
    )
    users = StaffUser.objects.filter(municipality=municipality).order_by("username")
    leaders = [u for u in users if u.role == StaffUser.Role.INVESTMENT_LEADER]
    members = [u for u in users if u.role == StaffUser.Role.TEAM_MEMBER]
    analyst = next(u for u in users if u.role == StaffUser.Role.ANALYST)
    recorder = leaders[0]

    households = []
    for index in range(participants):
        joined = _day(FIRST, END - datetime.timedelta(days=1), r)
        left = None
        if r.random() < 0.08 and (END - joined).days > 90:
            left = _day(joined + datetime.timedelta(days=60), END, r)
        households.append(
            Household(
                municipality=municipality,
                name=f"Household {index + 1}",
                target_group=r.choices("ABC", weights=(50, 30, 20))[0],
                investment_leader=r.choice(leaders),
                joined_on=joined,
                left_on=left,
            )
        )
    households = _bulk(Household, households, counts)
    if households and households[0].pk is None:  # a database that does not return the keys of a bulk insert
        keys = list(Household.objects.filter(municipality=municipality).order_by("pk").values_list("pk", flat=True))
        for household, pk in zip(households, keys, strict=True):
            household.pk = household.id = pk

    people, teams, trusted, meetings, assessments, exits, plans, lines, values = ([] for _ in range(9))
    for household in households:
        people += _people(r, municipality, household)
        last = household.left_on or END
        for member in r.sample(members, r.randint(2, 4)):
            teams.append(
                TeamMembership(
                    household=household,
                    member=member,
                    organisation_id=member.organisation_id,
                    team=r.choices(TeamMembership.Team.values, weights=(80, 20))[0],
                    joined_on=_day(household.joined_on, household.joined_on + datetime.timedelta(days=30), r),
                )
            )
        if r.random() < 0.4:
            trusted.append(
                TrustedPerson(
                    household=household,
                    name="A trusted person",
                    who=r.choice(["grandmother", "a friend", "an uncle", "the football coach"]),
                    joined_on=_day(household.joined_on, last, r),
                )
            )
        meetings += _meetings(r, household, last, recorder)
        assessments += _assessments(r, household, last, recorder)
        if household.left_on:
            early = r.random() < 0.6
            exits.append(
                Exit(
                    household=household,
                    kind=Exit.Kind.EARLY if early else Exit.Kind.CLOSED,
                    left_on=household.left_on,
                    goals_reached=not early,
                    consent=r.choice(Exit.ConsentReview.values),
                    reason="Moved away" if early else "",
                    recorded_by=recorder,
                )
            )
        plans.append(InvestmentPlan(household=household, price_year=2026, horizon_years=10))
        lines += _investments(r, household, organisations, recorder)
        values.append(_plan_value(r, household))
    for model, objects in [
        (Person, people),
        (TeamMembership, teams),
        (TrustedPerson, trusted),
        (Meeting, meetings),
        (Assessment, assessments),
        (Exit, exits),
        (Investment, lines),
        (PlanValue, values),
    ]:
        _bulk(model, objects, counts)
    plans = _bulk(InvestmentPlan, plans, counts)
    if plans and plans[0].pk is None:
        by_household = dict(
            InvestmentPlan.objects.filter(household__municipality=municipality).values_list("household_id", "pk")
        )
        for plan in plans:
            plan.pk = plan.id = by_household[plan.household_id]
    measures = []
    for plan in plans:
        household = plan.household
        for number in range(r.randint(1, 2)):
            starts = _day(household.joined_on, household.left_on or END, r)
            measures.append(
                Measure(
                    plan=plan,
                    text=f"Measure {number + 1}",
                    organisation=r.choice(organisations),
                    responsible=household.investment_leader,
                    how_often=r.choice(["", "once a week", "twice a month"]),
                    starts_on=starts,
                    ends_on=r.choice([None, starts + datetime.timedelta(days=r.randint(30, 365))]),
                    status=r.choices(Status.values, weights=(15, 60, 20, 5))[0],
                    additional=(number > 0 and r.random() < 0.5) or r.random() < 0.05,
                )
            )
    _bulk(Measure, measures, counts)
    return Generated(municipality, analyst, leaders, organisations, counts=counts)


def _people(r, municipality, household):
    """1 to 5 people: a young person alone (B), or one or two adults with children (A, C: a child with a
    disability)."""
    born = household.joined_on.year

    def person(given, relation, age, **kwargs):
        birth = datetime.date(born - age, r.randint(1, 12), r.randint(1, 28))
        return Person(
            household=household,
            municipality=municipality,
            given_name=given,
            family_name=household.name,
            relation=relation,
            birth_date=birth,
            **kwargs,
        )

    if household.target_group == Household.TargetGroup.B:
        found = [person("Young", Person.Relation.YOUNG_PERSON, r.randint(16, 24))]
        if r.random() < 0.2:
            found.append(person("Sibling", Person.Relation.OTHER_ADULT, r.randint(18, 30)))
        return found
    adults = [person("Parent", Person.Relation.PARENT, r.randint(25, 55)) for _ in range(r.choice((1, 1, 2)))]
    children = [person("Child", Person.Relation.CHILD, r.randint(0, 17)) for _ in range(r.randint(1, 5 - len(adults)))]
    if household.target_group == Household.TargetGroup.C:
        children[0].has_disability = True
    return adults + children


KINDS = [Meeting.Kind.INTRODUCTION, Meeting.Kind.MAPPING, Meeting.Kind.PLAN]


def _meetings(r, household, last, recorder):
    """3 to 6 meetings from joining, most held; a cancelled one now and then, and the next one planned."""
    count = r.randint(3, 6)
    found = []
    for number, day in enumerate(_spread(household.joined_on, last, count)):
        planned = number == count - 1 and not household.left_on and r.random() < 0.5
        when = day + datetime.timedelta(days=r.randint(14, 60)) if planned else day
        found.append(
            Meeting(
                household=household,
                kind=KINDS[number] if number < len(KINDS) else r.choice([Meeting.Kind.CHECKPOINT, Meeting.Kind.TEAM]),
                planned_at=_at(when, r),
                place=r.choice(["At home", "The lab", "NAV office"]),
                status=Meeting.Status.PLANNED
                if planned
                else r.choices([Meeting.Status.HELD, Meeting.Status.CANCELLED], weights=(93, 7))[0],
                created_by=recorder,
            )
        )
    return found


def _assessments(r, household, last, recorder):
    """2 to 4 assessments from joining: the level mostly rising, now and then falling back."""
    level = r.choices((1, 2, 3), weights=(35, 45, 20))[0]
    vulnerability = r.randint(1, 3)
    goal = r.choice([g for g in (3, 4) if g > level] or [4])
    goal_on = household.joined_on + datetime.timedelta(days=r.randint(365, 1095))
    found = []
    for number, day in enumerate(_spread(household.joined_on, last, r.randint(2, 4))):
        if number:
            level = min(4, max(1, level + r.choices((1, 0, -1), weights=(45, 40, 15))[0]))
            if r.random() < 0.15:
                vulnerability = max(1, vulnerability - 1)
        found.append(
            Assessment(
                household=household,
                occasion=Assessment.Occasion.JOINING if number == 0 else Assessment.Occasion.CHECKPOINT,
                assessed_on=day,
                level=level,
                family_level=r.choice([None, level, min(4, level + 1)]),
                vulnerability=vulnerability,
                goal_level=max(goal, level),
                goal_on=goal_on,
                recorded_by=recorder,
            )
        )
    return found


def _investments(r, household, organisations, recorder):
    """2 to 5 lines: staff hours, services and benefits paid every month, and one-off costs; some started
    before the family joined."""
    found = []
    for _ in range(r.randint(2, 5)):
        kind = r.choice(Investment.Kind.values)
        monthly = r.random() < 0.7
        if not monthly:
            quantity, price = 1, r.randint(2000, 60000)
        elif kind == Investment.Kind.STAFF_HOURS:
            quantity, price = r.randint(5, 40), r.randint(700, 1100)
        elif kind == Investment.Kind.SERVICE:
            quantity, price = r.randint(1, 8), r.randint(1000, 20000)
        else:
            quantity, price = 1, r.randint(5000, 15000)
        starts = _day(
            household.joined_on - datetime.timedelta(days=90), household.joined_on + datetime.timedelta(days=180), r
        )
        ends = None
        if monthly and r.random() < 0.4:
            ends = starts + datetime.timedelta(days=r.randint(90, 540))
        found.append(
            Investment(
                household=household,
                organisation=r.choice(organisations),
                kind=kind,
                what=kind.replace("_", " "),
                quantity=quantity,
                unit_price=price,
                monthly=monthly,
                starts_on=starts,
                ends_on=ends,
                recorded_by=recorder,
            )
        )
    return found


def _plan_value(r, household):
    """The plan as `manage.py revalue` would leave it: benefits by beneficiary a year at full effect, ten plan
    years ramping up to it, present values at 4 per cent; now and then a plan that could not be valued."""
    if r.random() < 0.01:
        return PlanValue(household=household, price_year=2026, error="No parameter for the year 2026.")
    annual = {party: r.randint(*ANNUAL[party]) // 100 * 100 for party in PARTIES}
    total, ramp = sum(annual.values()), r.randint(1, 3)
    yearly = [round(total * min(1, (year + 1) / ramp) * (1 - 0.05 * max(0, year - ramp))) for year in range(10)]
    benefits = round(sum(kroner / 1.04 ** (year + 1) for year, kroner in enumerate(yearly)))
    costs = r.randint(150000, 1500000)
    return PlanValue(
        household=household,
        price_year=2026,
        annual_by_beneficiary=annual,
        yearly=yearly,
        non_priced=r.randint(0, 3),
        present_value_benefits=benefits,
        present_value_costs=costs,
        society_net=round(benefits * r.uniform(0.5, 0.9)) - costs,
    )
