"""A line of the investment is recorded from values and the principal, with the same rules as on the page."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import org
from welfarelab.money import investment
from welfarelab.money.models import Investment

START = datetime.date(2026, 1, 1)


def test_a_line_is_recorded_from_values_and_a_service_gives_its_organisation_and_price(leader, family):
    line = investment.save(
        leader,
        family,
        kind=Investment.Kind.BENEFIT,
        what="Social assistance",
        quantity=Decimal(1),
        unit_price=Decimal(12000),
        organisation=org(family.municipality, "nav"),
        starts_on=START,
    )
    assert (line.household, line.recorded_by, line.version) == (family, leader, 1)


def test_every_missing_value_is_named_and_someone_hidden_cannot_be_the_one_it_is_for(
    member, family, other_municipality
):
    father = family.members.get(given_name="Father")
    with pytest.raises(ValidationError) as refused:
        investment.save(
            member,
            family,
            kind="gift",
            quantity=Decimal(-1),
            starts_on=START,
            ends_on=START - datetime.timedelta(days=1),
            organisation=org(other_municipality, "nav"),
            person=father,
        )
    assert set(refused.value.error_dict) == {
        "kind",
        "quantity",
        "what",
        "organisation",
        "unit_price",
        "person",
        "ends_on",
    }
    assert not Investment.objects.exists()
