"""The demo that `make run` loads."""

import io

import pytest
from django.core.management import call_command

from welfarelab.access import policy
from welfarelab.capture.models import Referral
from welfarelab.demo import data
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
