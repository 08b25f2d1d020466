"""The ledger: a transfer is a gain for one party and a loss for another, never a gain for society."""

from hypothesis import given, settings
from hypothesis import strategies as st

from welfarelab.valuation import valuate

from .builders import FIXTURE_FILES, benefit, cost, load_fixture, plan

TRANSFERS = ["transfer_reduction", "municipal_tax", "social_assistance"]
REAL = ["qaly", "production", "unit_cost"]
PUBLIC = ["municipality", "county", "state"]


def test_a_benefit_no_longer_paid_is_the_states_gain_and_the_citizens_loss():
    response = valuate(plan(benefit("transfer_reduction", beneficiary="state"), horizon_years=1, discount_rate=0))

    ledger = response["ledger"]
    assert ledger["state"] == {"benefits": 0, "transfers": 200000, "costs": 0, "net": 200000}
    assert ledger["citizen"]["transfers"] == -200000
    assert ledger["all_parties"]["net"] == 0


def test_societys_view_counts_real_resources_less_costs():
    response = valuate(
        plan(
            benefit("qaly", id="G1"),
            benefit("municipal_tax", id="G2", beneficiary="municipality"),
            benefit("production", id="G3", beneficiary="society"),
            costs=[cost(amount=50000, payer="municipality")],
            horizon_years=1,
            discount_rate=0,
        )
    )

    assert response["ledger"]["all_parties"] == {
        "benefits": 66527 + 300000,
        "transfers": 0,
        "costs": -50000,
        "net": 316527,
    }
    assert response["ledger"]["municipality"]["net"] == 36000 - 50000


def test_a_transfer_booked_to_society_posts_nothing_and_is_warned_about():
    response = valuate(plan(benefit("social_assistance", beneficiary="society"), horizon_years=1, discount_rate=0))

    assert response["ledger"]["all_parties"]["net"] == 0
    assert "society" not in response["ledger"]
    assert any("double counts" in warning for warning in response["warnings"])


def test_the_pilots_first_family_gains_less_for_society_than_its_plan_adds_up_to():
    request = load_fixture(FIXTURE_FILES[0])["request"] | {"analysis": {"horizon_years": 1, "discount_rate": 0}}

    response = valuate(request)

    assert response["totals"]["annual_priced_total"] == 868634
    # The state's 200,000 and the municipality's 36,000 are the citizen's loss: society keeps health and work.
    assert response["ledger"]["all_parties"]["net"] == 332634 + 300000


@settings(deadline=None, max_examples=60)
@given(
    st.lists(st.tuples(st.sampled_from(TRANSFERS), st.sampled_from(PUBLIC)), min_size=1, max_size=6),
    st.integers(min_value=1, max_value=40),
)
def test_transfers_between_public_parties_and_the_citizen_net_to_zero(transfers, horizon):
    benefits = [benefit(method, id=f"G{n}", beneficiary=party) for n, (method, party) in enumerate(transfers, 1)]

    ledger = valuate(plan(*benefits, horizon_years=horizon))["ledger"]

    assert ledger["all_parties"]["net"] == 0
    # Each party's figures are rounded on their own, so their sum may miss zero by a krone per party.
    assert abs(sum(entry["net"] for party, entry in ledger.items() if party != "all_parties")) <= len(ledger)


@settings(deadline=None, max_examples=60)
@given(st.lists(st.tuples(st.sampled_from(REAL + TRANSFERS), st.sampled_from(PUBLIC + ["citizen"])), max_size=6))
def test_societys_view_is_never_more_than_the_plans_total(lines):
    benefits = [benefit(method, id=f"G{n}", beneficiary=party) for n, (method, party) in enumerate(lines, 1)]

    response = valuate(plan(*benefits, horizon_years=10))

    assert response["ledger"]["all_parties"]["net"] <= response["totals"]["net_present_value"] + 1
