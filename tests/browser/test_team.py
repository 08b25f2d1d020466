"""Adding a team member in the browser: choosing the person fills in the organisation they represent."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in
from welfarelab.people.models import Household, StaffUser


def test_choosing_a_member_fills_in_their_organisation(page):
    member = StaffUser.objects.get(username="member")
    household = Household.objects.filter(investment_leader__username="leader").exclude(team__member=member).first()
    log_in(page, "leader")
    page.goto(f"/participants/{household.pk}/team/add/")
    page.locator("#id_member").select_option(str(member.pk))
    expect(page.locator("#id_organisation")).to_have_value(str(member.organisation_id))
    assert_accessible(page)
