"""The page of benefits and value: the engine's figures for what the user may see, in any year's kroner, who gains
and who pays, the valuation settings; who may open it, the audit of every look and change, and its cost."""

import datetime
import re
import statistics
import time
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import ROW_SECURITY, Role, make_user
from tests.mapping.conftest import person
from tests.money.conftest import make_line
from tests.money.test_benefits import (
    NOON,
    TODAY,
    benefit_data,
    goal,
    make_benefit,
    measurement_data,
    post_benefit,
    production_data,
    realisation_data,
    realisation_url,
    valued_as,
)
from welfarelab.access.models import AuditEntry
from welfarelab.money import benefits
from welfarelab.money.models import Benefit, Investment, Measurement, Parameter
from welfarelab.plans.plan import plan_of


@pytest.fixture(autouse=True)
def june_2026(time_machine):
    """Today is 15 June 2026 (noon in the installation's time zone): a line of 1 000 kr a month from January has
    cost 6 000 kr, all in plan year 1."""
    time_machine.move_to(datetime.datetime.combine(TODAY, NOON, tzinfo=timezone.get_default_timezone()), tick=False)


def value_page(client, household, **params):
    response = client.get(reverse("value", args=[household.pk]), params)
    assert response.status_code == 200
    return response


def figures(response):
    """{figure: text} of the plan's totals as the page shows them."""
    found = re.findall(r'data-figure="(\w+)">(?:<strong>)?([^<]*)', response.content.decode())
    return {name: text.strip() for name, text in found}


@pytest.fixture
def small_plan(family, leader):
    """300 000 kr of production a year for one year, undiscounted, against 6 000 kr of costs to the municipality."""
    valued_as(family, price_year=2024, horizon_years=1, discount_rate=Decimal(0))
    make_line(family, leader, what="Housing support", code="bolig")
    return make_benefit(goal(family))


# The figures


def test_the_totals_are_the_engines_for_a_small_plan(client, leader, family, small_plan):
    client.force_login(leader)

    response = value_page(client, family)

    totals = response.context["totals"]
    assert (totals["annual_priced_total"], totals["present_value_benefits"]) == (300000, 300000)
    assert (totals["present_value_costs"], totals["net_present_value"]) == (6000, 294000)
    assert (totals["benefit_cost_ratio"], totals["payback_year"]) == (50.0, 1)
    assert figures(response) == {
        "annual": "300,000 kr",
        "benefits": "300,000 kr",
        "costs": "6,000 kr",
        "npv": "294,000 kr",
        "ratio": "50.00",
        "payback": "year 1 of the plan",
    }


def test_adding_a_benefit_changes_the_totals(client, leader, family, small_plan):
    client.force_login(leader)

    post_benefit(client, family, production_data(small_plan.goal, salary="100000", change="50"))

    totals = value_page(client, family).context["totals"]
    assert (totals["annual_priced_total"], totals["net_present_value"]) == (350000, 344000)


def test_the_figures_are_shown_in_the_kroner_of_another_year(client, leader, family, small_plan):
    valued_as(family, price_year=2016)
    client.force_login(leader)

    response = value_page(client, family, kroner=2024)

    def in_2024_kroner(amount):
        return int((Decimal(amount) * Decimal("133.6") / Decimal("103.6")).quantize(1, rounding=ROUND_HALF_UP))

    totals = response.context["totals"]
    assert response.context["valued"].kroner_year == 2024
    assert (totals["annual_priced_total"], totals["present_value_costs"]) == (in_2024_kroner(300000), 7737)
    assert totals["net_present_value"] == in_2024_kroner(294000) == 379135
    assert "In 2024 kroner" in response.content.decode()


@pytest.mark.parametrize("asked", ["2031", "1990", "last year"])
def test_an_unknown_kroner_year_falls_back_to_the_plans_year(client, leader, family, small_plan, asked):
    valued_as(family, price_year=2016)
    client.force_login(leader)

    response = value_page(client, family, kroner=asked)

    assert response.context["valued"].kroner_year == 2016
    assert response.context["totals"]["annual_priced_total"] == 300000


