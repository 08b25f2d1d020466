"""Exit in a real browser: the situation assessed at exit, the checklist gone through with the keyboard, the
celebration, and the participant coming back with the whole journey still there."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in
from tests.browser.test_journey import DOMAINS
from tests.browser.test_keyboard import check, press_enter_on, type_into
from welfarelab.journey.models import Assessment, Exit
from welfarelab.people.models import Household


def field(page, label):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(required\))?$"))


def test_celebrate_and_close_then_come_back(page):
    hagen = Household.objects.get(name="Familien Hagen")
    assessed_before = Assessment.objects.filter(household=hagen).count()
    log_in(page, "leader")
    page.goto(f"/participants/{hagen.pk}/journey/")

    # The situation at exit, assessed with the family first.
    page.get_by_role("link", name="Assess the situation at exit").click()
    expect(field(page, "When")).to_have_value("exit")
    field(page, "Overall situation").select_option(label="Sustainable")
    for domain in DOMAINS:
        page.get_by_role("group", name=domain).get_by_label(re.compile("^Level")).select_option(label="Sustainable")
    field(page, "Degree of vulnerability").select_option(label="Low")
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_text("The assessment is saved.")).to_be_visible()
    assert Assessment.objects.filter(household=hagen, occasion="exit").count() == 1

    # The checklist, with the keyboard alone.
    press_enter_on(page, page.get_by_role("main").get_by_role("link", name="Celebrate and close", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Celebrate and close: Familien Hagen")
    expect(page.get_by_text(re.compile("Assessed at exit on .*: Sustainable"))).to_be_visible()
    assert_accessible(page)

    # Sent before the checklist is done: each item says what it needs, nothing is saved.
    press_enter_on(page, page.get_by_role("button", name="Celebrate and close"))
    expect(page.get_by_text("Close only when the family manages on its own.")).to_be_visible()
    assert not Exit.objects.filter(household=hagen).exists()
    assert_accessible(page)

    check(page, field(page, "The goals are reached and the family manages on its own"))
    type_into(page, field(page, "Handed over to ordinary services"), "Kari's GP and NAV's ordinary follow-up")
    type_into(page, field(page, "And to volunteers"), "The boys' sports club")
    check(page, field(page, "The benefits are checked against the realisation plan"))
    check(page, page.get_by_label("Kept for a follow-up period"))
    type_into(page, field(page, "Anything to add"), "Kari has a permanent job")
    press_enter_on(page, page.get_by_role("button", name="Celebrate and close"))

    expect(page.get_by_text("Closed. Celebrate it with the family: they manage on their own.")).to_be_visible()
    expect(page.locator("#exit")).to_contain_text("Celebrated and closed on")
    expect(page.locator("#exit")).to_contain_text("Kari's GP and NAV's ordinary follow-up")
    exit = Exit.objects.get(household=hagen)
    assert (exit.kind, exit.left_on, exit.consent) == ("closed", timezone.localdate(), "kept")
    hagen.refresh_from_db()
    assert hagen.left_on == timezone.localdate()
    assert_accessible(page)

    # The door stays open.
    page.get_by_role("link", name="The participant comes back").click()
    field(page, "Came back on").fill(f"{timezone.localdate():%d.%m.%Y}")
    type_into(page, field(page, "Why they came back"), "Kari lost the job when the firm closed")
    press_enter_on(page, page.get_by_role("button", name="Re-open"))

    expect(page.get_by_text("Welcome back. Everything from before is kept")).to_be_visible()
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("Celebrated and closed")
    expect(timeline).to_contain_text("Came back to the Welfare Lab: Kari lost the job when the firm closed")
    expect(page.locator("#exit")).to_have_count(0)
    assert Assessment.objects.filter(household=hagen).count() == assessed_before + 1
    hagen.refresh_from_db()
    assert hagen.left_on is None
    assert_accessible(page)
