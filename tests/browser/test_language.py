"""The language chosen in the header sticks: across pages, and across logging out and in again."""

from playwright.sync_api import expect

from tests.browser.conftest import log_in, log_out


def expect_language(page, code, name):
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator("#language option:checked")).to_have_text(name)


def test_the_chosen_language_persists_across_pages_and_logins(page):
    log_in(page, "leader")
    expect_language(page, "en", "English")

    page.get_by_label("Language").select_option(label="Norsk bokmål")
    page.get_by_role("button", name="Change").click()
    expect_language(page, "nb", "Norsk bokmål")

    page.locator("nav a[href='/referrals/']").click()
    page.wait_for_url("**/referrals/")
    expect_language(page, "nb", "Norsk bokmål")

    log_out(page)
    expect_language(page, "nb", "Norsk bokmål")
    log_in(page, "leader")
    expect_language(page, "nb", "Norsk bokmål")
