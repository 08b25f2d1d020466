"""The family's own door in Chromium, on a phone and on a desktop: through ID-porten (the installation's own
OpenID provider, by the same redirects as production) to the plan, the consents and who has looked."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, new_context
from welfarelab.portal import test_idporten

NAV = "NAV office (labour, welfare, social assistance)"
MARIA, EMIL, JONAS = "12848600006", "03891900170", "20850600083"


@pytest.fixture
def door(browser, live_server, demo_data):
    """A browser of its own at the door's width, with ID-porten's client knowing the live server's address."""
    test_idporten.register_client([f"{live_server.url}/my/login/{town}/done/" for town in ("asker", "baerum")])
    contexts = []

    def open_at(width):
        context = new_context(browser, live_server)
        contexts.append(context)
        page = context.new_page()
        page.set_viewport_size({"width": width, "height": 800})
        page.set_default_timeout(10_000)
        return page

    yield open_at
    for context in contexts:
        context.close()


def through_id_porten(page, number, next_page="/my/"):
    """From the door's login, by keyboard alone: ID-porten's login page, a typed number, Enter."""
    page.goto(next_page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your page at the Welfare Lab")
    assert_accessible(page)
    page.get_by_role("link", name="Log in with ID-porten (Asker)").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("ID-porten (test)")
    assert_accessible(page)
    page.get_by_label("Or another synthetic identity number").focus()
    page.keyboard.type(number)
    with page.expect_navigation(url=lambda url: "/o/" not in url):
        page.keyboard.press("Enter")


def assert_fits(page):
    """Nothing wider than the screen: a phone scrolls down, never sideways."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


@pytest.mark.parametrize("width", [360, 1280])
def test_maria_reads_her_plan_and_takes_back_a_consent_herself(door, width):
    page = door(width)
    through_id_porten(page, MARIA)
    expect(page.get_by_role("heading", level=1)).to_have_text("My plan")
    expect(page.get_by_role("main")).to_contain_text("Hello, Maria.")
    expect(page.get_by_role("main")).to_contain_text("This is the plan you agreed on.")
    assert_accessible(page)
    assert_fits(page)

    page.get_by_role("navigation", name="My pages").get_by_role("link", name="Consents").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consents")
    expect(page.get_by_role("main")).to_contain_text("You agreed to take part in the lab")
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("link", name=f"Take back your consent for {NAV}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Take back your consent for {NAV}")
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("button", name="Yes, take it back").click()
    expect(page.get_by_role("status")).to_have_text(
        f"Your consent is withdrawn. {NAV} can no longer see information about you from today."
    )
    expect(page.get_by_role("link", name=f"Take back your consent for {NAV}")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("navigation", name="My pages").get_by_role("link", name="Who has looked").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has looked at my data")
    log = page.get_by_role("list").filter(has_text="You, on your own page")
    expect(log.first).to_contain_text("You, on your own page changed a consent.")
    expect(log.first).to_contain_text("Ingrid Lie")
    assert_accessible(page)
    assert_fits(page)

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("status")).to_have_text("You are logged out.")
    page.goto("/my/consents/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your page at the Welfare Lab")


def test_a_child_of_seven_is_not_let_in_and_is_told_so_politely(door):
    page = door(360)
    through_id_porten(page, EMIL)
    expect(page.get_by_role("heading", level=1)).to_have_text("We did not find you")
    assert_accessible(page)
    assert_fits(page)


def test_jonas_signs_the_new_version_of_his_plan_on_his_phone_with_bankid(door, live_server):
    from tests.plans.conftest import make_goal, prepare
    from welfarelab.people.models import Household, StaffUser

    jonas = Household.objects.get(name="Jonas Dahl")
    make_goal(jonas, text="Førerkort innen sommeren")
    leader = StaffUser.objects.get(pk=jonas.investment_leader_id)
    version = prepare(leader, jonas, reason="learnt", explanation="Et nytt mål: førerkort.", language="nb")
    page = door(360)
    through_id_porten(page, JONAS)  # MinID, level substantial
    expect(page.get_by_role("main")).to_contain_text(f"Version {version.number} of the plan is ready")
    page.get_by_role("link", name=f"Read and sign version {version.number}").click()
    # Signing needs level high: ID-porten asks again, offering only the ways in that give it.
    expect(page.get_by_role("heading", level=1)).to_have_text("ID-porten (test)")
    expect(page.get_by_label("MinID (level substantial)")).to_have_count(0)
    page.get_by_label("Or another synthetic identity number").fill(JONAS)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Sign version {version.number} of the plan")
    expect(page.get_by_role("main")).to_contain_text("Førerkort innen sommeren")
    assert_accessible(page)
    assert_fits(page)
    page.get_by_role("button", name="Sign the plan").click()
    expect(page.get_by_role("main")).to_contain_text("Tick the box")
    assert_accessible(page)
    page.get_by_label("I have read the plan and agree to it.").check()
    page.get_by_role("button", name="Sign the plan").click()
    expect(page.get_by_role("status")).to_have_text(f"You have signed version {version.number} of the plan. Thank you.")
    assert version.signatures.get().method == "idporten"
