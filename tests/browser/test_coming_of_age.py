"""Sofie Hagen turned 18 in June: the leader is told that a guardian's consent no longer covers her and records her
own consent, and the NAV member on the team sees her again."""

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in, log_out
from tests.browser.test_consent import NAV, open_participant


def test_the_leader_records_the_young_adults_own_consent_and_the_team_sees_her_again(page):
    log_in(page, "member")
    open_participant(page, "Familien Hagen")
    expect(page.get_by_role("table", name="Who is in the household")).not_to_contain_text("Sofie Hagen")
    log_out(page)

    log_in(page, "leader")
    on_start = page.get_by_role("region", name="Coming of age")
    expect(on_start).to_contain_text("Sofie Hagen turned 18 on 14.06.2026")
    on_start.get_by_role("link", name="Familien Hagen").click()
    notice = page.get_by_role("region", name="Coming of age")
    expect(notice).to_contain_text("the team does not see them until they consent themselves")
    assert_accessible(page)
    notice.get_by_role("link", name="Record Sofie Hagen's own consent").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a consent: Familien Hagen")
    expect(page.get_by_label("Who consents")).to_have_value(str(page.url.split("person=")[1]))
    assert_accessible(page)
    expect(page.get_by_label("Date of the consent")).to_have_value(f"{timezone.localdate():%d.%m.%Y}")  # today
    page.get_by_role("group", name="How was the consent given?").get_by_label("In the app, in the meeting").check()
    page.get_by_role("button", name="Record the consent").click()
    expect(page.get_by_role("alert")).to_have_text("Some fields need attention. Nothing has been saved yet.")
    expect(page.get_by_role("main")).to_contain_text("Choose at least one service.")  # nothing chosen yet
    expect(page.get_by_label("Date of the consent")).to_have_value(f"{timezone.localdate():%d.%m.%Y}")  # kept
    page.get_by_role("group", name="The services that may share information about them").get_by_label(NAV).check()
    page.get_by_role("button", name="Record the consent").click()
    expect(page.get_by_role("status")).to_have_text("Sofie Hagen's consent is recorded.")
    expect(page.get_by_role("region", name="Coming of age")).to_have_count(0)
    consents = page.get_by_role("table", name="Consent to share information")
    expect(consents.get_by_role("row", name=f"Sofie Hagen {NAV}")).to_contain_text("Active")
    log_out(page)

    log_in(page, "member")
    open_participant(page, "Familien Hagen")
    expect(page.get_by_role("table", name="Who is in the household")).to_contain_text("Sofie Hagen")
