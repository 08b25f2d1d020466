"""Norwegian national identity numbers: fødselsnummer and D-number.

Both the current rule and the rule for numbers assigned from 1 January 2032 are accepted
(Skatteetaten). The 2032 rule has no gender and no century in the number, so this module never
derives either: birth date and gender come from the population register, not from the number.
"""

import datetime
from dataclasses import dataclass

K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


class InvalidIdentityNumber(ValueError):
    pass


@dataclass(frozen=True)
class IdentityNumber:
    value: str
    is_d_number: bool
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


def parse(raw: str) -> IdentityNumber:
    """Validate an 11-digit fødselsnummer or D-number, raising InvalidIdentityNumber."""
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
    try:
        # 2000 is a leap year, so 29 February is accepted; the century is unknown by design.
        datetime.date(2000, month, day)
    except ValueError:
        raise InvalidIdentityNumber("the first six digits are not a date") from None
    return IdentityNumber(value, is_d_number, day, month, year)


def is_valid_current_rule(raw: str) -> bool:
    """True when the number is valid under the pre-2032 rule (k1 = 11 - remainder)."""
    try:
        parse(raw)
    except InvalidIdentityNumber:
        return False
    digits = [int(c) for c in "".join(raw.split())]
    k1 = 11 - _weighted(digits[:9], K1_WEIGHTS) % 11
    return digits[9] == (0 if k1 == 11 else k1)