def test_a_plan_in_this_years_kroner_is_valued(client, leader, family, small_plan):
    valued_as(family, price_year=TODAY.year)  # the default, though no price index is stored for it yet
    client.force_login(leader)

    response = value_page(client, family)

    assert response.context["valued"].error == ""
    assert response.context["totals"]["net_present_value"] == 294000


def test_the_range_of_the_net_present_value_is_shown_with_low_and_high_estimates(client, leader, family):
    valued_as(family, price_year=2024, horizon_years=1, discount_rate=Decimal(0))
    client.force_login(leader)

    post_benefit(client, family, benefit_data(goal(family), low="30", high="70"))

    response = value_page(client, family)
    assert response.context["totals"]["net_present_value_range"] == {"low": 300000, "expected": 500000, "high": 700000}
    assert "from 300,000 to 700,000 kr with the low and high estimates" in response.content.decode()


def test_a_transfer_is_a_gain_for_the_state_and_a_loss_for_the_citizen(client, leader, family, small_plan):
    make_benefit(small_plan.goal, "transfer_reduction", {"annual_transfer": "100000", "change": "1"}, "state")
    client.force_login(leader)

    response = value_page(client, family)

    ledger = {party: entries for party, _name, entries in response.context["ledger"]}
    assert ledger["state"] == {"benefits": 0, "transfers": 100000, "costs": 0, "net": 100000}
    assert ledger["citizen"] == {"benefits": 300000, "transfers": -100000, "costs": 0, "net": 200000}
    assert ledger["all_parties"] == {"benefits": 300000, "transfers": 0, "costs": -6000, "net": 294000}
    page = response.content.decode()
    assert '<th scope="row">The state</th><td>0</td><td>100,000</td>' in page
    assert '<th scope="row">The citizen</th><td>300,000</td><td>-100,000</td>' in page


def test_a_transfer_booked_to_society_is_warned_about(client, leader, family, small_plan):
    make_benefit(small_plan.goal, "transfer_reduction", {"annual_transfer": "100000", "change": "1"}, "society")
    client.force_login(leader)

    page = value_page(client, family).content.decode()

    assert "G2 moves money between parties (it is a transfer), but is booked to society" in page


def analysis_data(plan, **overrides):
    return {"price_year": "2024", "horizon_years": "2", "discount_rate": "10", "version": plan.version} | overrides


def test_the_valuation_settings_are_saved_and_used(client, leader, family, small_plan):
    plan = plan_of(family)
    client.force_login(leader)

    response = client.post(reverse("value_analysis", args=[family.pk]), analysis_data(plan))

    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.horizon_years, plan.discount_rate) == (2, Decimal("0.1"))
    totals = value_page(client, family).context["totals"]
    # 300 000 / 1.1 + 300 000 / 1.1^2 against 6 000 / 1.1
    assert (totals["present_value_benefits"], totals["present_value_costs"]) == (520661, 5455)
    assert totals["net_present_value"] == 515207
    assert AuditEntry.objects.filter(
        user=leader, action="update", object_type="investmentplan", detail="valuation settings"
    ).exists()


def test_a_bad_setting_is_named_and_nothing_is_saved(client, leader, family, small_plan):
    plan = plan_of(family)
    client.force_login(leader)

    response = client.post(reverse("value_analysis", args=[family.pk]), analysis_data(plan, horizon_years="0"))

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["horizon_years"]
    plan.refresh_from_db()
    assert (plan.horizon_years, plan.discount_rate, plan.version) == (1, Decimal(0), 1)


# Who may see it


def stored():
    return list(Benefit.objects.order_by("pk").values_list("pk", "label", "version", "owner"))


