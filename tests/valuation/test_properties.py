"""Properties of the engine, checked against exact rational arithmetic on generated plans."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from welfarelab.valuation import valuate

from .builders import benefit, cost, line, plan

# Generous time per example: the exact oracle is slow on a loaded machine, and speed is test_benchmark's concern.
relaxed = settings(deadline=None, max_examples=100)

kroner = st.decimals(min_value=0, max_value=10_000_000, places=2)
shares = st.decimals(min_value=0, max_value=1, places=3)
rates = st.decimals(min_value=0, max_value=Decimal("0.2"), places=3)
horizons = st.integers(min_value=1, max_value=40)
profiles = st.fixed_dictionaries(
    {
        "start_year": st.integers(min_value=1, max_value=15),
        "ramp_years": st.integers(min_value=0, max_value=5),
        "duration_years": st.none() | st.integers(min_value=1, max_value=20),
        "drop_off": shares,
    }
)
adjustment_sets = st.fixed_dictionaries({"deadweight": shares, "attribution": shares, "displacement": shares})


@st.composite
def benefit_lines(draw, id="G1"):
    inputs = {"unit_cost": draw(kroner), "units": draw(st.integers(min_value=0, max_value=20))}
    return benefit("unit_cost", inputs, id=id, time_profile=draw(profiles), adjustments=draw(adjustment_sets))


# The contract's formulas in exact arithmetic, as an independent oracle.


def exact_share(profile: dict, year: int) -> Fraction:
    k = year - profile["start_year"]
    if k < 0 or (profile["duration_years"] is not None and k >= profile["duration_years"]):
        return Fraction(0)
    ramp = profile["ramp_years"]
    return min(Fraction(1), Fraction(k + 1, ramp + 1)) * (1 - Fraction(profile["drop_off"])) ** max(0, k - ramp)


def exact_net_annual(line: dict) -> Fraction:
    inputs, adjustments = line["inputs"], line["adjustments"]
    factor = Fraction(1)
    for name in ("deadweight", "attribution", "displacement"):
        factor *= 1 - Fraction(adjustments[name])
    return Fraction(inputs["unit_cost"]) * inputs["units"] * factor


def exact_present_value(line: dict, horizon: int, rate: Decimal) -> Fraction:
    growth = 1 + Fraction(rate)
    net = exact_net_annual(line)
    return sum(net * exact_share(line["time_profile"], t) / growth**t for t in range(1, horizon + 1))


def round_half_up(value: Fraction) -> int:
    magnitude = int(abs(value) + Fraction(1, 2))
    return magnitude if value >= 0 else -magnitude


@relaxed
@given(benefit_lines(), horizons)
def test_with_a_zero_discount_rate_present_value_is_the_sum_of_yearly_net_values(line_, horizon):
    response = valuate(plan(line_, horizon_years=horizon, discount_rate=0))
    yearly = [exact_net_annual(line_) * exact_share(line_["time_profile"], t) for t in range(1, horizon + 1)]

    assert line(response, "G1")["present_value"] == round_half_up(sum(yearly))


@relaxed
@given(benefit_lines(), horizons, rates, shares, shares)
def test_more_deadweight_never_raises_a_value(line_, horizon, rate, deadweight, more):
    lower, higher = sorted([deadweight, more])
    values = []
    for value in (lower, higher):
        line_["adjustments"]["deadweight"] = value
        response = valuate(plan(line_, horizon_years=horizon, discount_rate=rate))
        values.append((line(response, "G1")["net_annual_value"], line(response, "G1")["present_value"]))

    assert values[1][0] <= values[0][0]
    assert values[1][1] <= values[0][1]


@relaxed
@given(st.integers(min_value=2, max_value=40), st.decimals(min_value="0.01", max_value="0.49", places=2))
def test_many_tiny_benefits_are_summed_before_rounding(count, amount):
    lines = [benefit("unit_cost", {"unit_cost": amount, "units": 1}, id=f"G{i}") for i in range(count)]
    response = valuate(plan(*lines))

    assert all(item["annual_value"] == 0 for item in response["benefits"])
    assert response["totals"]["annual_priced_total"] == round_half_up(count * Fraction(amount))


@relaxed
@given(horizons, st.decimals(min_value="0.01", max_value="0.49", places=2))
def test_tiny_yearly_values_are_summed_over_the_years_before_rounding(horizon, amount):
    response = valuate(
        plan(benefit("unit_cost", {"unit_cost": amount, "units": 1}), horizon_years=horizon, discount_rate=0)
    )

    assert line(response, "G1")["present_value"] == round_half_up(horizon * Fraction(amount))


@relaxed
@given(benefit_lines(), horizons, rates, st.integers(min_value=1, max_value=20))
def test_a_benefit_starting_after_the_horizon_has_present_value_zero(line_, horizon, rate, years_late):
    line_["time_profile"]["start_year"] = horizon + years_late
    response = valuate(plan(line_, horizon_years=horizon, discount_rate=rate))

    assert line(response, "G1")["present_value"] == 0


@relaxed
@given(
    st.lists(benefit_lines(), min_size=1, max_size=4),
    st.lists(st.tuples(kroner, st.integers(min_value=1, max_value=40)), max_size=4),
    horizons,
    rates,
)
def test_net_present_value_is_present_value_of_benefits_less_present_value_of_costs(lines, costs, horizon, rate):
    for index, item in enumerate(lines):
        item["id"] = f"G{index}"
    cost_lines = [cost(amount=amount, year=min(year, horizon), id=f"C{i}") for i, (amount, year) in enumerate(costs)]
    response = valuate(plan(*lines, costs=cost_lines, horizon_years=horizon, discount_rate=rate))
    growth = 1 + Fraction(rate)
    benefits = sum(exact_present_value(item, horizon, rate) for item in lines)
    costs_ = sum(Fraction(item["amount"]) / growth ** item["year"] for item in cost_lines)

    assert response["totals"]["present_value_benefits"] == round_half_up(benefits)
    assert response["totals"]["present_value_costs"] == round_half_up(costs_)
    assert response["totals"]["net_present_value"] == round_half_up(benefits - costs_)
