"""A large plan opens with a bounded number of queries, however many goals and measures it holds."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import FAMILY, add_to_team, make_participant, org
from tests.mapping.conftest import person, plan_meeting
from tests.plans.conftest import area, days, make_decision, prepare, sign_all
from welfarelab.mapping.models import Entry
from welfarelab.plans.models import Goal, Measure
from welfarelab.plans.plan import plan_of


def notes(household, column, count):
    return Entry.objects.bulk_create(
        Entry(household=household, section="grid", life_area=area(household), column=column, text=f"{column} {n}")
        for n in range(count)
    )


def large_plan(household, leader, member, meeting, goals, measures):
    """`goals` goals made from the sheet (every third a sub-goal), `measures` measures spread over them.

    Goals and measures belong in turn to the whole family, the mother and the child; measures are
    decided in the meeting, by the leader or the member, and are made from notes too.
    """
    the_plan = plan_of(household)
    whose = itertools.cycle([None, person(household, "Mother"), person(household, "Child")])
    made = []
    for n, source in enumerate(notes(household, "long_term", goals)):
        main = made[n - 1] if n % 3 == 2 and made[n - 1].main_goal_id is None else None
        made.append(
            Goal.objects.create(
                plan=the_plan,
                main_goal=main,
                text=f"Goal {n}",
                life_area=source.life_area,
                indicator="Indicator",
                target_on=days(30 + n) if main is None else days(n),
                person=next(whose),
                source=source,
            )
        )
    nav = org(household.municipality, "nav")
    for n, source in enumerate(notes(household, "now", measures)):
        by = (leader, member)[n % 2]
        Measure.objects.create(
            plan=the_plan,
            goal=made[n % goals],
            text=f"Measure {n}",
            organisation=nav,
            responsible=member if n % 2 else None,
            family_member=next(whose),
            starts_on=days(n - 20),
            ends_on=days(n) if n % 4 else None,
            decision=make_decision(household, meeting, by, text=f"Measure {n}"),
            source=source,
        )


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


PAGES = ["plan", "timeline", "decisions"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("who", ["leader", "member"])
def test_a_large_plan_opens_with_a_bounded_number_of_queries(
    client, request, leader, member, meeting, family, django_assert_max_num_queries, page, who
):
    large_plan(family, leader, member, meeting, goals=15, measures=40)
    client.force_login(request.getfixturevalue(who))

    with django_assert_max_num_queries(25):
        assert client.get(reverse(page, args=[family.pk])).status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_the_number_of_queries_does_not_grow_with_the_number_of_goals(
    client, leader, member, meeting, family, referrer, municipality, page
):
    bigger = make_participant(municipality, leader, referrer, people=FAMILY)
    add_to_team(bigger, member, "nav")
    large_plan(family, leader, member, meeting, goals=5, measures=10)
    large_plan(bigger, leader, member, plan_meeting(bigger, leader), goals=20, measures=40)
    client.force_login(member)
    queries(client, reverse(page, args=[family.pk]))  # sessions and caches warmed

    assert queries(client, reverse(page, args=[family.pk])) == queries(client, reverse(page, args=[bigger.pk]))


def test_a_plan_with_a_signed_agreement_opens_with_a_bounded_number_of_queries(
    client, leader, member, meeting, family, django_assert_max_num_queries
):
    large_plan(family, leader, member, meeting, goals=15, measures=40)
    sign_all(leader, family, prepare(leader, family))
    client.force_login(leader)

    with django_assert_max_num_queries(25):
        page = client.get(reverse("plan", args=[family.pk])).content.decode()
    assert "Version 1 was signed on" in page
