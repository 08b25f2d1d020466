"""The accessibility statement is reached from the footer by keyboard and passes axe itself."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible


def test_the_statement_is_reached_by_keyboard_from_the_login_page(page):
    page.goto("/login/")
    link = page.locator("footer a[href='/accessibility/']")
    for _ in range(30):
        page.keyboard.press("Tab")
        if link.evaluate("element => element === document.activeElement"):
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/accessibility/")
    expect(page.locator("h1")).to_have_text("Accessibility statement for Welfare Lab")
    assert_accessible(page)
