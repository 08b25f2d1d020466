"""Norwegian national identity numbers: fødselsnummer and D-number.

Both the current rule and the rule for numbers assigned from 1 January 2032 are accepted
(Skatteetaten). The 2032 rule has no gender and no century in the number, so this module never
derives either: birth date and gender come from the population register, not from the number.

Synthetic numbers, of the made-up persons that ID-porten's test environment logs in (TestID and Tenor issue
them), have 80 added to the month. They are accepted only in an installation configured as a test environment
(`settings.TEST_ENVIRONMENT`), never in production, so that a test person can never be taken for a real one.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings

K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


class InvalidIdentityNumber(ValueError):
    pass


@dataclass(frozen=True)
class IdentityNumber:
    value: str
    is_d_number: bool
    is_synthetic: bool
    day: int
    month: int
    two_digit_year: int

    def matches_birth_date(self, birth_date: datetime.date) -> bool:
        return (self.day, self.month, self.two_digit_year) == (
            birth_date.day,
            birth_date.month,
            birth_date.year % 100,
        )


def _weighted(digits, weights):
    return sum(d * w for d, w in zip(digits, weights, strict=False))


def _k1_candidates(digits):
    """Control digit 1 under the current rule (first) and the 2032 rule (all four)."""
    remainder = _weighted(digits[:9], K1_WEIGHTS) % 11
    candidates = set()
    for base in (11, 12, 13, 14):
        k1 = base - remainder
        if k1 > 10:
            k1 -= 11
        if k1 != 10:
            candidates.add(k1)
    return candidates


def _k2(digits_with_k1):
    k2 = 11 - _weighted(digits_with_k1, K2_WEIGHTS) % 11
    return 0 if k2 == 11 else k2


def parse(raw: str, synthetic: bool | None = None) -> IdentityNumber:
    """Validate an 11-digit fødselsnummer or D-number, raising InvalidIdentityNumber. A synthetic number is
    accepted where `synthetic` is true: by default, in a test environment only."""
    value = "".join(raw.split())
    if len(value) != 11 or not value.isdigit():
        raise InvalidIdentityNumber("must be 11 digits")
    digits = [int(c) for c in value]
    if digits[9] not in _k1_candidates(digits) or digits[10] != _k2(digits[:10]):
        raise InvalidIdentityNumber("control digits do not match")
    day, month, year = int(value[0:2]), int(value[2:4]), int(value[4:6])
    is_d_number = day > 40
    if is_d_number:
        day -= 40
    is_synthetic = month > 80
    if is_synthetic:
        if not (settings.TEST_ENVIRONMENT if synthetic is None else synthetic):
            raise InvalidIdentityNumber("a synthetic test number, accepted in a test environment only")
        month -= 80
    try:
        # 2000 is a leap year, so 29 February is accepted; the century is unknown by design.
        datetime.date(2000, month, day)
    except ValueError:
        raise InvalidIdentityNumber("the first six digits are not a date") from None
    return IdentityNumber(value, is_d_number, is_synthetic, day, month, year)


def is_valid_current_rule(raw: str) -> bool:
    """True when the number is valid under the pre-2032 rule (k1 = 11 - remainder)."""
    try:
        parse(raw)
    except InvalidIdentityNumber:
        return False
    digits = [int(c) for c in "".join(raw.split())]
    k1 = 11 - _weighted(digits[:9], K1_WEIGHTS) % 11
    return digits[9] == (0 if k1 == 11 else k1)


def synthetic(birth_date: datetime.date, serial: int = 0) -> str:
    """A synthetic number for a made-up person born on `birth_date` (the month plus 80), valid under the current
    rule: the `serial`-th of that day's, for the demo's and the tests' people."""
    start = f"{birth_date.day:02d}{birth_date.month + 80:02d}{birth_date.year % 100:02d}"
    found = []
    for individual in range(1000):
        digits = [int(c) for c in f"{start}{individual:03d}"]
        k1 = (11 - _weighted(digits, K1_WEIGHTS) % 11) % 11
        k2 = _k2([*digits, k1]) if k1 != 10 else 10
        if k2 != 10:
            found.append("".join(map(str, [*digits, k1, k2])))
        if len(found) > serial:
            return found[serial]
    raise ValueError("no more synthetic numbers for that day")
