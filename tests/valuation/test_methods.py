"""Each method's annual value at full effect, before adjustments (contract table)."""

import pytest

from welfarelab.valuation import valuate

from .builders import benefit, line, plan


def annual_value(method, inputs):
    return line(valuate(plan(benefit(method, inputs))), "G1")["annual_value"]


def test_qaly_is_value_times_improvement_times_persons():
    assert annual_value("qaly", {"qaly_value": 600000, "improvement": 0.25, "persons": 3}) == 450000


def test_qaly_counts_one_person_by_default():
    assert annual_value("qaly", {"qaly_value": 600000, "improvement": 0.25}) == 150000


def test_production_is_salary_times_change():
    assert annual_value("production", {"salary": 300000, "change": 0.3}) == 90000


def test_transfer_reduction_adds_supplements_before_applying_the_change():
    assert annual_value("transfer_reduction", {"annual_transfer": 200000, "supplements": 12000, "change": 0.3}) == 63600


def test_transfer_reduction_has_no_supplements_by_default():
    assert annual_value("transfer_reduction", {"annual_transfer": 200000, "change": 0.5}) == 100000


def test_municipal_tax_is_salary_times_change_times_rate():
    assert annual_value("municipal_tax", {"salary": 150000, "change": 1, "municipal_tax_rate": 0.12}) == 18000


def test_social_assistance_is_monthly_rate_times_months_times_change():
    assert annual_value("social_assistance", {"monthly_rate": 5950, "months": 6, "change": 0.5}) == 17850


def test_social_assistance_counts_twelve_months_of_full_change_by_default():
    assert annual_value("social_assistance", {"monthly_rate": 5950}) == 71400


def test_unit_cost_is_unit_cost_times_units():
    assert annual_value("unit_cost", {"unit_cost": 2500.5, "units": 4}) == 10002


def test_halves_round_away_from_zero():
    assert annual_value("unit_cost", {"unit_cost": 0.5, "units": 1}) == 1


def test_money_is_decimal_not_binary_floating_point():
    # In binary floating point 1.15 x 100 is 114.99999999999999 and would round down.
    assert annual_value("unit_cost", {"unit_cost": 1.15, "units": 100}) == 115


@pytest.mark.parametrize("score", ["----", "---", "--", "-", "0", "+", "++", "+++", "++++"])
def test_qualitative_benefit_is_listed_not_priced(score):
    response = valuate(plan(benefit("qualitative", {"score": score}, id="G5")))

    assert line(response, "G5") == {
        "id": "G5",
        "label": None,
        "beneficiary": "citizen",
        "method": "qualitative",
        "priced": False,
        "score": score,
    }
    assert response["non_priced"] == {"G5": score}
    assert response["totals"]["annual_priced_total"] == 0


def test_net_annual_value_applies_deadweight_attribution_and_displacement():
    adjustments = {"deadweight": 0.2, "attribution": 0.5, "displacement": 0.1}
    response = valuate(plan(benefit("production", {"salary": 100000, "change": 1}, adjustments=adjustments)))

    assert line(response, "G1")["net_annual_value"] == 36000  # 100000 x 0.8 x 0.5 x 0.9


def test_annual_totals_are_sums_of_annual_values_before_adjustments():
    response = valuate(
        plan(
            benefit("production", {"salary": 100000, "change": 1}, id="G1", adjustments={"deadweight": 0.5}),
            benefit("unit_cost", {"unit_cost": 1000, "units": 10}, id="G2", beneficiary="state"),
        )
    )

    assert response["totals"]["annual_priced_total"] == 110000
    assert response["totals"]["by_beneficiary"] == {"citizen": 100000, "state": 10000}
    assert response["totals"]["net_annual_priced_total"] == 60000
