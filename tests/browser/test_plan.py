"""The investment plan in a real browser: from what was written on the sheet to a signed agreement, and
adjusting a signed plan and seeing what changed. Every page on the way is checked with axe-core."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import make_participant
from welfarelab.mapping import sheet
from welfarelab.mapping.models import LifeArea, Meeting
from welfarelab.people.models import Municipality, Person, StaffUser
from welfarelab.plans.models import AgreementVersion

MEASURE = "Apply for work assessment allowance"
GOAL = "In an 80% permanent job"
FAMILY = [
    ("Anna", Person.Relation.PARENT, datetime.date(1986, 5, 1)),
    ("Ole", Person.Relation.PARENT, datetime.date(1984, 2, 1)),
    ("Lise", Person.Relation.CHILD, datetime.date(2014, 9, 1)),
]


@pytest.fixture
def family(demo_data):
    """A new participant of the demo's leader, whose 360° mapping meeting is held with two notes for the plan."""
    asker = Municipality.objects.get(slug="asker")
    leader = StaffUser.objects.get(username="leader")
    household = make_participant(
        asker, leader, StaffUser.objects.get(username="referrer"), people=FAMILY, name="The Lund family"
    )
    meeting = Meeting.objects.create(
        household=household, kind=Meeting.Kind.MAPPING, planned_at=timezone.now(), created_by=leader
    )
    anna = household.members.get(given_name="Anna")
    work = LifeArea.objects.get(municipality=asker, code="work")
    sheet.add(leader, meeting, f"grid:{work.pk}:now", MEASURE, person=anna)
    sheet.add(leader, meeting, f"grid:{work.pk}:long_term", GOAL, person=anna)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD, finished_at=timezone.now())
    return household


