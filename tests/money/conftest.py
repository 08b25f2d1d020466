"""Small builders for the investment in a family: services in the catalogue, lines of cost, what the form posts."""

import datetime
from decimal import Decimal

import pytest

from tests.conftest import org
from tests.mapping.conftest import person
from welfarelab.money.models import Investment, Service, Unit


def make_service(municipality, name="School nurse follow-up", code="helsestasjon", unit_cost="850", **fields):
    return Service.objects.create(
        municipality=municipality,
        organisation=org(municipality, code),
        name_en=name,
        name_nb=name,
        name_nn=name,
        unit=fields.pop("unit", Unit.HOUR),
        unit_cost=Decimal(unit_cost),
        **fields,
    )


def make_line(household, recorded_by, what="Social assistance", code="nav", **fields):
    """A line of the investment: by default 1 x 1000 kr every month from 1 January 2026, ongoing."""
    fields = {
        "kind": Investment.Kind.BENEFIT,
        "organisation": org(household.municipality, code),
        "quantity": Decimal(1),
        "unit_price": Decimal(1000),
        "monthly": True,
        "starts_on": datetime.date(2026, 1, 1),
    } | fields
    return Investment.objects.create(household=household, recorded_by=recorded_by, what=what, **fields)


def line_data(household, **overrides):
    """What the investment form posts for a new monthly benefit of 12 000 kr to the whole family."""
    data = {
        "kind": Investment.Kind.BENEFIT,
        "service": "",
        "what": "Social assistance",
        "organisation": org(household.municipality, "nav").pk,
        "person": "",
        "quantity": "1",
        "unit_price": "12000",
        "monthly": "on",
        "starts_on": "2026-01-01",
        "ends_on": "",
    } | overrides
    return {name: value for name, value in data.items() if value is not None}


def edit_data(line, **overrides):
    """What the form posts when `line` is saved again unchanged, from the version it was opened at."""
    return (
        {
            "kind": line.kind,
            "service": line.service_id or "",
            "what": line.what,
            "organisation": line.organisation_id,
            "person": line.person_id or "",
            "quantity": str(line.quantity),
            "unit_price": str(line.unit_price),
            "starts_on": line.starts_on.isoformat(),
            "ends_on": line.ends_on.isoformat() if line.ends_on else "",
            "version": line.version,
        }
        | ({"monthly": "on"} if line.monthly else {})
        | overrides
    )


@pytest.fixture
def lines(family, leader):
    """A line for the whole family, one for the mother (covered by NAV's consent) and one for the father (not)."""
    return {
        "family": make_line(family, leader, what="Housing support", code="bolig", unit_price=Decimal(1000)),
        "mother": make_line(
            family, leader, what="Course for the mother", unit_price=Decimal(200), person=person(family, "Mother")
        ),
        "father": make_line(
            family,
            leader,
            what="Treatment for the father",
            code="psykrus",
            unit_price=Decimal(30000),
            person=person(family, "Father"),
        ),
    }
