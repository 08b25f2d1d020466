"""Exact money arithmetic: the decimal context the engine computes in, and rounding for output.

Everything is computed with :class:`decimal.Decimal` at 60 significant digits and rounded only
when a figure leaves the engine: kroner to whole kroner and ratios to 4 decimals, halves away
from zero (ROUND_HALF_UP).
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, DivisionByZero, InvalidOperation, Overflow

PRECISION = 60
CONTEXT = Context(prec=PRECISION, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero, Overflow])

# Divisions such as 1/3 or 1/1.04 cannot be held exactly, so a figure that is exactly x.5 in
# exact arithmetic may come out as x.4999...9 in the 60th digit. Snapping to 45 significant
# digits before rounding for output absorbs that error, so exact halves round away from zero
# as they would in exact arithmetic. Inputs are bounded (see request.py), so 45 digits still
# leave more than 20 decimals for any figure the engine can produce.
_SNAP = Context(prec=45, rounding=ROUND_HALF_EVEN)

add = CONTEXT.add
multiply = CONTEXT.multiply

ZERO = Decimal(0)
ONE = Decimal(1)
_FOUR_DECIMALS = Decimal("0.0001")
# Rounding for output: whole kroner, halves away from zero.
_HALF_UP = Context(prec=PRECISION, rounding=ROUND_HALF_UP, traps=[InvalidOperation, DivisionByZero, Overflow])
_to_whole = _HALF_UP.to_integral_value


def snap(value: Decimal) -> Decimal:
    """Return ``value`` without the last-digit noise of finite precision (see ``_SNAP``)."""
    return _SNAP.plus(value)


def round_kroner(value: Decimal) -> int:
    """Round an amount to whole kroner, halves away from zero: 2.5 -> 3, -2.5 -> -3."""
    return int(_to_whole(_SNAP.plus(value)))


def round_kroner_all(values: Iterable[Decimal]) -> list[int]:
    """:func:`round_kroner` for many values at once (the loop runs in C)."""
    return list(map(int, map(_to_whole, map(_SNAP.plus, values))))


def round_ratio(value: Decimal) -> Decimal:
    """Round a ratio to 4 decimals, halves away from zero."""
    # A ratio over tiny costs can be huge; give quantize the digits it needs.
    context = Context(prec=max(PRECISION, value.adjusted() + 10), rounding=ROUND_HALF_UP)
    return context.quantize(snap(value), _FOUR_DECIMALS)


def json_number(value: Decimal) -> int | float:
    """A decimal as a JSON number: an int when whole, else the nearest float (for rates and ratios)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
