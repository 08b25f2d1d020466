"""Bad requests are refused with the offending field named (contract: `field: message`)."""

import copy

import pytest

from welfarelab.valuation import ValidationError, valuate

from .builders import benefit, cost, plan


def error_for(request) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        valuate(request)
    return error.value


def test_the_message_reads_field_colon_problem():
    request = plan(benefit(id="G1"), benefit(id="G2", inputs={"salary": 1000, "change": 1.5}))

    assert str(error_for(request)) == "benefits[1].inputs.change: must be between 0 and 1"


def test_unknown_method_is_refused():
    error = error_for(plan(benefit("happiness", {})))

    assert error.field == "benefits[0].method"
    assert "unknown method 'happiness'" in error.message


def test_negative_salary_is_refused():
    error = error_for(plan(benefit("production", {"salary": -1, "change": 1})))

    assert (error.field, error.message) == ("benefits[0].inputs.salary", "must not be negative")


@pytest.mark.parametrize(
    ("place", "field"),
    [
        (("inputs", "improvement"), "benefits[0].inputs.improvement"),
        (("adjustments", "deadweight"), "benefits[0].adjustments.deadweight"),
        (("adjustments", "attribution"), "benefits[0].adjustments.attribution"),
        (("adjustments", "displacement"), "benefits[0].adjustments.displacement"),
        (("time_profile", "drop_off"), "benefits[0].time_profile.drop_off"),
    ],
)
@pytest.mark.parametrize("value", [-0.01, 1.01])
def test_a_share_outside_0_to_1_is_refused(place, field, value):
    request = plan(benefit("qaly"), horizon_years=5)
    request["benefits"][0].setdefault(place[0], {})[place[1]] = value
    error = error_for(request)

    assert (error.field, error.message) == (field, "must be between 0 and 1")


def test_a_discount_rate_outside_0_to_1_is_refused():
    error = error_for(plan(benefit(), horizon_years=5, discount_rate=1.5))

    assert (error.field, error.message) == ("analysis.discount_rate", "must be between 0 and 1")


def test_a_tax_rate_outside_0_to_1_is_refused():
    error = error_for(plan(benefit("municipal_tax", {"salary": 1, "change": 1, "municipal_tax_rate": 12})))

    assert error.field == "benefits[0].inputs.municipal_tax_rate"


def test_a_missing_parameter_without_a_set_in_force_names_the_field_and_the_year():
    error = error_for(plan(benefit("qaly", {"improvement": 0.5}), price_year=2010))

    assert error.field == "benefits[0].inputs.qaly_value"
    assert "price_year 2010" in error.message
    assert "2016" in error.message


def test_a_missing_required_input_is_refused():
    error = error_for(plan(benefit("production", {"salary": 300000})))

    assert (error.field, error.message) == ("benefits[0].inputs.change", "is required")


def test_an_unknown_input_is_refused_rather_than_ignored():
    error = error_for(plan(benefit("production", {"salary": 300000, "change": 1, "chnage": 0.5})))

    assert error.field == "benefits[0].inputs.chnage"


def test_an_unknown_beneficiary_is_refused():
    error = error_for(plan(benefit(beneficiary="nav")))

    assert error.field == "benefits[0].beneficiary"
    assert "citizen, municipality, county, state, society" in error.message


def test_an_unknown_payer_is_refused():
    assert error_for(plan(benefit(), costs=[cost(payer="bank")])).field == "costs[0].payer"


@pytest.mark.parametrize("score", ["+++++", "3", 3, None, "plus"])
def test_a_qualitative_score_off_the_scale_is_refused(score):
    assert error_for(plan(benefit("qualitative", {"score": score}))).field == "benefits[0].inputs.score"


@pytest.mark.parametrize("horizon", [0, -5, 2.5, "10", True])
def test_horizon_years_must_be_a_positive_whole_number(horizon):
    request = plan(benefit(), horizon_years=10)
    request["analysis"]["horizon_years"] = horizon

    assert error_for(request).field == "analysis.horizon_years"


def test_analysis_needs_a_discount_rate():
    request = plan(benefit(), horizon_years=10)
    del request["analysis"]["discount_rate"]
    error = error_for(request)

    assert (error.field, error.message) == ("analysis.discount_rate", "is required")


def test_a_cost_after_the_horizon_is_refused():
    assert error_for(plan(benefit(), costs=[cost(year=11)], horizon_years=10)).field == "costs[0].year"


def test_a_negative_cost_is_refused():
    assert error_for(plan(benefit(), costs=[cost(amount=-5)])).field == "costs[0].amount"


def test_benefit_ids_must_be_unique():
    assert error_for(plan(benefit(id="G1"), benefit(id="G1"))).field == "benefits[1].id"


def test_price_year_is_required():
    request = plan(benefit())
    del request["price_year"]

    assert error_for(request).field == "price_year"


@pytest.mark.parametrize("value", ["NaN", "Infinity", "a lot", [1], {"value": 1}])
def test_a_number_must_be_a_finite_number(value):
    assert error_for(plan(benefit("production", {"salary": value, "change": 1}))).field.startswith(
        "benefits[0].inputs.salary"
    )


def test_an_estimate_must_run_low_to_high():
    request = plan(benefit("production", {"salary": 300000, "change": {"low": 0.5, "expected": 0.3, "high": 0.8}}))
    error = error_for(request)

    assert (error.field, error.message) == ("benefits[0].inputs.change", "must have low <= expected <= high")


def test_each_value_of_an_estimate_is_checked():
    request = plan(benefit("production", {"salary": 300000, "change": {"low": 0.5, "expected": 0.7, "high": 1.2}}))

    assert error_for(request).field == "benefits[0].inputs.change.high"


def test_the_request_must_be_an_object():
    assert error_for(["not", "a", "request"]).field == "request"


def test_valuating_does_not_change_the_request():
    request = plan(benefit("qaly", {"improvement": 0.5}), costs=[cost()], horizon_years=5)
    before = copy.deepcopy(request)
    valuate(request)

    assert request == before
