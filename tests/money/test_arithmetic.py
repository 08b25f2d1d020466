"""Adding up one line of the investment: exact kroner, whole months, once or every month it runs."""

import datetime
from decimal import Decimal

import pytest

from welfarelab.money.models import Investment
from welfarelab.money.months import cost_by_month, months, shift

date = datetime.date
TODAY = date(2026, 6, 15)
NEW_YEAR = date(2026, 1, 1)


def line(quantity="1", unit_price="1000", starts_on=NEW_YEAR, ends_on=None, monthly=True):
    """A line as cost_by_month reads it; nothing is stored."""
    return Investment(
        quantity=Decimal(quantity),
        unit_price=Decimal(unit_price),
        starts_on=starts_on,
        ends_on=ends_on,
        monthly=monthly,
    )


# Moving between months


@pytest.mark.parametrize(
    "month, count, expected",
    [
        (date(2026, 3, 1), 0, date(2026, 3, 1)),
        (date(2026, 3, 1), 1, date(2026, 4, 1)),
        (date(2025, 12, 1), 1, date(2026, 1, 1)),
        (date(2026, 1, 1), -1, date(2025, 12, 1)),
        (date(2026, 3, 1), -15, date(2024, 12, 1)),
        (date(2026, 11, 1), 14, date(2028, 1, 1)),
        (date(2026, 6, 1), -24, date(2024, 6, 1)),
        (date(2026, 1, 31), 1, date(2026, 2, 1)),
    ],
)
def test_shift_moves_whole_months_across_year_boundaries_both_ways(month, count, expected):
    assert shift(month, count) == expected


def test_months_runs_from_the_first_month_to_the_last_inclusive():
    assert list(months(date(2025, 11, 20), date(2026, 2, 3))) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


# A monthly line


def test_a_monthly_line_counts_in_full_in_every_month_from_its_start_to_its_end():
    entry = line(quantity="2", unit_price="450.50", starts_on=date(2025, 11, 20), ends_on=date(2026, 2, 3))

    assert cost_by_month(entry, TODAY) == {
        date(2025, 11, 1): Decimal("901.00"),
        date(2025, 12, 1): Decimal("901.00"),
        date(2026, 1, 1): Decimal("901.00"),
        date(2026, 2, 1): Decimal("901.00"),
    }


def test_a_monthly_line_within_one_month_counts_once_in_full():
    entry = line(unit_price="300", starts_on=date(2026, 3, 10), ends_on=date(2026, 3, 12))

    assert cost_by_month(entry, TODAY) == {date(2026, 3, 1): Decimal(300)}


def test_kroner_and_oere_add_up_exactly():
    entry = line(quantity="3", unit_price="333.33", starts_on=date(2026, 1, 1), ends_on=date(2026, 3, 31))

    costs = cost_by_month(entry, TODAY)

    assert all(isinstance(amount, Decimal) for amount in costs.values())
    assert sum(costs.values()) == Decimal("2999.97")


def test_an_ongoing_monthly_line_counts_up_to_and_including_this_month():
    entry = line(starts_on=date(2026, 4, 30))

    assert cost_by_month(entry, TODAY) == {
        date(2026, 4, 1): Decimal(1000),
        date(2026, 5, 1): Decimal(1000),
        date(2026, 6, 1): Decimal(1000),
    }


def test_an_ongoing_line_that_started_today_counts_this_month():
    assert cost_by_month(line(starts_on=TODAY), TODAY) == {date(2026, 6, 1): Decimal(1000)}


def test_an_ongoing_line_that_starts_in_the_future_counts_nothing_yet():
    assert cost_by_month(line(starts_on=date(2026, 7, 1)), TODAY) == {}


def test_an_ongoing_line_is_counted_to_the_today_it_is_given():
    entry = line(starts_on=date(2025, 12, 1))

    assert len(cost_by_month(entry, date(2026, 2, 1))) == 3
    assert len(cost_by_month(entry, date(2027, 1, 31))) == 14


# A one-off line


def test_a_one_off_line_counts_once_in_the_month_it_starts():
    entry = line(quantity="4", unit_price="2500", starts_on=date(2025, 12, 31), monthly=False)

    assert cost_by_month(entry, TODAY) == {date(2025, 12, 1): Decimal(10000)}


def test_a_one_off_line_with_an_end_still_counts_only_once():
    entry = line(unit_price="2500", starts_on=date(2026, 2, 14), ends_on=date(2026, 5, 1), monthly=False)

    assert cost_by_month(entry, TODAY) == {date(2026, 2, 1): Decimal(2500)}
