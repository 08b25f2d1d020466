"""The demo that `make run` loads."""

import io

import pytest
from django.core.management import call_command

from welfarelab.access import policy
from welfarelab.capture.models import Referral
from welfarelab.demo import data
from welfarelab.mapping import sheet
from welfarelab.mapping.models import EntryRevision, Meeting
from welfarelab.people.models import Household, StaffUser


@pytest.fixture
def demo(db):
    data.load()


def test_the_demo_users_exist_with_their_roles(demo):
    roles = dict(StaffUser.objects.values_list("username", "role"))
    assert roles == {
        "admin": "administrator",
        "leader": "investment_leader",
        "member": "team_member",
        "referrer": "referrer",
        "analyst": "analyst",
        "outsider": "investment_leader",
    }
    assert all(u.check_password("demo") for u in StaffUser.objects.all())


def test_the_three_worked_example_families_are_participants_in_asker(demo):
    asker = Household.objects.filter(municipality__slug="asker", joined_on__isnull=False)
    assert {h.name: h.target_group for h in asker} == {
        "The Berg family": "A",
        "Jonas Dahl": "B",
        "The Hagen family": "C",
    }


def test_there_is_a_fresh_referral_in_the_inbox_and_a_declined_family_with_its_reason(demo):
    leader = StaffUser.objects.get(username="leader")
    assert [r.household.name for r in policy.inbox(leader)] == ["The Nilsen family"]
    declined = Referral.objects.get(household__name="The Lund family")
    assert declined.status == "declined" and declined.qualification.reason


def test_the_outsider_sees_only_the_second_municipalitys_family(demo):
    outsider = StaffUser.objects.get(username="outsider")
    assert [h.name for h in policy.households(outsider)] == ["The Vik family"]


def test_loading_the_demo_twice_changes_nothing(demo, settings):
    settings.DEMO_MODE = True
    before = Household.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Household.objects.count() == before


@pytest.mark.parametrize("name", ["The Berg family", "Jonas Dahl", "The Hagen family"])
def test_each_example_family_has_a_sheet_written_over_at_least_two_meetings(demo, name):
    household = Household.objects.get(name=name)
    held = household.meetings.held()
    written_at = {r.meeting_id for r in EntryRevision.objects.filter(household=household)}
    assert held.count() >= 2
    assert len(written_at) >= 2
    assert household.meetings.filter(status=Meeting.Status.PLANNED).exists()  # the next one, ready to write on


def test_the_hagen_sheet_is_the_pilots_filled_in_sheet(demo):
    leader = StaffUser.objects.get(username="leader")
    checkpoint = Meeting.objects.get(household__name="The Hagen family", status=Meeting.Status.PLANNED)
    the_sheet = sheet.build(leader, checkpoint)
    written = [n.text for place in the_sheet.places.values() for n in place.notes]
    assert "Respite care 10 days a month" in written
    assert "A permanent 80–100% position" in written
    assert any(n.revision.trusted for n in the_sheet.place("network:family").notes)
