import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from welfarelab.people import identity


@pytest.mark.parametrize("number", ["02013299997", "30108299920"])
def test_numbers_valid_under_both_rules_are_accepted(number):
    assert identity.parse(number).value == number
    assert identity.is_valid_current_rule(number)


def test_a_number_valid_only_under_the_2032_rule_is_accepted():
    assert identity.parse("30108299939")
    assert not identity.is_valid_current_rule("30108299939")


def test_wrong_control_digits_are_refused():
    with pytest.raises(identity.InvalidIdentityNumber):
        identity.parse("15108695077")


@pytest.mark.parametrize("raw", ["", "1234567890", "123456789012", "0201329999a"])
def test_anything_but_eleven_digits_is_refused(raw):
    with pytest.raises(identity.InvalidIdentityNumber):
        identity.parse(raw)


def test_spaces_are_ignored():
    assert identity.parse("020132 99997").value == "02013299997"


def test_a_d_number_has_forty_added_to_the_day():
    # 42013299997 would be a D-number for 2 January; build a valid one from its first nine digits.
    number = _with_control_digits("420132999")
    parsed = identity.parse(number)
    assert parsed.is_d_number and parsed.day == 2 and parsed.month == 1


def test_the_date_part_must_be_a_date():
    with pytest.raises(identity.InvalidIdentityNumber):
        identity.parse(_with_control_digits("321332991"))


def test_the_birth_date_check_uses_day_month_and_two_digit_year_only():
    parsed = identity.parse("30108299939")
    assert parsed.matches_birth_date(datetime.date(1982, 10, 30))
    assert parsed.matches_birth_date(datetime.date(2082, 10, 30))  # the century is never derived
    assert not parsed.matches_birth_date(datetime.date(1982, 10, 31))


def test_no_gender_or_century_is_exposed():
    parsed = identity.parse("02013299997")
    assert not hasattr(parsed, "gender") and not hasattr(parsed, "century")


def _with_control_digits(nine):
    digits = [int(c) for c in nine]
    k1 = 11 - sum(d * w for d, w in zip(digits, identity.K1_WEIGHTS, strict=True)) % 11
    k1 = 0 if k1 == 11 else k1
    assert k1 != 10, "choose other digits for the test"
    k2 = 11 - sum(d * w for d, w in zip([*digits, k1], identity.K2_WEIGHTS, strict=True)) % 11
    k2 = 0 if k2 == 11 else k2
    assert k2 != 10, "choose other digits for the test"
    return f"{nine}{k1}{k2}"


@given(st.from_regex(r"\A[0-9]{11}\Z"))
def test_parse_never_fails_with_anything_but_the_domain_error(number):
    try:
        parsed = identity.parse(number)
    except identity.InvalidIdentityNumber:
        return
    assert parsed.value == number and 1 <= parsed.day <= 31 and 1 <= parsed.month <= 12


@given(st.dates(datetime.date(1900, 1, 1), datetime.date(2039, 12, 31)), st.integers(0, 999))
def test_every_number_valid_under_the_current_rule_is_accepted(born, individual):
    nine = f"{born:%d%m%y}{individual:03d}"
    digits = [int(c) for c in nine]
    k1 = 11 - sum(d * w for d, w in zip(digits, identity.K1_WEIGHTS, strict=True)) % 11
    k1 = 0 if k1 == 11 else k1
    k2 = 11 - sum(d * w for d, w in zip([*digits, k1], identity.K2_WEIGHTS, strict=True)) % 11
    k2 = 0 if k2 == 11 else k2
    if 10 in (k1, k2):
        return
    parsed = identity.parse(f"{nine}{k1}{k2}")
    assert parsed.matches_birth_date(born)
