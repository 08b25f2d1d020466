"""The administrator reads the audit log with the keyboard alone: goes to older entries, filters by a member
of staff, axe-clean, with an error named on its field."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_administration_pages import choose, save
from tests.browser.test_keyboard import log_in_by_keyboard, press_enter_on, type_into


def test_the_administrator_filters_the_log_by_keyboard(page):
    log_in_by_keyboard(page, "admin")
    page.goto("/audit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit log")
    assert_accessible(page)
    press_enter_on(page, page.get_by_role("link", name="Older"))
    expect(page.get_by_role("link", name="Newest")).to_be_visible()

    choose(page, page.get_by_label("Member of staff"), "Nils Aune")
    save(page, "Show")
    rows = page.get_by_role("row")
    expect(rows.nth(1)).to_contain_text("member")
    assert_accessible(page)

    type_into(page, page.get_by_label("A person's identity number"), "123")
    save(page, "Show")
    expect(page.locator("#id_national_id_error")).to_contain_text("Nobody with this identity number")
    expect(page.get_by_label("A person's identity number")).to_have_value("123")
    assert_accessible(page)