def test_nobody_from_another_municipality_finds_any_benefit(client, family, small_plan, other_municipality):
    before, plan = stored(), plan_of(family)
    elsewhere = make_user(other_municipality, Role.INVESTMENT_LEADER, "koordinerende")
    client.force_login(elsewhere)
    urls = [
        reverse("value", args=[family.pk]),
        reverse("benefit_new", args=[family.pk]),
        reverse("benefit_edit", args=[family.pk, small_plan.pk]),
        realisation_url(family, small_plan),
    ]

    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, benefit_data(small_plan.goal, version=1)).status_code == 404, url
    settings = client.post(reverse("value_analysis", args=[family.pk]), analysis_data(plan, horizon_years="5"))

    assert settings.status_code == 404
    assert stored() == before
    plan.refresh_from_db()
    assert plan.horizon_years == 1
    assert not AuditEntry.objects.filter(user=elsewhere).exists()


@pytest.fixture
def fathers(family, small_plan):
    """A benefit towards a goal of the father, who did not consent to NAV."""
    return make_benefit(goal(family, person(family, "Father")), label="Work for the father")


def test_a_member_does_not_see_or_count_a_benefit_of_someone_outside_the_consent(
    client, leader, member, family, small_plan, fathers
):
    client.force_login(member)
    seen_by_member = value_page(client, family)
    client.force_login(leader)
    seen_by_leader = value_page(client, family)

    assert "Work for the father" not in seen_by_member.content.decode()
    assert seen_by_member.context["benefits"] == [small_plan]
    assert seen_by_member.context["totals"]["annual_priced_total"] == 300000
    assert "Work for the father" in seen_by_leader.content.decode()
    assert seen_by_leader.context["totals"]["annual_priced_total"] == 600000


def test_a_member_cannot_open_or_change_a_benefit_of_someone_outside_the_consent(client, member, family, fathers):
    before = stored()
    client.force_login(member)

    for url in (reverse("benefit_edit", args=[family.pk, fathers.pk]), realisation_url(family, fathers)):
        assert client.get(url).status_code == 404, url
        assert client.post(url, benefit_data(fathers.goal, label="Changed", version=1)).status_code == 404, url
        assert client.post(url, realisation_data(fathers, indicator="Changed")).status_code == 404, url
        assert client.post(url, measurement_data()).status_code == 404, url

    assert stored() == before
    assert not Measurement.objects.exists()


# Every look and every change is audited


def audited_since(seen):
    return list(
        AuditEntry.objects.filter(pk__gt=seen)
        .order_by("pk")
        .values_list("user", "action", "object_type", "object_id", "detail", "household")
    )


def latest_audit_entry():
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_every_look_at_the_benefits_is_audited(client, member, family):
    benefit = make_benefit(goal(family))
    plan = plan_of(family)
    client.force_login(member)
    seen = latest_audit_entry()

    for url in (
        reverse("value", args=[family.pk]),
        reverse("benefit_edit", args=[family.pk, benefit.pk]),
        realisation_url(family, benefit),
    ):
        assert client.get(url).status_code == 200, url

    assert audited_since(seen) == [
        (member.pk, "view", "investmentplan", str(plan.pk), "benefits and value", family.pk),
        (member.pk, "view", "benefit", str(benefit.pk), "benefit form", family.pk),
        (member.pk, "view", "benefit", str(benefit.pk), "benefit realisation", family.pk),
    ]


def test_every_change_to_a_benefit_is_audited(client, member, family):
    target = goal(family)
    client.force_login(member)
    seen = latest_audit_entry()

    post_benefit(client, family, benefit_data(target))
    benefit = Benefit.objects.get()
    post_benefit(client, family, benefit_data(target, label="Better sleep", version=1), benefit)
    client.post(realisation_url(family, benefit), realisation_data(benefit, version=2))
    client.post(realisation_url(family, benefit), measurement_data())
    measurement = Measurement.objects.get()

    assert audited_since(seen) == [
        (member.pk, "create", "benefit", str(benefit.pk), "benefit", family.pk),
        (member.pk, "update", "benefit", str(benefit.pk), "benefit", family.pk),
        (member.pk, "update", "benefit", str(benefit.pk), "benefit realisation", family.pk),
        (member.pk, "create", "measurement", str(measurement.pk), "", family.pk),
    ]


