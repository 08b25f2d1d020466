"""Someone guesses a leader's password: the login is held back with a page that says why and what to do, and
the administrator lets the leader in again from the leader's page, with the keyboard alone, axe-clean."""

from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_out
from tests.browser.test_keyboard import log_in_by_keyboard, press_enter_on


def guess(page, username):
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "a wrong guess")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_guessed_login_is_held_back_with_a_page_that_says_why(page):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        guess(page, "leader")
    expect(page.get_by_role("alert")).to_have_text("The username or password is wrong. Try again.")
    guess(page, "leader")
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many wrong passwords")
    expect(page.get_by_text("you cannot log in for 30 minutes")).to_be_visible()
    assert_accessible(page)


def test_the_administrator_lets_a_locked_out_leader_in_again(page):
    # Guessed from another address than the administrator's (here every browser shares one).
    AccessAttempt.objects.create(
        username="leader",
        ip_address="10.0.0.1",
        user_agent="a guesser",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        attempt_time=timezone.now(),
    )
    log_in_by_keyboard(page, "admin")
    page.goto("/administration/")
    press_enter_on(page, page.get_by_role("link", name="Ingrid Lie"))
    expect(page.get_by_role("heading", name="Locked out")).to_be_visible()
    assert_accessible(page)
    press_enter_on(page, page.get_by_role("button", name="Let them log in again"))
    expect(page.get_by_role("status")).to_contain_text("Ingrid Lie can log in again.")
    expect(page.get_by_role("heading", name="Locked out")).to_have_count(0)
    log_out(page)

    log_in_by_keyboard(page, "leader")
