"""Small builders for the investment plan: goals, measures, notes on the sheet and agreement versions."""

import datetime

import pytest
from django.utils import timezone

from tests.conftest import org
from tests.mapping.conftest import plan_meeting
from welfarelab.mapping import sheet
from welfarelab.mapping.models import LifeArea
from welfarelab.plans import agreement
from welfarelab.plans.models import Decision, Goal, Measure
from welfarelab.plans.plan import plan_of


@pytest.fixture
def meeting(family, leader):
    return plan_meeting(family, leader)


def today():
    return timezone.localdate()


def days(n):
    """A date `n` days from today (negative for the past)."""
    return today() + datetime.timedelta(days=n)


def area(household, code="work"):
    return LifeArea.objects.get(municipality=household.municipality, code=code)


def note(user, meeting, column, text, code="work", person=None):
    """A note written in a grid cell of the sheet: life area `code`, `column` ("now", "long_term", ...)."""
    return sheet.add(user, meeting, f"grid:{area(meeting.household, code).pk}:{column}", text, person=person)


def make_goal(household, text="A permanent job", **fields):
    fields = {
        "life_area": area(household, fields.pop("code", "work")),
        "indicator": "A contract is signed",
        "target_on": days(180),
    } | fields
    return Goal.objects.create(plan=plan_of(household), text=text, **fields)


def make_measure(household, text="Job training at NAV", **fields):
    fields = {"organisation": org(household.municipality, "nav"), "starts_on": today()} | fields
    return Measure.objects.create(plan=plan_of(household), text=text, **fields)


def make_decision(household, meeting, by, text="We meet every month"):
    return Decision.objects.create(
        household=household, meeting=meeting, text=text, decided_by=by, authority="Investment leader", recorded_by=by
    )


def goal_data(household, **overrides):
    """What the goal form posts for a new main goal of the whole family."""
    return {
        "text": "A permanent job",
        "main_goal": "",
        "life_area": area(household).pk,
        "indicator": "A contract is signed",
        "target_on": days(180).isoformat(),
        "person": "",
    } | overrides


def measure_data(household, meeting, decided_by, **overrides):
    """What the measure form posts for a new measure, decided in `meeting` by `decided_by`."""
    return {
        "text": "Job training at NAV",
        "goal": "",
        "organisation": org(household.municipality, "nav").pk,
        "responsible": "",
        "family_member": "",
        "how_often": "Twice a week",
        "starts_on": today().isoformat(),
        "ends_on": days(90).isoformat(),
        "meeting": meeting.pk,
        "decided_by": decided_by.pk,
    } | overrides


def prepare(leader, household, reason="first", explanation="", language="en"):
    """Prepare the next agreement version as the leader would; raises what the form or prepare() refuses."""
    form = agreement.PrepareForm(
        {"reason": reason, "explanation": explanation, "language": language}, user=leader, household=household
    )
    assert form.is_valid(), form.errors
    return agreement.prepare(leader, household, **form.values())


def sign_form(version, user, signer, method="app", **data):
    data = {"signer": signer, "method": method, "agrees": "on", "signed_on": today().isoformat()} | data
    files = {"scan": data.pop("scan")} if "scan" in data else {}
    return agreement.SignForm(data, files, version=version, user=user)


def sign(leader, household, version, signer):
    form = sign_form(version, leader, signer)
    assert form.is_valid(), form.errors
    return agreement.sign(leader, household, version, **form.values())


def sign_all(leader, household, version):
    """Every adult signs in the app, then the leader for the municipality."""
    for signer in version.content["signers"]:
        version = sign(leader, household, version, f"person:{signer['person']}")
    return sign(leader, household, version, f"staff:{leader.pk}")


def simple_plan(household):
    """The smallest plan that can be signed: one goal and one measure towards it."""
    goal = make_goal(household)
    return goal, make_measure(household, goal=goal)
