"""The plan's benefits: the form (percent inputs, parameters, estimates, numbering), following a benefit up,
and the valuation parameters the installation's operator keeps."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tests.conftest import Role, add_to_team, make_user
from tests.plans.conftest import make_goal
from welfarelab.money.benefits import INPUTS
from welfarelab.money.models import Benefit, Measurement, Parameter
from welfarelab.plans.plan import plan_of
from welfarelab.valuation.parameters import BUILT_IN

TODAY = datetime.date(2026, 6, 15)
NOON = datetime.time(12)
STALE = "Someone else changed this while you were editing it. Look at it again and save once more."


@pytest.fixture(autouse=True)
def june_2026(time_machine):
    """Today is 15 June 2026 (noon in the installation's time zone), so that ongoing lines of the investment add up
    to known costs."""
    time_machine.move_to(datetime.datetime.combine(TODAY, NOON, tzinfo=timezone.get_default_timezone()), tick=False)


# Builders, shared with test_value_page.py


def goal(family, person=None, text="A permanent job"):
    return make_goal(family, text=text, person=person)


def benefit_data(goal, **overrides):
    """What the benefit form posts: better health for the citizen, valued as QALYs at 1 000 000 kr and 50 %."""
    data = {f"input_{name}": "" for name in INPUTS} | {
        "goal": goal.pk,
        "label": "Better mental health for the mother",
        "beneficiary": "citizen",
        "method": "qaly",
        "input_qaly_value": "1000000",
        "input_improvement": "50",
        "score": "",
        "low": "",
        "high": "",
        "start_year": "1",
        "ramp_years": "0",
        "duration_years": "",
        "drop_off": "0",
        "deadweight": "0",
        "attribution": "0",
        "displacement": "0",
        "assumptions": "",
    }
    return data | overrides


def production_data(goal, salary="300000", change="100", **overrides):
    """What the form posts for work gained by the citizen: `salary` a year, `change` percent of it."""
    fields = {"label": "A job", "method": "production", "input_qaly_value": "", "input_improvement": ""}
    return benefit_data(goal, **fields | {"input_salary": salary, "input_change": change} | overrides)


def make_benefit(goal, method="production", inputs=None, beneficiary="citizen", label="A job", **fields):
    """A benefit stored directly, numbered next in its plan; by default 300 000 kr of production a year."""
    last = Benefit.objects.filter(goal__plan=goal.plan).order_by("-number").first()
    return Benefit.objects.create(
        goal=goal,
        number=last.number + 1 if last else 1,
        label=label,
        beneficiary=beneficiary,
        method=method,
        inputs={"salary": "300000", "change": "1"} if inputs is None else inputs,
        **fields,
    )


def valued_as(household, **settings):
    """Set how the family's plan is valued (price_year, horizon_years, discount_rate)."""
    plan = plan_of(household)
    for name, setting in settings.items():
        setattr(plan, name, setting)
    plan.save()
    return plan


def post_benefit(client, household, data, benefit=None):
    if benefit is None:
        return client.post(reverse("benefit_new", args=[household.pk]), data)
    return client.post(reverse("benefit_edit", args=[household.pk, benefit.pk]), data)


def errors(response):
    return response.context["form"].errors


# The form: inputs in percent, parameters in force, estimates, numbering, versions


def test_a_percent_is_stored_as_a_share(client, leader, family):
    client.force_login(leader)

    response = post_benefit(client, family, benefit_data(goal(family)))

    assert response.status_code == 302
    assert Benefit.objects.get().inputs == {"qaly_value": "1000000", "improvement": "0.5"}


def reopened(client, household):
    """The form of the (one) benefit, as it opens to be changed."""
    return client.get(reverse("benefit_edit", args=[household.pk, Benefit.objects.get().pk])).context["form"]


def test_reopening_the_form_shows_the_percents_that_were_typed(client, leader, family):
    client.force_login(leader)
    post_benefit(client, family, benefit_data(goal(family), low="30", high="70", deadweight="20"))

    form = reopened(client, family)

    shown = [str(form[name].value()) for name in ("low", "high", "deadweight", "input_improvement")]
    assert shown == ["30", "70", "20", "50"]


def test_reopening_the_form_shows_whole_numbers_as_typed(client, leader, family):
    client.force_login(leader)
    post_benefit(client, family, benefit_data(goal(family), drop_off="10"))

    form = reopened(client, family)

    assert 'value="1000000"' in str(form["input_qaly_value"])
    assert 'value="10"' in str(form["drop_off"])


def test_a_benefit_saved_again_unchanged_keeps_its_figures(client, leader, family):
    client.force_login(leader)
    post_benefit(client, family, benefit_data(goal(family)))
    benefit = Benefit.objects.get()
    form = reopened(client, family)
    as_shown = {name: "" if form[name].value() is None else str(form[name].value()) for name in form.fields}

    response = post_benefit(client, family, as_shown, benefit)

    assert response.status_code == 302, errors(response)
    benefit.refresh_from_db()
    assert (benefit.inputs, benefit.version) == ({"qaly_value": "1000000", "improvement": "0.5"}, 2)


def test_a_required_input_left_empty_is_named_and_nothing_is_saved(client, leader, family):
    client.force_login(leader)

    response = post_benefit(client, family, production_data(goal(family), salary="", change="40"))

    assert response.status_code == 400
    assert errors(response) == {"input_salary": ["This method needs it."]}
    assert response.context["form"]["input_change"].value() == "40"
    assert 'value="40"' in str(response.context["form"]["input_change"])
    assert not Benefit.objects.exists()


def test_a_left_out_qaly_value_is_taken_from_the_parameters_in_force(client, leader, family):
    valued_as(family, price_year=2024)
    client.force_login(leader)

    response = post_benefit(client, family, benefit_data(goal(family), input_qaly_value=""))

    assert response.status_code == 302
    assert Benefit.objects.get().inputs == {"improvement": "0.5"}


def test_a_left_out_qaly_value_is_refused_for_a_year_before_any_figure(client, leader, family):
    valued_as(family, price_year=1995)
    client.force_login(leader)

    response = post_benefit(client, family, benefit_data(goal(family), input_qaly_value=""))

    assert response.status_code == 400
    assert list(errors(response)) == ["input_qaly_value"]
    assert "No figure is stored for 1995" in errors(response)["input_qaly_value"][0]
    assert not Benefit.objects.exists()


def test_an_effect_that_is_not_priced_needs_a_score(client, leader, family):
    client.force_login(leader)
    data = benefit_data(goal(family), method="qualitative", input_qaly_value="", input_improvement="")

    refused = post_benefit(client, family, data)
    saved = post_benefit(client, family, data | {"score": "++"})

    assert refused.status_code == 400
    assert list(errors(refused)) == ["score"]
    assert saved.status_code == 302
    assert Benefit.objects.get().inputs == {"score": "++"}


@pytest.mark.parametrize(
    "low, high, field",
    [("30", "", "high"), ("", "70", "low"), ("60", "70", "low"), ("30", "40", "low"), ("30", "120", "high")],
)
def test_estimates_must_be_both_given_and_around_the_value(client, leader, family, low, high, field):
    client.force_login(leader)

    response = post_benefit(client, family, benefit_data(goal(family), low=low, high=high))

    assert response.status_code == 400
    assert list(errors(response)) == [field]
    assert not Benefit.objects.exists()


def test_a_low_and_a_high_estimate_are_stored_around_the_value(client, leader, family):
    client.force_login(leader)

    post_benefit(client, family, benefit_data(goal(family), low="30", high="70"))

    assert Benefit.objects.get().inputs == {
        "qaly_value": "1000000",
        "improvement": {"low": "0.3", "expected": "0.5", "high": "0.7"},
    }


def test_a_percent_above_100_is_refused(client, leader, family):
    client.force_login(leader)

    response = post_benefit(client, family, benefit_data(goal(family), input_improvement="120"))

    assert response.status_code == 400
    assert errors(response) == {"input_improvement": ["Ensure this value is less than or equal to 100."]}
    assert not Benefit.objects.exists()


def test_benefits_are_numbered_through_the_plan_across_goals(client, leader, family):
    work, health = goal(family), goal(family, text="Better health")
    client.force_login(leader)

    for target in (work, health, work):
        post_benefit(client, family, benefit_data(target))

    assert list(Benefit.objects.values_list("number", "goal")) == [(1, work.pk), (2, health.pk), (3, work.pk)]
    assert [b.code for b in Benefit.objects.all()] == ["G1", "G2", "G3"]


def test_saving_from_a_stale_version_is_refused_and_changes_nothing(client, leader, member, family):
    target = goal(family)
    client.force_login(leader)
    post_benefit(client, family, benefit_data(target))
    benefit = Benefit.objects.get()
    client.force_login(member)
    post_benefit(client, family, benefit_data(target, label="Changed by the member", version=1), benefit)
    client.force_login(leader)

    response = post_benefit(client, family, benefit_data(target, label="Changed by the leader", version=1), benefit)

    assert response.status_code == 400
    assert STALE in response.content.decode()
    benefit.refresh_from_db()
    assert (benefit.label, benefit.version) == ("Changed by the member", 2)


# Following a benefit up


def realisation_url(household, benefit):
    return reverse("benefit_realisation", args=[household.pk, benefit.pk])


def realisation_data(benefit, **overrides):
    """What the realisation plan posts, from the version the benefit was opened at."""
    return {
        "realisation": "1",
        "owner": "",
        "indicator": "Hours worked a week",
        "baseline": "0 hours",
        "target": "30 hours",
        "target_on": "2027-06-01",
        "measured_when": "At every checkpoint meeting",
        "status": "being_realised",
        "evaluation": "",
        "version": benefit.version,
    } | overrides


def measurement_data(**overrides):
    return {"measurement": "1", "measured_on": "2026-06-01", "value": "12 hours", "note": ""} | overrides


def realised_row(client, household):
    """The page's "Expected and realised" table."""
    page = client.get(reverse("value", args=[household.pk])).content.decode()
    return page[page.index('id="realisation"') :].split("</table>", 1)[0]


def test_the_realisation_plan_is_saved_and_shown_with_what_was_expected(client, leader, member, family):
    benefit = make_benefit(goal(family))
    client.force_login(leader)

    response = client.post(realisation_url(family, benefit), realisation_data(benefit, owner=member.pk))

    assert response.status_code == 302
    benefit.refresh_from_db()
    assert (benefit.owner, benefit.indicator, benefit.status, benefit.version) == (
        member,
        "Hours worked a week",
        "being_realised",
        2,
    )
    table = realised_row(client, family)
    assert "Expected and realised" in table
    for shown in ("G1", "Hours worked a week", "0 hours", "30 hours", "Being realised"):
        assert shown in table


def test_a_measurement_is_shown_as_the_last_measured(client, leader, family):
    benefit = make_benefit(goal(family))
    client.force_login(leader)

    client.post(realisation_url(family, benefit), measurement_data(measured_on="2026-05-01", value="5 hours"))
    response = client.post(realisation_url(family, benefit), measurement_data())

    assert response.status_code == 302
    assert Measurement.objects.filter(benefit=benefit).count() == 2
    table = realised_row(client, family)
    assert "Last measured" in table
    assert f"12 hours ({date_format(datetime.date(2026, 6, 1), 'SHORT_DATE_FORMAT')})" in table
    assert "5 hours" not in table


def test_a_measurement_dated_in_the_future_is_refused(client, leader, family):
    benefit = make_benefit(goal(family))
    client.force_login(leader)

    response = client.post(realisation_url(family, benefit), measurement_data(measured_on="2026-06-16"))

    assert response.status_code == 400
    assert "A measurement is made on a day that has come." in response.content.decode()
    assert not Measurement.objects.exists()


def test_only_the_leader_and_the_current_team_may_own_a_benefit(client, leader, member, family, municipality):
    gone = make_user(municipality, Role.TEAM_MEMBER, "bolig")
    left = add_to_team(family, gone, "bolig")
    left.left_on = TODAY
    left.save()
    stranger = make_user(municipality, Role.TEAM_MEMBER, "nav")
    benefit = make_benefit(goal(family))
    client.force_login(leader)

    offered = client.get(realisation_url(family, benefit)).context["form"].fields["owner"].queryset
    refused = client.post(realisation_url(family, benefit), realisation_data(benefit, owner=stranger.pk))

    assert set(offered) == {leader, member}
    assert refused.status_code == 400
    assert list(refused.context["form"].errors) == ["owner"]
    benefit.refresh_from_db()
    assert benefit.owner is None


# The valuation parameters


@pytest.fixture
def operator(django_user_model):
    """The parameters are national: the installation's operator keeps them, in Django's admin."""
    return django_user_model.objects.create_superuser("operator", "operator@example.org", "a long password")


def test_the_parameters_start_as_the_engines_table(db):
    basic_amount = Parameter.objects.get(name="basic_amount", year=2019)

    assert (basic_amount.value, basic_amount.verified) == (Decimal(99858), True)
    assert {(p.name, p.year, p.value, p.verified) for p in Parameter.table()} == {
        (p.name, p.year, p.value, p.verified) for p in BUILT_IN
    }


def test_the_operator_adds_a_year_and_a_plan_of_that_year_uses_it(client, operator, leader, family):
    valued_as(family, price_year=2015, horizon_years=1, discount_rate=0)  # the QALY value starts in 2016
    data = benefit_data(goal(family), input_qaly_value="", input_improvement="10")
    client.force_login(leader)
    assert post_benefit(client, family, data).status_code == 400
    client.force_login(operator)

    added = client.post(
        reverse("admin:money_parameter_add"),
        {
            "name": "qaly_value",
            "year": "2015",
            "value": "2000000",
            "unit": "NOK per QALY",
            "source": "Published for 2015",
            "verified": "on",
        },
    )
    client.force_login(leader)
    saved = post_benefit(client, family, data)
    response = client.get(reverse("value", args=[family.pk]))

    assert added.status_code == 302
    assert Parameter.objects.get(name="qaly_value", year=2015).value == Decimal(2000000)
    assert saved.status_code == 302
    assert response.context["totals"]["annual_priced_total"] == 200000
    used = response.context["valued"].response["parameters_used"]
    assert [(u["parameter"], u["year"], u["verified"]) for u in used] == [("qaly_value", 2015, True)]