def test_a_refused_benefit_leaves_no_record_of_a_change(client, leader, family):
    client.force_login(leader)

    post_benefit(client, family, benefit_data(goal(family), input_improvement=""))

    assert not AuditEntry.objects.filter(household=family).exclude(action="view").exists()


# What it costs to open and to value


def many_benefits(household, recorded_by, count):
    """`count` benefits over three goals, by each method in turn, each measured twice; and three lines of cost."""
    valued_as(household, price_year=2024, horizon_years=40)
    goals = [goal(household, text=f"Goal {n}") for n in range(3)]
    inputs = [
        ("production", {"salary": "300000", "change": "0.5"}),
        ("qaly", {"improvement": {"low": "0.1", "expected": "0.2", "high": "0.3"}}),
        ("transfer_reduction", {"annual_transfer": "200000", "change": "1"}),
        ("municipal_tax", {"salary": "300000", "change": "1"}),
        ("social_assistance", {"months": "6"}),
        ("unit_cost", {"unit_cost": "1500", "units": "12"}),
        ("qualitative", {"score": "++"}),
    ]
    Benefit.objects.bulk_create(
        Benefit(
            goal=goals[n % 3],
            number=n + 1,
            label=f"Benefit {n + 1}",
            beneficiary=["citizen", "municipality", "state"][n % 3],
            method=inputs[n % len(inputs)][0],
            inputs=inputs[n % len(inputs)][1],
            start_year=n % 4 + 1,
            ramp_years=n % 3,
            drop_off=Decimal(n % 5) / 100,
            deadweight=Decimal("0.1"),
        )
        for n in range(count)
    )
    Measurement.objects.bulk_create(
        Measurement(
            benefit=benefit, measured_on=TODAY - datetime.timedelta(days=days), value=f"{days}", recorded_by=recorded_by
        )
        for benefit in Benefit.objects.filter(goal__plan__household=household)
        for days in (30, 60)
    )
    for code in ("nav", "bolig", "psykrus"):
        make_line(household, recorded_by, what=f"Support from {code}", code=code)


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("who", ["leader", "member"])
def test_the_value_page_opens_with_as_many_queries_for_30_benefits_as_for_3(
    client, request, leader, family, django_assert_max_num_queries, count, who
):
    many_benefits(family, leader, count)
    client.force_login(request.getfixturevalue(who))

    with django_assert_max_num_queries(14 + ROW_SECURITY):
        response = client.get(reverse("value", args=[family.pk]))

    assert len(response.context["benefits"]) == count
    assert response.context["valued"].error == ""


def test_a_plan_of_20_benefits_over_40_years_is_valued_well_under_100_ms(leader, family):
    many_benefits(family, leader, 20)
    household, plan = family, plan_of(family)
    plan_benefits = list(Benefit.objects.filter(goal__plan=plan))
    entries = list(Investment.objects.filter(household=household).select_related("organisation"))
    table = Parameter.table()

    def seconds():
        started = time.perf_counter()
        valued = benefits.value(household, plan, plan_benefits, entries, table)
        elapsed = time.perf_counter() - started
        assert valued.error == "" and len(valued.lines) == 20
        return elapsed

    assert statistics.median(seconds() for _ in range(7)) < 0.05


def test_a_figure_missing_for_the_plans_year_is_named_in_the_users_language(client, leader, family):
    make_benefit(goal(family), method="qaly", inputs={"improvement": "0.5"}, label="Better health")
    valued_as(family, price_year=1995)
    client.force_login(leader)
    client.cookies["django_language"] = "nb"

    page = client.get(reverse("value", args=[family.pk])).content.decode()

    assert "G1:" in page and "1995" in page
    assert "benefits[0]" not in page, "not the engine's own wording"
