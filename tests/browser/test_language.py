"""The language chosen in the header sticks: across pages, and across logging out and in again."""

from playwright.sync_api import expect

from tests.browser.conftest import log_in, log_out, new_context


def expect_language(page, code, name):
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator("#language option:checked")).to_have_text(name)


def test_the_chosen_language_persists_across_pages_and_logins(page):
    log_in(page, "leader")
    expect_language(page, "en", "English")

    page.get_by_label("Language").select_option(label="Norsk (bokmål)")
    page.get_by_role("button", name="Change").click()
    expect_language(page, "nb", "Norsk (bokmål)")

    page.locator("nav a[href='/referrals/']").click()
    page.wait_for_url("**/referrals/")
    expect_language(page, "nb", "Norsk (bokmål)")

    log_out(page)
    expect_language(page, "nb", "Norsk (bokmål)")
    log_in(page, "leader")
    expect_language(page, "nb", "Norsk (bokmål)")


def test_an_english_browser_sees_bokmaal_until_the_user_picks_english_which_then_follows_them(
    browser, live_server, demo_data
):
    first = new_context(browser, live_server, language=None).new_page()
    log_in(first, "leader")
    expect_language(first, "nb", "Norsk (bokmål)")
    first.get_by_label("Språk").select_option(label="English")
    first.locator("form.language-switch button").click()
    expect_language(first, "en", "English")
    first.context.close()

    elsewhere = new_context(browser, live_server, language=None).new_page()
    log_in(elsewhere, "leader")
    expect_language(elsewhere, "en", "English")
    elsewhere.context.close()
