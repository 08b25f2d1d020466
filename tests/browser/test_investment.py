"""Following the money in a real browser: recording what is invested in a family and seeing the totals change."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import make_participant
from welfarelab.money.models import Investment
from welfarelab.people.models import Municipality, StaffUser


@pytest.fixture
def family(demo_data):
    asker = Municipality.objects.get(slug="asker")
    return make_participant(
        asker,
        StaffUser.objects.get(username="leader"),
        StaffUser.objects.get(username="referrer"),
        name="The Lund family",
    )


def field(page, label):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(required\))?$"))


def fact(page, term):
    """The value beside `term` in the page's list of figures."""
    return page.locator("dl.facts dt", has_text=term).locator("xpath=following-sibling::dd[1]")


def test_recording_what_is_invested_changes_the_totals(page, family):
    log_in(page, "leader")
    page.goto(f"/participants/{family.pk}/investment/")
    expect(fact(page, "In total so far")).to_have_text("0 kr")
    assert_accessible(page)

    page.get_by_role("link", name="Record what is invested").click()
    field(page, "What kind").select_option("staff_hours")
    field(page, "Quantity").fill("6")
    field(page, "Price per unit (NOK)").fill("900")
    page.get_by_role("button", name="Save").click()
    # Nothing said what it is, nor who pays: both named, the typed figures kept, nothing saved.
    expect(page.get_by_text("Say what it is, or choose a service from the catalogue.")).to_be_visible()
    expect(page.get_by_text("Say which organisation pays for it.")).to_be_visible()
    expect(field(page, "Quantity")).to_have_value("6")
    assert not Investment.objects.filter(household=family).exists()
    assert_accessible(page)

    field(page, "What").fill("Follow-up by the investment leader")
    organisation = field(page, "Organisation")
    organisation.select_option(
        organisation.locator("option", has_text="Coordinating unit").first.get_attribute("value")
    )
    field(page, "From").fill(f"{timezone.localdate().replace(day=1):%d.%m.%Y}")
    field(page, "Every month").uncheck()
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("The investment is saved.")).to_be_visible()
    expect(fact(page, "In total so far")).to_have_text("5,400 kr")
    expect(page.get_by_role("table", name="Per organisation")).to_contain_text("5,400")
    expect(page.get_by_role("table", name="What is invested, line by line")).to_contain_text(
        "Follow-up by the investment leader"
    )
