"""The journey in a real browser: a checkpoint with an assessment moves the participant on the chart."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in
from welfarelab.journey.models import Assessment
from welfarelab.people.models import Household

DOMAINS = ["Housing", "Work and education", "Network", "Economy", "Health", "The children's conditions for growing up"]


def test_a_checkpoint_with_an_assessment(page):
    hagen = Household.objects.get(name="Familien Hagen")
    log_in(page, "leader")
    page.goto(f"/participants/{hagen.pk}/")
    page.get_by_role("link", name="The whole journey, with the situation over time").click()
    expect(page.locator("svg[role=img] circle.journey-chart__point")).to_have_count(2)
    assert_accessible(page)

    page.get_by_role("link", name="Assess the situation", exact=True).click()
    # A checkpoint today, with the goal carried forward from the last assessment.
    expect(page.get_by_label("When (required)")).to_have_value("checkpoint")
    expect(page.get_by_label("By (required)")).to_have_value("30.06.2027")
    page.get_by_label("Overall situation (required)").select_option(label="Sustainable")
    page.get_by_role("button", name="Save the assessment").click()
    # Each domain needs its level: said on the field, what was chosen kept, nothing saved.
    expect(page.locator(".ds-validation-message").first).to_be_visible()
    expect(page.get_by_label("Overall situation (required)")).to_have_value("4")
    assert Assessment.objects.filter(household=hagen).count() == 2
    assert_accessible(page)

    for domain in DOMAINS:
        page.get_by_role("group", name=domain).get_by_label(re.compile("^Level")).select_option(label="Stable")
    page.get_by_label("Degree of vulnerability (required)").select_option(label="Low")
    page.get_by_role("button", name="Save the assessment").click()

    expect(page.get_by_text("The assessment is saved.")).to_be_visible()
    expect(page.locator("svg[role=img] circle.journey-chart__point")).to_have_count(3)
    expect(page.locator("#chart-desc")).to_contain_text("Sustainable when last assessed on")
    assert Assessment.objects.filter(household=hagen).last().assessed_on == timezone.localdate()
    assert_accessible(page)


def test_an_unexpected_event_leads_straight_to_adjusting_the_plan(page):
    berg = Household.objects.get(name="Familien Berg")
    log_in(page, "leader")
    page.goto(f"/participants/{berg.pk}/journey/")

    page.get_by_role("link", name="Something unexpected happened").click()
    page.get_by_label("What happened (required)").fill("Maria lost her work practice place when the shop closed")
    page.get_by_label("How serious (required)").select_option("serious")
    page.get_by_label("Go on to adjust the plan").check()
    assert_accessible(page)
    page.get_by_role("button", name="Record it").click()

    expect(page).to_have_url(re.compile(rf"/participants/{berg.pk}/plan/$"))
    expect(page.get_by_text("Adjust the goals and measures below.")).to_be_visible()
    page.goto(f"/participants/{berg.pk}/journey/")
    expect(page.locator("#unexpected")).to_contain_text("Maria lost her work practice place")
    assert_accessible(page)
