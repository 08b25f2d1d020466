"""Browser tests: Playwright driving Debian's Chromium against the live test server."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import sync_playwright

from welfarelab.demo import loader as demo

CHROMIUM = "/usr/bin/chromium"
AXE = (Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js").read_text()

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in the test are
# still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run `make test`, which installs it.")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo_data(transactional_db):
    demo.load()


def new_context(browser, live_server, language="en", locale="en-GB"):
    """A browser of its own (its own session), whose user has picked `language` in the header, as the
    assertions read English; None for a first visit, when the municipality's language is shown.
    `locale` is the browser's own language."""
    # bypass_csp lets the tests inject axe-core; the pages themselves keep their strict policy.
    context = browser.new_context(
        base_url=live_server.url, locale=locale, viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    if language:
        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    return context


@pytest.fixture
def page(browser, live_server, demo_data):
    context = new_context(browser, live_server)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def log_in(page, username, password=demo.PASSWORD):
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.keyboard.press("Enter")
    # "**/" alone also matches /login/ itself, so it returned before the login had happened.
    page.wait_for_url(lambda url: "/login/" not in url)


def axe_violations(page):
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the current page."""
    page.add_script_tag(content=AXE)
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})" for v in result["violations"]
    ]


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, f"{page.url}: " + "; ".join(violations)


def log_out(page):
    # Found by the form, not the button's text, so that it works in every language.
    page.locator("form[action='/logout/'] button").click()
    page.wait_for_url("**/login/")
