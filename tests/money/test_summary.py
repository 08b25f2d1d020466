"""The investment in a family added up: in one pool, per organisation, around joining, the last year, as a chart."""

import datetime
from decimal import Decimal

import pytest

from welfarelab.money.investment import summary
from welfarelab.money.models import Investment
from welfarelab.people.models import Household, Municipality, Organisation

date = datetime.date
TODAY = date(2026, 6, 15)
JOINED = date(2026, 1, 20)
NAV = Organisation(pk=1, code="nav", name_en="NAV office")
SCHOOL = Organisation(pk=2, code="skole", name_en="School")
HOUSING = Organisation(pk=3, code="bolig", name_en="Housing office")


def household(joined_on=JOINED, large_from=500000):
    return Household(municipality=Municipality(large_investment_from=Decimal(large_from)), joined_on=joined_on)


def monthly(amount, starts_on, ends_on=None, organisation=NAV):
    return Investment(
        organisation=organisation,
        quantity=Decimal(1),
        unit_price=Decimal(amount),
        monthly=True,
        starts_on=starts_on,
        ends_on=ends_on,
    )


def once(amount, on, organisation=NAV):
    return Investment(
        organisation=organisation, quantity=Decimal(1), unit_price=Decimal(amount), monthly=False, starts_on=on
    )


# Totals


def test_every_line_from_every_organisation_counts_in_one_pool():
    entries = [
        monthly("1000", date(2026, 1, 1), date(2026, 3, 31)),
        monthly("250.50", date(2026, 2, 1), date(2026, 2, 28), organisation=SCHOOL),
        once("99.99", date(2026, 3, 5), organisation=HOUSING),
    ]

    result = summary(household(), entries, today=TODAY)

    assert result.total == Decimal("3350.49")
    assert [(m.month, m.total) for m in result.months[:3]] == [
        (date(2026, 1, 1), Decimal("1000")),
        (date(2026, 2, 1), Decimal("1250.50")),
        (date(2026, 3, 1), Decimal("1099.99")),
    ]


def test_the_total_counts_ongoing_lines_up_to_today_only():
    result = summary(household(), [monthly("1000", date(2026, 1, 1))], today=TODAY)

    assert result.total == Decimal(6000)


def test_organisations_are_listed_with_what_they_put_in_largest_first():
    entries = [
        monthly("1000", date(2026, 1, 1), date(2026, 3, 31)),  # NAV: 3000
        once("5000", date(2026, 2, 1), organisation=SCHOOL),
        once("400", date(2026, 2, 1), organisation=HOUSING),
        once("600", date(2026, 4, 1), organisation=HOUSING),  # housing: 1000
    ]

    result = summary(household(), entries, today=TODAY)

    assert result.by_organisation == [(SCHOOL, Decimal(5000)), (NAV, Decimal(3000)), (HOUSING, Decimal(1000))]


def test_nothing_recorded_adds_up_to_nothing():
    result = summary(household(), [], today=TODAY)

    assert (result.months, result.by_organisation, result.total, result.last_year) == ([], [], 0, 0)
    assert (result.before_joining, result.first_year, result.large) == (0, 0, False)


# Around joining


def test_before_joining_is_the_twelve_calendar_months_before_the_month_of_joining():
    entries = [
        once("1", date(2024, 12, 31)),
        once("10", date(2025, 1, 1)),
        once("100", date(2025, 12, 31)),
        once("1000", date(2026, 1, 1)),  # the month of joining: not before it
    ]

    assert summary(household(), entries, today=TODAY).before_joining == Decimal(110)


def test_the_first_year_is_twelve_months_from_the_month_of_joining():
    entries = [
        once("1", date(2025, 12, 31)),
        once("10", date(2026, 1, 5)),  # before the day of joining, but in its month
        once("100", date(2026, 12, 31)),
        once("1000", date(2027, 1, 1)),
    ]

    assert summary(household(), entries, today=date(2027, 6, 1)).first_year == Decimal(110)


def test_a_monthly_line_across_joining_splits_between_before_and_the_first_year():
    entries = [monthly("100", date(2024, 12, 1), date(2026, 1, 31))]

    result = summary(household(), entries, today=TODAY)

    assert (result.before_joining, result.first_year, result.total) == (Decimal(1200), Decimal(100), Decimal(1400))


