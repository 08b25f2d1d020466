"""Low / expected / high estimates of inputs give ranges beside the expected figures."""

from welfarelab.valuation import valuate

from .builders import benefit, cost, line, plan


def uncertain_plan(**analysis):
    return plan(
        benefit("production", {"salary": 300000, "change": {"low": 0.1, "expected": 0.3, "high": 0.5}}, id="G1"),
        benefit("unit_cost", {"unit_cost": 1000, "units": 12}, id="G2"),
        costs=[cost(amount=50000)],
        **analysis,
    )


def test_figures_use_the_expected_values():
    response = valuate(uncertain_plan())

    assert line(response, "G1")["annual_value"] == 90000


def test_annual_total_range_takes_every_input_at_its_low_expected_and_high():
    response = valuate(uncertain_plan())

    assert response["totals"]["annual_priced_total_range"] == {"low": 42000, "expected": 102000, "high": 162000}


def test_net_present_value_range_takes_every_input_at_its_low_expected_and_high():
    totals = valuate(uncertain_plan(horizon_years=2, discount_rate=0))["totals"]

    assert totals["net_present_value_range"] == {"low": 34000, "expected": 154000, "high": 274000}
    assert totals["net_present_value_range"]["expected"] == totals["net_present_value"]


def test_no_ranges_without_estimates():
    totals = valuate(plan(benefit(), horizon_years=2))["totals"]

    assert "net_present_value_range" not in totals
    assert "annual_priced_total_range" not in totals
