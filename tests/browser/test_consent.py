"""Withdrawing consent takes effect at once, in the browser: the team member from that service loses the family."""

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in, log_out

NAV = "NAV office (labour, welfare, social assistance)"


def open_participant(page, household):
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Participants").click()
    page.get_by_role("table", name="Participants you may see").get_by_role("link", name=household).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(household)


def test_withdrawing_the_nav_consent_hides_the_family_from_the_nav_team_member(page):
    # Before: the NAV member on the Berg family's team sees Maria Berg.
    log_in(page, "member")
    open_participant(page, "Familien Berg")
    expect(page.get_by_role("table", name="Who is in the household")).to_contain_text("Maria Berg")
    berg_page = page.url
    log_out(page)

    # The investment leader records that Maria withdraws her consent for NAV.
    log_in(page, "leader")
    open_participant(page, "Familien Berg")
    page.get_by_role("link", name=f"Withdraw Maria Berg's consent for {NAV}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw consent")
    expect(page.get_by_role("main")).to_contain_text(f"Maria Berg withdraws the consent that {NAV} may share")
    assert_accessible(page)
    page.get_by_label("Note (optional)").fill("Said so in the follow-up meeting.")
    page.get_by_role("button", name="Withdraw the consent").click()

    expect(page.get_by_role("status")).to_have_text(
        f"Consent withdrawn: {NAV} can no longer see information about Maria Berg."
    )
    withdrawn = f"Withdrawn {timezone.localdate():%d.%m.%Y}"
    expect(page.get_by_role("table", name="Consent to share information").get_by_role("row", name=NAV)).to_contain_text(
        withdrawn
    )
    expect(page.get_by_role("region", name="The journey so far")).to_contain_text(
        f"Consent withdrawn: Maria Berg: {NAV}"
    )
    log_out(page)

    # After: the NAV member no longer finds the family, but still sees the Hagen family, whose consent stands.
    log_in(page, "member")
    expect(page.get_by_role("main")).not_to_contain_text("Familien Berg")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Participants").click()
    participants = page.get_by_role("table", name="Participants you may see")
    expect(participants).to_contain_text("Familien Hagen")
    expect(participants).not_to_contain_text("Familien Berg")
    response = page.goto(berg_page)
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("main")).not_to_contain_text("Maria Berg")
    assert_accessible(page)
