"""The administrator's pages: organisations, and the audit log that shows who looked at a family."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in, log_out
from welfarelab.people.models import Household


def test_the_administrator_sees_the_organisations_and_who_opened_a_family(page):
    log_in(page, "leader")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Participants").click()
    page.get_by_role("link", name="Familien Berg").click()
    log_out(page)

    log_in(page, "admin")
    menu = page.get_by_role("navigation", name="Main menu")
    menu.get_by_role("link", name="Administration").click()
    page.get_by_role("navigation", name="Administration").get_by_role("link", name="Organisations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")
    expect(page.get_by_role("row", name="NAV office (labour, welfare, social assistance)")).to_contain_text("nav")
    assert_accessible(page)

    menu.get_by_role("link", name="Audit log").click()
    # The newest look at the family's pages (the protected address shown on it is a look of its own).
    latest = page.get_by_role("table", name="Audit log").get_by_role("row").filter(has_text="participant page").first
    expect(latest).to_contain_text("leader")
    berg = Household.objects.get(name="Familien Berg")
    expect(latest).to_contain_text(f"#{berg.pk}")  # the household's number, never its name
    expect(latest).not_to_contain_text("Berg")
    expect(latest).to_contain_text("participant page")
    assert_accessible(page)


def test_a_page_outside_the_users_role_says_so_in_the_apps_own_layout(page):
    log_in(page, "referrer")
    response = page.goto("/organisations/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Not allowed")
    expect(page.get_by_role("link", name="Go to the start page")).to_be_visible()
    assert_accessible(page)
