"""A long record of investment opens with a bounded number of queries, however many lines it holds."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import FAMILY, add_to_team, make_participant, org
from tests.money.conftest import make_service, person
from welfarelab.money.models import Investment


def many_lines(household, recorded_by, count):
    """`count` lines: for the whole family, the mother, the child and the father in turn, from several organisations,
    every third from the catalogue, every fourth a one-off, spread over the two years around joining."""
    municipality = household.municipality
    nurse = make_service(municipality, f"Nurse for {household.pk}")
    whose = itertools.cycle(
        [None, person(household, "Mother"), person(household, "Child"), person(household, "Father")]
    )
    codes = itertools.cycle(["nav", "bolig", "skole", "helsestasjon", "barnevern"])
    Investment.objects.bulk_create(
        Investment(
            household=household,
            recorded_by=recorded_by,
            kind=Investment.Kind.SERVICE if n % 3 == 0 else Investment.Kind.BENEFIT,
            service=nurse if n % 3 == 0 else None,
            what="" if n % 3 == 0 else f"Line {n}",
            organisation=org(municipality, next(codes)),
            person=next(whose),
            quantity=Decimal(n % 5 + 1),
            unit_price=Decimal(100 * n + 50),
            monthly=n % 4 != 0,
            starts_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=12 * n),
            ends_on=None if n % 2 else datetime.date(2026, 12, 31),
        )
        for n in range(count)
    )


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["leader", "member"])
def test_a_long_record_opens_with_a_bounded_number_of_queries(
    client, request, leader, family, django_assert_max_num_queries, who
):
    many_lines(family, leader, 60)
    client.force_login(request.getfixturevalue(who))

    with django_assert_max_num_queries(12):
        response = client.get(reverse("investment", args=[family.pk]))

    assert len(response.context["entries"]) == (60 if who == "leader" else 45)  # the member does not see the father's


def test_the_number_of_queries_does_not_grow_with_the_number_of_lines(
    client, leader, member, family, referrer, municipality
):
    bigger = make_participant(municipality, leader, referrer, people=FAMILY)
    add_to_team(bigger, member, "nav")
    many_lines(family, leader, 5)
    many_lines(bigger, leader, 60)
    client.force_login(member)
    queries(client, reverse("investment", args=[family.pk]))  # sessions and caches warmed

    assert queries(client, reverse("investment", args=[family.pk])) == queries(
        client, reverse("investment", args=[bigger.pk])
    )
