"""Counting a line of the investment by the month: a monthly line counts in every month it runs in, the
first and last in full; a one-off line in the month it starts."""

import datetime


def month_of(day):
    return day.replace(day=1)


def shift(month, count):
    """The first of the month `count` months after (or before, if negative) `month`."""
    year, index = divmod(month.year * 12 + month.month - 1 + count, 12)
    return datetime.date(year, index + 1, 1)


def months(first, last):
    month = month_of(first)
    while month <= last:
        yield month
        month = shift(month, 1)


def cost_by_month(entry, today):
    """{first day of month: kroner} for one line: every month it runs in, or once."""
    amount = entry.quantity * entry.unit_price
    if not entry.monthly:
        return {month_of(entry.starts_on): amount}
    return {month: amount for month in months(entry.starts_on, entry.ends_on or today)}