def field(page, label):
    """A form field by its label, which says "(required)" after it where it is."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(required\))?$"))


def choose(select, text):
    """Choose the option whose label contains `text`."""
    select.select_option(select.locator("option", has_text=text).first.get_attribute("value"))


def sign_in_the_app(page, signer):
    choose(field(page, "Who signs"), signer)
    page.get_by_label("In the app").check()
    page.get_by_label("They have read the agreement, or had it read to them, and agree to it.").check()
    page.get_by_role("button", name="Record the signature").click()


def sign_by_everyone(page):
    for signer in ["Ole", "Anna", "for the municipality"]:
        sign_in_the_app(page, signer)


def test_from_the_sheet_to_a_signed_plan(page, family):
    log_in(page, "leader")
    page.goto(f"/participants/{family.pk}/plan/")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(rf"^Make it a goal ?: {GOAL}")).click()
    expect(field(page, "Goal")).to_have_value(GOAL)
    expect(field(page, "Whose goal")).to_have_value(str(family.members.get(given_name="Anna").pk))
    field(page, "What success looks like").fill("Anna has a contract for 80% or more")
    field(page, "Target date").fill("30.11.2027")
    assert_accessible(page)
    page.get_by_role("button", name="Save the goal").click()
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text("The goal is saved.")

    page.get_by_role("link", name=re.compile(rf"^Make it a measure ?: {MEASURE}")).click()
    expect(field(page, "What will be done")).to_have_value(MEASURE)
    choose(field(page, "Goal it works towards"), GOAL)
    choose(field(page, "Organisation"), "NAV")
    field(page, "End").fill("01.01.2020")  # before the start: refused, nothing lost
    choose(field(page, "Decided by"), "Investment leader")
    page.get_by_role("button", name="Save the measure").click()
    expect(page.get_by_text("The end comes before the start.")).to_be_visible()
    expect(field(page, "What will be done")).to_have_value(MEASURE)
    assert_accessible(page)
    field(page, "End").fill("30.06.2027")
    page.get_by_role("button", name="Save the measure").click()

    expect(page.get_by_text("Everything written in those columns is already in the plan.")).to_be_visible()
    page.get_by_role("textbox", name="The situation").fill(
        "Anna is at home with pain; Ole works full time; the flat is cramped."
    )
    page.get_by_role("button", name="Save the situation").click()
    page.get_by_role("link", name="Prepare the agreement for signing").click()
    field(page, "Language of the agreement").select_option("en")
    page.get_by_role("button", name="Prepare for signing").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Agreement, version 1")
    document = page.locator("article.agreement")
    expect(document).to_contain_text(GOAL)
    expect(document).to_contain_text(MEASURE)
    expect(document).not_to_contain_text("Lise")  # children do not sign
    assert_accessible(page)

    choose(field(page, "Who signs"), "Anna")
    page.get_by_label("In the app").check()
    page.get_by_role("button", name="Record the signature").click()
    expect(page.get_by_text("Tick this when the person has read the agreement and agrees to it.")).to_be_visible()

    sign_by_everyone(page)
    expect(page.get_by_text("Everyone has signed: version 1 is the agreement now.")).to_be_visible()
    expect(page.get_by_role("button", name="Record the signature")).to_have_count(0)
    version = AgreementVersion.objects.get(plan__household=family)
    assert version.signed_at is not None and version.signatures.count() == 3


def test_adjusting_a_signed_plan_and_seeing_what_changed(page, family):
    test_from_the_sheet_to_a_signed_plan(page, family)

    page.goto(f"/participants/{family.pk}/plan/")
    page.get_by_role("link", name=MEASURE, exact=True).click()
    field(page, "How often").fill("Once, with help from NAV")
    field(page, "Status").select_option("under_way")
    page.get_by_role("button", name="Save the measure").click()
    expect(page.get_by_text(re.compile("The plan has changed since the family signed version 1"))).to_be_visible()

    page.get_by_role("link", name="Prepare a new version for the family to agree to").click()
    field(page, "Why a new version").select_option("learnt")
    page.get_by_role("button", name="Prepare for signing").click()
    expect(page.get_by_text("Say what changed and why, so the family can agree to it.")).to_be_visible()
    field(page, "What changed and why").fill("NAV helps Anna with the application.")
    page.get_by_role("button", name="Prepare for signing").click()
    expect(page.get_by_text("The text names Anna, and everyone who sees the family reads it.")).to_be_visible()
    expect(field(page, "What changed and why")).to_have_value("NAV helps Anna with the application.")
    page.get_by_label("Yes, this is for the whole family", exact=False).check()  # the family signs it, all of it
    page.get_by_role("button", name="Prepare for signing").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Agreement, version 2")
    sign_by_everyone(page)

    page.get_by_role("link", name="What changed since version 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Compare versions of the agreement")
    change = page.locator(".change--changed")
    expect(change).to_contain_text(MEASURE)
    expect(change.locator("ins")).to_have_text("Once, with help from NAV")
    expect(page.get_by_text("NAV helps Anna with the application.")).to_be_visible()
    assert_accessible(page)


def test_the_leaders_start_page_shows_what_is_overdue_and_the_next_meeting(page):
    log_in(page, "leader")
    table = page.get_by_role("table", name=re.compile("The participants you lead"))
    expect(table).to_be_visible()
    expect(table.get_by_role("row", name=re.compile("Familien Hagen"))).to_contain_text("Checkpoint")
    assert_accessible(page)


@pytest.mark.parametrize("path", ["plan/timeline/", "plan/decisions/", "plan/texts-to-review/"])
def test_the_execution_plan_decision_log_and_texts_to_review_have_no_accessibility_violations(page, path):
    log_in(page, "leader")
    hagen = StaffUser.objects.get(username="leader").led_households.get(name="Familien Hagen")
    page.goto(f"/participants/{hagen.pk}/{path}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Familien Hagen")
    assert_accessible(page)


def test_a_goal_for_the_whole_family_that_names_a_member_is_asked_about(page, family):
    log_in(page, "leader")
    page.goto(f"/participants/{family.pk}/plan/goals/new/")
    field(page, "Goal").fill("Ole works days, not nights")
    choose(field(page, "Life area"), "Work")
    field(page, "What success looks like").fill("A day shift contract")
    field(page, "Target date").fill("30.11.2027")
    expect(page.get_by_label("Yes, this is for the whole family", exact=False)).to_have_count(0)  # not asked yet
    page.get_by_role("button", name="Save the goal").click()
    expect(page.get_by_text("The text names Ole. Choose them here to make it their own")).to_be_visible()
    expect(field(page, "Goal")).to_have_value("Ole works days, not nights")
    assert_accessible(page)
    field(page, "Whose goal").select_option(label="Ole")
    page.get_by_role("button", name="Save the goal").click()
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text("The goal is saved.")
    assert family.plan.goals.get(text="Ole works days, not nights").person.given_name == "Ole"
