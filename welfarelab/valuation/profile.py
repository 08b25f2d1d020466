"""When a benefit is realised, and how much of it is the measure's own doing.

The time profile gives the share s_t of the full annual value realised in plan year t; the
adjustments give the factor a that removes what would have happened anyway (deadweight), what
others brought about (attribution) and what was merely moved elsewhere (displacement).
"""

from decimal import Decimal
from itertools import accumulate, repeat
from typing import NamedTuple

from .arithmetic import CONTEXT, ONE, ZERO, multiply


# Named tuples rather than frozen dataclasses: they are built for every benefit of every plan,
# and are several times quicker to build; being hashable, profiles key the caches in present_value.py.
class TimeProfile(NamedTuple):
    """Start, ramp-up, duration and yearly drop-off of a benefit, in plan years."""

    start_year: int = 1
    ramp_years: int = 0
    duration_years: int | None = None
    drop_off: Decimal = ZERO


class Adjustments(NamedTuple):
    """Shares (0-1) of a benefit that are not the measure's own effect."""

    deadweight: Decimal = ZERO
    attribution: Decimal = ZERO
    displacement: Decimal = ZERO

    @property
    def factor(self) -> Decimal:
        """a = (1 - deadweight) x (1 - attribution) x (1 - displacement)."""
        return adjustment_factor(self.deadweight, self.attribution, self.displacement)


FULL_EFFECT = TimeProfile()
NO_ADJUSTMENTS = Adjustments()


def adjustment_factor(deadweight: Decimal, attribution: Decimal, displacement: Decimal) -> Decimal:
    """a = (1 - deadweight) x (1 - attribution) x (1 - displacement), exact."""
    subtract = CONTEXT.subtract
    return multiply(multiply(subtract(ONE, deadweight), subtract(ONE, attribution)), subtract(ONE, displacement))


def share(profile: TimeProfile, year: int) -> Decimal:
    """The share s_t of the full annual value realised in plan year ``year`` (t = 1, 2, ...).

    With k = t - start_year: 0 before the start and from k = duration_years on; otherwise
    min(1, (k + 1) / (ramp_years + 1)) x (1 - drop_off) ^ max(0, k - ramp_years).
    """
    return shares(profile, year)[-1] if year >= 1 else ZERO


def shares(profile: TimeProfile, horizon_years: int) -> tuple[Decimal, ...]:
    """s_1 .. s_H for one profile (see :func:`share`), computed in one pass."""
    start, ramp, duration, drop_off = profile
    last = horizon_years if duration is None else min(horizon_years, start + duration - 1)
    if last < start:
        return (ZERO,) * horizon_years
    active = last - start + 1
    ramp_denominator = Decimal(ramp + 1)
    rising = [CONTEXT.divide(Decimal(k + 1), ramp_denominator) for k in range(min(ramp, active))]
    # After the ramp, each year keeps (1 - drop_off) of the year before: one multiplication a year.
    after_ramp = active - len(rising)
    falling = (
        accumulate(repeat(CONTEXT.subtract(ONE, drop_off), after_ramp - 1), multiply, initial=ONE) if after_ramp else ()
    )
    return (ZERO,) * (start - 1) + tuple(rising) + tuple(falling) + (ZERO,) * (horizon_years - last)
