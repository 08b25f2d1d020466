"""The share s_t of the full annual value realised in plan year t (contract: time, adjustments)."""

from decimal import Decimal

from welfarelab.valuation.profile import Adjustments, TimeProfile, share, shares


def test_nothing_is_realised_before_the_start_year():
    assert share(TimeProfile(start_year=3), 2) == 0


def test_full_value_from_the_start_year_without_ramp():
    assert [share(TimeProfile(start_year=2), t) for t in (2, 3, 10)] == [1, 1, 1]


def test_ramp_rises_linearly_to_full_value():
    profile = TimeProfile(start_year=1, ramp_years=3)

    assert [share(profile, t) for t in (1, 2, 3, 4, 5)] == [Decimal("0.25"), Decimal("0.5"), Decimal("0.75"), 1, 1]


def test_drop_off_compounds_from_the_end_of_the_ramp():
    profile = TimeProfile(start_year=1, ramp_years=1, drop_off=Decimal("0.1"))

    assert [share(profile, t) for t in (1, 2, 3, 4)] == [Decimal("0.5"), 1, Decimal("0.9"), Decimal("0.81")]


def test_duration_ends_the_benefit():
    profile = TimeProfile(start_year=2, duration_years=2)

    assert [share(profile, t) for t in (1, 2, 3, 4)] == [0, 1, 1, 0]


def test_shares_for_a_horizon_match_share_year_by_year():
    profile = TimeProfile(start_year=2, ramp_years=2, duration_years=6, drop_off=Decimal("0.2"))

    assert shares(profile, 10) == tuple(share(profile, t) for t in range(1, 11))


def test_adjustment_factor_multiplies_what_remains_after_each_adjustment():
    adjustments = Adjustments(Decimal("0.2"), Decimal("0.5"), Decimal("0.1"))

    assert adjustments.factor == Decimal("0.36")
