"""Discounting, net present value, benefit-cost ratio and payback year (contract: discounting, response)."""

from decimal import Decimal

from welfarelab.valuation import valuate
from welfarelab.valuation.present_value import benefit_cost_ratio, discount_factors, payback_year

from .builders import benefit, cost, line, plan


def test_year_one_is_discounted_once():
    response = valuate(plan(benefit("unit_cost", {"unit_cost": 104, "units": 1}), horizon_years=1, discount_rate=0.04))

    assert line(response, "G1")["present_value"] == 100


def test_benefit_present_value_sums_discounted_years_of_its_profile():
    profile = {"start_year": 2, "ramp_years": 1, "duration_years": 3}
    request = plan(benefit("unit_cost", {"unit_cost": 1000, "units": 1}, time_profile=profile), horizon_years=10)

    # Years 2, 3, 4 at shares 0.5, 1, 1: 500/1.04^2 + 1000/1.04^3 + 1000/1.04^4 = 2206.08
    assert line(valuate(request), "G1")["present_value"] == 2206


def test_present_value_uses_the_net_value_after_adjustments():
    request = plan(
        benefit("unit_cost", {"unit_cost": 1000, "units": 1}, adjustments={"deadweight": 0.5}),
        horizon_years=2,
        discount_rate=0,
    )

    assert line(valuate(request), "G1")["present_value"] == 1000


def test_cost_is_discounted_by_its_year():
    response = valuate(plan(costs=[cost(amount=108160, year=2)], horizon_years=5, discount_rate=0.04))

    assert response["totals"]["present_value_costs"] == 100000
    assert response["costs"][0]["present_value"] == 100000


def test_net_present_value_is_benefits_less_costs():
    request = plan(
        benefit("unit_cost", {"unit_cost": 1000, "units": 1}),
        costs=[cost(amount=1500, year=1)],
        horizon_years=3,
        discount_rate=0,
    )
    totals = valuate(request)["totals"]

    assert (totals["present_value_benefits"], totals["present_value_costs"], totals["net_present_value"]) == (
        3000,
        1500,
        1500,
    )


def test_benefit_cost_ratio_has_four_decimals():
    assert benefit_cost_ratio(Decimal(2), Decimal(3)) == Decimal("0.6667")


def test_benefit_cost_ratio_is_null_without_costs():
    response = valuate(plan(benefit(), horizon_years=5))

    assert response["totals"]["benefit_cost_ratio"] is None


def test_benefit_cost_ratio_in_the_response_is_a_number():
    request = plan(benefit("unit_cost", {"unit_cost": 1000, "units": 1}), costs=[cost(amount=3000)], horizon_years=2)
    response = valuate(request)

    assert response["totals"]["benefit_cost_ratio"] == 0.6538  # (961.54 + 924.56) / 2884.62 = 0.65384


def test_payback_year_is_the_first_year_cumulative_benefits_reach_costs():
    request = plan(benefit("unit_cost", {"unit_cost": 1000, "units": 1}), costs=[cost(amount=3000)], horizon_years=10)

    # Discounted benefits reach 3000 / 1.04 = 2884.6 in year 4 (1000 x (1/1.04 + ... + 1/1.04^4) = 3629.9),
    # not in year 3 (2775.1).
    assert valuate(request)["totals"]["payback_year"] == 4


def test_payback_year_is_null_if_benefits_never_catch_up_within_the_horizon():
    request = plan(benefit("unit_cost", {"unit_cost": 1000, "units": 1}), costs=[cost(amount=50000)], horizon_years=10)

    assert valuate(request)["totals"]["payback_year"] is None


def test_payback_year_is_null_without_costs():
    assert valuate(plan(benefit(), horizon_years=10))["totals"]["payback_year"] is None


def test_payback_year_counts_from_the_first_cost():
    # Benefits alone in years 1-2 pay back nothing; the cost falls in year 3 and is covered at once.
    request = plan(
        benefit("unit_cost", {"unit_cost": 1000, "units": 1}), costs=[cost(amount=100, year=3)], horizon_years=5
    )

    assert valuate(request)["totals"]["payback_year"] == 3


def test_payback_year_is_the_first_year_even_when_a_later_cost_falls_behind_again():
    benefits = [Decimal(100)] * 6
    costs = [(1, Decimal(150)), (5, Decimal(1000))]

    assert payback_year(lambda t: sum(benefits[:t]), costs, 6) == 2


def test_payback_year_matches_a_year_by_year_search():
    benefits = [Decimal(v) for v in (0, 0, 10, 40, 40, 40, 40, 40, 40, 40)]
    costs = [(1, Decimal(30)), (4, Decimal(20)), (6, Decimal(60))]
    cumulative_costs = [sum(amount for year, amount in costs if year <= t) for t in range(1, 11)]
    by_search = next(t for t in range(1, 11) if sum(benefits[:t]) >= cumulative_costs[t - 1])

    assert payback_year(lambda t: sum(benefits[:t]), costs, 10) == by_search == 4


def test_discount_factors_are_end_of_year():
    assert discount_factors(Decimal("0.25"), 3) == (Decimal("0.8"), Decimal("0.64"), Decimal("0.512"))


def test_present_value_by_beneficiary_is_the_ledger_of_each_party():
    request = plan(
        benefit("unit_cost", {"unit_cost": 1000, "units": 1}, id="G1", beneficiary="state"),
        benefit("unit_cost", {"unit_cost": 500, "units": 1}, id="G2", beneficiary="municipality"),
        benefit("unit_cost", {"unit_cost": 500, "units": 1}, id="G3", beneficiary="state"),
        costs=[cost(amount=700, payer="municipality")],
        horizon_years=2,
        discount_rate=0,
    )
    totals = valuate(request)["totals"]

    assert totals["present_value_by_beneficiary"] == {"municipality": 1000, "state": 3000}
    assert totals["present_value_costs_by_payer"] == {"municipality": 700}


def test_without_analysis_only_annual_figures_are_given():
    response = valuate(plan(benefit(), costs=[cost()]))

    assert "present_value" not in line(response, "G1")
    assert "net_present_value" not in response["totals"]
    assert "analysis" not in response
