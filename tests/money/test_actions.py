"""A line of the investment, a benefit, its realisation and the valuation settings are recorded from values and
the principal, with the same rules as on the page."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import Role, make_user, org
from tests.plans.conftest import make_goal
from welfarelab.access import changes
from welfarelab.money import benefits, investment
from welfarelab.money.models import Benefit, Investment, PlanValue

START = datetime.date(2026, 1, 1)
ONE_DAY = datetime.timedelta(days=1)


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


def test_a_benefit_is_saved_from_the_inputs_the_engine_reads(
    leader, member, family, django_capture_on_commit_callbacks
):
    mothers = make_goal(family, "Work for the mother", person=family.members.get(given_name="Mother"))
    fathers = make_goal(family, "Work for the father", person=family.members.get(given_name="Father"))
    line = {"label": "A job", "beneficiary": "state", "method": "production"}
    with pytest.raises(ValidationError) as refused:
        benefits.save(member, family, goal=fathers, **line, inputs={"change": "0.5"})
    assert set(refused.value.error_dict) == {"goal", "inputs.salary"}  # hidden from NAV; production needs a salary
    with pytest.raises(ValidationError) as refused:
        benefits.save(
            member, family, goal=mothers, **line, inputs={"salary": "x", "change": "0.5"}, deadweight=Decimal(2)
        )
    assert set(refused.value.error_dict) == {"inputs", "deadweight"}
    assert not Benefit.objects.exists()

    inputs = {"salary": "300000", "change": "0.5"}
    with django_capture_on_commit_callbacks(execute=True):
        benefit = benefits.save(member, family, goal=mothers, **line, inputs=inputs)
    assert (benefit.code, benefit.version) == ("G1", 1)
    assert PlanValue.objects.get(household=family).present_value_benefits > 0  # valued once it was saved
    changed = benefits.save(member, family, goal=mothers, **line, inputs=inputs, benefit=benefit, version=1)
    assert (changed.code, changed.version) == ("G1", 2)


def test_realising_a_benefit_measuring_it_and_the_valuation_settings_from_values(leader, member, family, municipality):
    goal = make_goal(family, "Work for the mother", person=family.members.get(given_name="Mother"))
    line = {"label": "A job", "beneficiary": "state", "method": "production", "goal": goal}
    benefit = benefits.save(leader, family, **line, inputs={"salary": "300000", "change": "0.5"})
    stranger = make_user(municipality, Role.TEAM_MEMBER, "skole")
    with pytest.raises(ValidationError) as refused:
        benefits.save_realisation(leader, family, benefit, owner=stranger, status="someday", version=1)
    assert set(refused.value.error_dict) == {"owner", "status"}
    benefits.save_realisation(leader, family, benefit, owner=member, status="planned", indicator="Hours", version=1)
    with pytest.raises(ValidationError) as refused:
        benefits.save_realisation(leader, family, benefit, owner=member, status="planned", version=1)
    assert refused.value.messages == [str(changes.STALE)]

    with pytest.raises(ValidationError) as refused:
        benefits.add_measurement(member, family, benefit, measured_on=datetime.date.today() + ONE_DAY, value="")
    assert set(refused.value.error_dict) == {"measured_on", "value"}
    benefits.add_measurement(member, family, benefit, measured_on=datetime.date.today(), value="20 hours")

    with pytest.raises(ValidationError) as refused:
        benefits.save_analysis(leader, family, price_year=1900, horizon_years=0, discount_rate=Decimal(2), version=1)
    assert set(refused.value.error_dict) == {"price_year", "horizon_years", "discount_rate"}
    the_plan = benefits.save_analysis(leader, family, price_year=2025, horizon_years=5, discount_rate=0, version=1)
    assert (the_plan.horizon_years, the_plan.version) == (5, 2)
