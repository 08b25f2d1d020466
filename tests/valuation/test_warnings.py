"""Warnings: human-readable notes next to the figures, chiefly on double counting (reference 2.3)."""

import pytest

from welfarelab.valuation import valuate

from .builders import benefit, plan


@pytest.mark.parametrize("method", ["transfer_reduction", "social_assistance", "municipal_tax"])
def test_a_transfer_booked_to_society_is_valued_with_a_double_counting_warning(method):
    response = valuate(plan(benefit(method, beneficiary="society", id="G7")))

    assert response["totals"]["by_beneficiary"]["society"] > 0
    assert len(response["warnings"]) == 1
    assert response["warnings"][0].startswith(f"G7: {method}")
    assert "double counts" in response["warnings"][0]


@pytest.mark.parametrize("method", ["transfer_reduction", "social_assistance", "municipal_tax"])
def test_a_transfer_booked_to_the_party_whose_budget_it_changes_gives_no_warning(method):
    assert valuate(plan(benefit(method, beneficiary="municipality")))["warnings"] == []


def test_production_booked_to_society_gives_no_warning():
    assert valuate(plan(benefit("production", beneficiary="society")))["warnings"] == []


def test_an_unverified_parameter_taken_from_the_store_is_pointed_out():
    response = valuate(plan(benefit("qaly", {"improvement": 0.5}), price_year=2016))

    assert len(response["warnings"]) == 1
    assert response["warnings"][0].startswith("benefits[0].inputs.qaly_value: taken from the 2016 parameter set")


def test_an_unknown_field_outside_the_figures_is_ignored_with_a_note():
    request = plan(benefit(owner="Kari"))

    assert valuate(request)["warnings"] == ["benefits[0].owner: unknown field, ignored"]


def test_a_benefit_starting_after_the_horizon_is_pointed_out():
    response = valuate(plan(benefit(time_profile={"start_year": 12}), horizon_years=10))

    assert response["warnings"] == ["G1: starts in year 12, after the horizon of 10 years, so its present value is 0."]
