"""The plan's benefits in a real browser: adding one changes the plan's totals, and only its figures are asked for."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in
from welfarelab.money.models import Benefit
from welfarelab.people.models import Household


def field(page, label):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(required\))?$"))


def figure(page, name):
    return page.locator(f"#value-totals [data-figure={name}]")


def kroner(text):
    return int(re.sub(r"[^\d-]", "", text.split("kr")[0].replace("\u2212", "-")))


def test_adding_a_benefit_to_the_plan_changes_its_totals(page):
    hagen = Household.objects.get(name="Familien Hagen")
    log_in(page, "leader")
    page.goto(f"/participants/{hagen.pk}/plan/value/")
    annual_before = kroner(figure(page, "annual").inner_text())
    npv_before = kroner(figure(page, "npv").inner_text())
    assert annual_before == 264190  # the pilot's example 3
    assert_accessible(page)

    page.get_by_role("link", name="Add a benefit").click()
    expect(page.get_by_text("Choose how the benefit is valued, above, to see the figures it needs.")).to_be_visible()
    field(page, "Goal").select_option(label="Avlastning for Oskar 10 dager i måneden, så hele familien får hvile")
    field(page, "What changes, and for whom").fill("Fewer emergency relief stays for Oskar")
    field(page, "Who gains").select_option("municipality")
    field(page, "How it is valued").select_option("unit_cost")
    # Only what the method needs is asked for.
    expect(field(page, "Cost per unit (NOK)")).to_be_visible()
    expect(field(page, "Yearly salary (NOK)")).to_be_hidden()
    field(page, "Cost per unit (NOK)").fill("4000")
    page.get_by_role("button", name="Save the benefit").click()
    # The units were left out: the field is named, what was typed is kept, nothing is saved.
    expect(page.get_by_text("This method needs it.")).to_be_visible()
    expect(field(page, "Cost per unit (NOK)")).to_have_value("4000")
    assert not Benefit.objects.filter(label="Fewer emergency relief stays for Oskar").exists()
    assert_accessible(page)

    field(page, "Units a year no longer needed").fill("12")
    field(page, "Low estimate").fill("6")
    field(page, "High estimate").fill("18")
    page.get_by_role("button", name="Save the benefit").click()

    expect(page.get_by_text("The benefit is saved.")).to_be_visible()
    assert kroner(figure(page, "annual").inner_text()) == annual_before + 48000
    assert kroner(figure(page, "npv").inner_text()) > npv_before
    expect(figure(page, "npv")).to_contain_text("with the low and high estimates")
    expect(page.get_by_role("link", name=re.compile("^G7: Fewer emergency relief stays"))).to_be_visible()
    assert_accessible(page)


def test_following_up_a_benefit_by_keyboard(page):
    hagen = Household.objects.get(name="Familien Hagen")
    benefit = Benefit.objects.get(goal__plan__household=hagen, number=2)
    log_in(page, "leader")
    page.goto(f"/participants/{hagen.pk}/plan/benefits/{benefit.pk}/realisation/")
    assert_accessible(page)

    # A date field's typing order follows the browser's locale, and Tab moves through its parts.
    field(page, "Measured on").fill("01.11.2026")
    field(page, "Value").focus()
    page.keyboard.type("Pain 4 of 10")
    page.keyboard.press("Tab")
    page.keyboard.type("After eight weeks of the programme")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(page.get_by_text("The measurement is recorded.")).to_be_visible()
    expect(page.get_by_role("cell", name="Pain 4 of 10")).to_be_visible()
    assert benefit.measurements.get().note == "After eight weeks of the programme"
