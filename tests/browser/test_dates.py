"""A bokmål page in an American browser: dates read and typed day first, as on the rest of the page."""

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in, new_context
from tests.conftest import make_participant
from tests.plans.conftest import make_goal
from welfarelab.mapping.models import Meeting
from welfarelab.people.models import Municipality, StaffUser
from welfarelab.plans.models import Goal


@pytest.fixture
def american(browser, live_server, demo_data):
    """A browser whose own language is American English: its date fields would ask for mm/dd/yyyy."""
    context = new_context(browser, live_server, language=None, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def household(demo_data):
    asker = Municipality.objects.get(slug="asker")
    leader = StaffUser.objects.get(username="leader")
    return make_participant(asker, leader, StaffUser.objects.get(username="referrer"), name="The Berg family")


def in_bokmaal(page):
    # The demo municipality's language, whatever the browser's own: nothing to pick.
    expect(page.locator("html")).to_have_attribute("lang", "nb")


def nb(text):
    with translation.override("nb"):
        return capfirst(str(text))


def by_label(page, label):
    return page.get_by_role("textbox", name=re.compile(rf"^{re.escape(label)}\b"))


def test_a_date_is_shown_and_typed_day_first_on_a_bokmaal_page_in_an_american_browser(american, household):
    page = american
    goal = make_goal(household, target_on=datetime.date(2026, 12, 10))
    log_in(page, "leader")
    in_bokmaal(page)
    page.goto(f"/participants/{household.pk}/plan/goals/{goal.pk}/")

    target = by_label(page, nb(Goal._meta.get_field("target_on").verbose_name))
    expect(target).to_have_value("10.12.2026")
    expect(target).to_have_attribute("type", "text")
    expect(target).to_have_accessible_description(re.compile(r"dd\.mm\.\S+, \S+ \S+ 10\.12\.2026$"))
    assert_accessible(page)

    target.focus()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("24/12/2026")  # the American habit: refused, with how to write it, and kept
    page.keyboard.press("Enter")
    expect(target).to_have_value("24/12/2026")
    expect(target).to_have_accessible_description(re.compile(r"10\.12\.2026.*10\.12\.2026\."))
    assert_accessible(page)

    target.focus()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("24.12.2026")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: f"/goals/{goal.pk}/" not in url)
    goal.refresh_from_db()
    assert goal.target_on == datetime.date(2026, 12, 24)
    page.goto(f"/participants/{household.pk}/plan/goals/{goal.pk}/")
    expect(target).to_have_value("24.12.2026")


def test_a_meeting_is_planned_with_its_date_and_time_typed_day_first_and_by_the_clock(american, household):
    page = american
    log_in(page, "leader")
    in_bokmaal(page)
    page.goto(f"/participants/{household.pk}/meetings/new/")
    day = timezone.localdate() + datetime.timedelta(days=7)

    group = page.get_by_role("group", name=re.compile(rf"^{nb(Meeting._meta.get_field('planned_at').verbose_name)}"))
    date, time = by_label(group, nb(gettext_lazy("Date"))), by_label(group, nb(gettext_lazy("Time")))
    expect(date).to_have_accessible_description(re.compile(r"10\.12\.2026$"))
    expect(time).to_have_accessible_description(re.compile(r"14:30$"))
    assert_accessible(page)

    page.get_by_role(
        "combobox", name=re.compile(rf"^{nb(Meeting._meta.get_field('kind').verbose_name)}")
    ).select_option(Meeting.Kind.PLAN)
    date.fill(f"{day:%d.%m.%Y}")
    time.fill("14.30")
    page.get_by_role("button", name=nb(gettext_lazy("Save the meeting"))).click()
    page.wait_for_url(lambda url: "/meetings/new/" not in url)
    meeting = Meeting.objects.get(household=household)
    assert timezone.localtime(meeting.planned_at) == timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(14, 30))
    )
