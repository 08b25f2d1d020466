"""The portfolio for a large municipality: a fixed number of queries however many participants, figures that add
up, and a dashboard that renders in under a second for 1,000 participants (made up by `benchmarks.generate`).

The full benchmark, for 10,000 participants on PostgreSQL, is `python -m benchmarks.portfolio --participants 10000`
(see its docstring for the figures measured).
"""

import datetime
import statistics
import time
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from benchmarks import generate
from welfarelab.journey.models import Assessment, Exit
from welfarelab.mapping.models import Meeting
from welfarelab.money.models import PlanValue
from welfarelab.people.models import Household, Person
from welfarelab.reports import portfolio

FIGURES_QUERIES = 12  # at most, for any number of participants
PAGE_QUERIES = 25
PERIOD = {"start": datetime.date(2026, 1, 1), "end": datetime.date(2026, 6, 30), "target_group": "A"}


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """A municipality of 100 participants and one of 1,000, made once for this module and rolled back after it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield {n: generate.generate(f"benchmark-test-{n}", n, seed=n) for n in (100, 1000)}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def selections(municipality):
    return [portfolio.Selection(municipality), portfolio.Selection(municipality, **PERIOD)]


def count_queries(run):
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


@pytest.mark.django_db
def test_the_figures_need_the_same_few_queries_however_many_participants(generated):
    small, large = (selections(generated[n].municipality) for n in (100, 1000))
    for few, many in zip(small, large, strict=True):
        queries = count_queries(lambda many=many: portfolio.figures(many))
        assert queries == count_queries(lambda few=few: portfolio.figures(few))
        assert queries <= FIGURES_QUERIES


@pytest.mark.django_db
def test_the_dashboard_for_1000_participants_renders_in_under_a_second(client, generated):
    url = reverse("portfolio")
    narrowed = f"{url}?start=2026-01-01&end=2026-06-30&target_group=A"
    for page in (url, narrowed):
        queries = {}
        for n in (100, 1000):
            client.force_login(generated[n].analyst)
            assert client.get(page).status_code == 200  # the templates loaded, the session warm
            with CaptureQueriesContext(connection) as captured:
                assert client.get(page).status_code == 200
            queries[n] = len(captured)
        assert queries[100] == queries[1000] <= PAGE_QUERIES

    times = []
    for _ in range(3):
        began = time.perf_counter()
        assert client.get(url).status_code == 200
        times.append(time.perf_counter() - began)
    assert statistics.median(times) < 1.0, times


def expected_participants(municipality, start=None, end=None, target_group=""):
    """The selection's participants worked out from the households one by one, not as portfolio does."""
    until = min(end or timezone.localdate(), timezone.localdate())
    return [
        h
        for h in Household.objects.filter(municipality=municipality)
        if h.joined_on
        and h.joined_on <= until
        and not (start and h.left_on and h.left_on < start)
        and (not target_group or h.target_group == target_group)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("narrowed", [False, True], ids=["everyone", "period-and-group"])
def test_the_figures_add_up(generated, narrowed):
    municipality = generated[1000].municipality
    criteria = PERIOD if narrowed else {}
    p = portfolio.figures(portfolio.Selection(municipality, **criteria))
    chosen = expected_participants(municipality, **criteria)
    until = min(criteria.get("end") or timezone.localdate(), timezone.localdate())
    start = criteria.get("start")

    assert p.participants == len(chosen) > 100
    assert sum(p.participants_by_target_group.values()) == p.participants
    if narrowed:
        assert p.participants_by_target_group == {"A": p.participants, "B": 0, "C": 0}
    people = Person.objects.filter(household__in=chosen)
    assert p.children_affected == people.filter(relation=Person.Relation.CHILD).count()
    assert p.children_affected + p.adults_affected == people.count()
    assert p.investment_leaders == len({h.investment_leader_id for h in chosen}) <= generate.LEADERS

    assessed = {a.household_id for a in Assessment.objects.filter(household__in=chosen, assessed_on__lte=until)}
    assert sum(p.situations.values()) + p.not_assessed == p.participants
    assert sum(p.situations.values()) == len(assessed)
    assert sum(count for _, count in p.journeys) == len(assessed)
    assert sum(p.movement.values()) == len(assessed)

    held = [
        m
        for m in Meeting.objects.filter(household__in=chosen, status=Meeting.Status.HELD)
        if (not start or timezone.localtime(m.planned_at).date() >= start)
        and timezone.localtime(m.planned_at).date() <= until
    ]
    assert p.meetings_held == len(held) > 0
    early = Exit.objects.filter(household__in=chosen, kind=Exit.Kind.EARLY, left_on__lte=until)
    assert p.dropped_out == (early.filter(left_on__gte=start) if start else early).count()

    money = p.money
    assert money.invested > 0
    assert sum(money.by_payer.values()) == money.invested
    assert sum(kroner for _, kroner in money.by_organisation) == money.invested
    assert money.months[-1][1] == money.invested  # the running total ends at what was invested
    values = PlanValue.objects.filter(household__in=chosen)
    assert money.not_valued == values.exclude(error="").count()
    valued = list(values.filter(error=""))
    assert money.annual_total == sum(sum(v.annual_by_beneficiary.values()) for v in valued) > 0
    assert money.present_value_benefits == sum((v.present_value_benefits for v in valued), Decimal(0))
    assert money.society_net == sum((v.society_net for v in valued), Decimal(0))


@pytest.mark.django_db
def test_the_generator_makes_the_same_municipality_from_the_same_seed():
    first, second = (generate.generate(slug, 50, seed=7) for slug in ("same-seed-1", "same-seed-2"))
    assert first.counts == second.counts
    figures = [portfolio.figures(portfolio.Selection(g.municipality)).as_json() for g in (first, second)]
    assert figures[0] == figures[1]
    assert figures[0]["participants_by_target_group"] != {"A": 0, "B": 0, "C": 0}