def test_a_family_that_has_not_joined_has_nothing_before_or_after_joining():
    result = summary(household(joined_on=None), [monthly("100", date(2025, 1, 1))], today=TODAY)

    assert (result.before_joining, result.first_year) == (0, 0)
    assert not any(m.before for m in result.months)


# The last twelve months, and whether the investment is large


def test_the_last_year_is_the_twelve_months_up_to_and_including_this_month():
    entries = [
        once("1", date(2025, 6, 30)),
        once("10", date(2025, 7, 1)),
        once("100", date(2026, 6, 30)),  # later this month
        once("1000", date(2026, 7, 1)),
    ]

    assert summary(household(), entries, today=TODAY).last_year == Decimal(110)


@pytest.mark.parametrize(
    "last_year, large",
    [("499999.99", False), ("500000", True), ("500000.01", True)],
)
def test_an_investment_is_large_from_the_threshold_on(last_year, large):
    result = summary(household(large_from=500000), [once(last_year, date(2026, 3, 1))], today=TODAY)

    assert result.large is large
    assert result.threshold == Decimal(500000)


def test_the_threshold_is_the_municipalitys_own():
    entries = [monthly("10000", date(2025, 1, 1))]  # 120 000 over the last 12 months

    assert summary(household(large_from=100000), entries, today=TODAY).large is True
    assert summary(household(large_from=200000), entries, today=TODAY).large is False


def test_spending_long_ago_does_not_make_the_investment_large():
    entries = [once("900000", date(2025, 5, 31))]

    result = summary(household(large_from=500000), entries, today=TODAY)

    assert (result.total, result.last_year, result.large) == (Decimal(900000), 0, False)


# Month by month


def test_the_months_run_without_gaps_from_the_first_cost_to_this_month():
    entries = [once("100", date(2025, 11, 3)), once("200", date(2026, 2, 27))]

    result = summary(household(), entries, today=TODAY)

    assert [m.month for m in result.months] == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 3, 1),
        date(2026, 4, 1),
        date(2026, 5, 1),
        date(2026, 6, 1),
    ]
    assert [m.total for m in result.months] == [100, 0, 0, 200, 0, 0, 0, 0]


def test_the_months_run_on_to_a_cost_planned_after_this_month():
    entries = [once("100", date(2026, 5, 1)), once("200", date(2026, 8, 1))]

    result = summary(household(), entries, today=TODAY)

    assert [m.month for m in result.months] == [date(2026, m, 1) for m in (5, 6, 7, 8)]


def test_months_before_joining_are_marked():
    result = summary(household(), [monthly("100", date(2025, 11, 1))], today=TODAY)

    assert [(m.month, m.before) for m in result.months[:4]] == [
        (date(2025, 11, 1), True),
        (date(2025, 12, 1), True),
        (date(2026, 1, 1), False),
        (date(2026, 2, 1), False),
    ]


def test_the_bars_of_the_chart_stay_within_it_and_the_peak_month_is_full_height():
    entries = [
        monthly("100", date(2024, 7, 1), date(2025, 12, 31)),
        once("400", date(2026, 2, 1)),
        once("50", date(2026, 4, 1)),
    ]

    bars = summary(household(), entries, today=TODAY).months

    assert len(bars) == 24
    for bar in bars:
        assert bar.x >= 0 and bar.width > 0 and bar.x + bar.width <= 100
        assert 0 <= bar.height <= 100 and bar.top == pytest.approx(100 - bar.height)
    assert [bar.x for bar in bars] == sorted(bar.x for bar in bars)
    assert max(bars, key=lambda bar: bar.height).month == date(2026, 2, 1)
    assert max(bar.height for bar in bars) == 100
    assert [bar.height for bar in bars if bar.month.year == 2026][:4] == [0, 100, 0, 12.5]
    assert bars[0].height == 25


def test_a_chart_of_nothing_but_zero_costs_has_no_bars_standing():
    result = summary(household(), [once("0", date(2026, 3, 1))], today=TODAY)

    assert [bar.height for bar in result.months] == [0, 0, 0, 0]
