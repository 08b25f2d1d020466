"""Discounting: present values, benefit-cost ratio and payback year.

Values fall at the end of each plan year, so year t is discounted t times:
PV = sum over t = 1..H of v_t / (1 + r) ^ t. Discount factors and the discounted weights of
each time profile are computed once per (rate, horizon) and cached, since plans share a
handful of rates, horizons and profiles.
"""

from collections.abc import Callable, Iterable
from decimal import Decimal, localcontext
from functools import lru_cache
from itertools import accumulate

from .arithmetic import CONTEXT, ONE, ZERO, add, multiply, round_ratio, snap
from .profile import TimeProfile, shares


@lru_cache(maxsize=1024)
def discount_factors(rate: Decimal, horizon_years: int) -> tuple[Decimal, ...]:
    """DF_1 .. DF_H with DF_t = 1 / (1 + rate) ^ t."""
    with localcontext(CONTEXT):
        growth = ONE + rate
        compounded = ONE
        factors = []
        for _ in range(horizon_years):
            compounded *= growth
            factors.append(ONE / compounded)
        return tuple(factors)


# Shares and discount factors for a shorter horizon are the first years of those for a longer one,
# so one table of at least this many years serves every horizon up to it.
_SHORTEST_TABLE = 40


def cumulative_weights(profile: TimeProfile, rate: Decimal, horizon_years: int) -> tuple[Decimal, ...]:
    """For t = 1..H, the sum over years 1..t of s_t x DF_t.

    Times a benefit's net annual value, this is the benefit's cumulative present value by year;
    the last entry is the present value of one krone a year at full effect under ``profile``.
    """
    table = _cumulative_weights(profile, rate, max(horizon_years, _SHORTEST_TABLE))
    return table if len(table) == horizon_years else table[:horizon_years]


@lru_cache(maxsize=4096)
def _cumulative_weights(profile: TimeProfile, rate: Decimal, years: int) -> tuple[Decimal, ...]:
    discounted = map(multiply, shares(profile, years), discount_factors(rate, years))
    return tuple(accumulate(discounted, add))


def benefit_cost_ratio(present_value_benefits: Decimal, present_value_costs: Decimal) -> Decimal | None:
    """PV benefits / PV costs to 4 decimals; None when there are no costs to divide by."""
    if not present_value_costs:
        return None
    return round_ratio(CONTEXT.divide(present_value_benefits, present_value_costs))


def payback_year(
    cumulative_benefits: Callable[[int], Decimal], discounted_costs: Iterable[tuple[int, Decimal]], horizon_years: int
) -> int | None:
    """The first plan year in which cumulative discounted benefits reach cumulative discounted costs.

    ``cumulative_benefits(t)`` gives the discounted benefits of years 1..t; benefits are never
    negative, so it never decreases. ``discounted_costs`` holds (year, discounted amount) pairs.
    Years before the first cost are skipped, since there is nothing yet to pay back; None when the
    benefits do not catch up within the horizon, or when there are no costs at all.
    """
    costs_by_year: dict[int, Decimal] = {}
    for year, amount in discounted_costs:
        if amount:
            costs_by_year[year] = costs_by_year.get(year, ZERO) + amount
    # Between two cost years the cumulative costs stand still while the benefits only grow, so the
    # first year of such a stretch that pays back can be found by bisection, without summing every year.
    cost_years = sorted(costs_by_year)
    costs_so_far = ZERO
    for index, first in enumerate(cost_years):
        costs_so_far = add(costs_so_far, costs_by_year[first])
        last = cost_years[index + 1] - 1 if index + 1 < len(cost_years) else horizon_years
        target = snap(costs_so_far)
        if snap(cumulative_benefits(last)) < target:
            continue
        while first < last:
            middle = (first + last) // 2
            if snap(cumulative_benefits(middle)) >= target:
                last = middle
            else:
                first = middle + 1
        return first
    return None
