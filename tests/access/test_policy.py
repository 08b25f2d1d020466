"""What each role may see, tested role by role, through the same functions every view uses."""

import pytest
from django.utils import timezone

from tests.conftest import Role, add_to_team, make_household, make_participant, make_user
from welfarelab.access import policy
from welfarelab.capture.models import Consent
from welfarelab.people.models import Person


@pytest.fixture
def participant(municipality, leader, referrer):
    return make_participant(municipality, leader, referrer, consents=("nav",))


def test_the_investment_leader_sees_the_families_they_lead(leader, participant):
    assert list(policy.households(leader)) == [participant]
    assert set(policy.persons(leader, participant)) == set(participant.members.all())


def test_another_investment_leader_does_not_see_a_family_they_do_not_lead(municipality, participant):
    other_leader = make_user(municipality, Role.INVESTMENT_LEADER)
    assert not policy.households(other_leader).exists()


def test_every_investment_leader_sees_the_untaken_referrals_in_the_inbox(municipality, referrer):
    household = make_household(municipality, referrer)
    other_leader = make_user(municipality, Role.INVESTMENT_LEADER)
    assert list(policy.households(other_leader)) == [household]
    assert [r.household for r in policy.inbox(other_leader)] == [household]


def test_a_taken_referral_leaves_the_other_leaders_view(municipality, referrer, leader):
    make_household(municipality, referrer, taken_by=leader)
    other_leader = make_user(municipality, Role.INVESTMENT_LEADER)
    assert not policy.households(other_leader).exists()
    assert not policy.inbox(other_leader).exists()


def test_a_team_member_with_consent_for_their_organisation_sees_the_family(member, participant):
    add_to_team(participant, member, "nav")
    assert list(policy.households(member)) == [participant]


def test_a_team_member_without_consent_for_their_organisation_sees_nothing(municipality, participant):
    teacher = make_user(municipality, Role.TEAM_MEMBER, "skole")
    add_to_team(participant, teacher, "skole")
    assert not policy.households(teacher).exists()
    assert not policy.persons(teacher, participant).exists()


def test_a_staff_member_not_on_the_team_sees_nothing_even_with_consent(member, participant):
    assert not policy.households(member).exists()


def test_withdrawing_consent_removes_access_at_once(member, participant):
    add_to_team(participant, member, "nav")
    Consent.objects.filter(household=participant).update(withdrawn_at=timezone.now())
    assert not policy.households(member).exists()


def test_a_member_who_left_the_team_sees_nothing(member, participant):
    membership = add_to_team(participant, member, "nav")
    membership.left_on = timezone.localdate()
    membership.save()
    assert not policy.households(member).exists()


def test_a_parents_consent_covers_the_parent_and_the_children_but_not_the_other_parent(
    municipality, leader, referrer, member
):
    household = make_participant(
        municipality,
        leader,
        referrer,
        people=[
            ("Mother", Person.Relation.PARENT, "1985-01-01"),
            ("Father", Person.Relation.PARENT, "1984-01-01"),
            ("Child", Person.Relation.CHILD, "2015-01-01"),
        ],
    )
    add_to_team(household, member, "nav")
    visible = {p.given_name for p in policy.persons(member, household)}
    assert visible == {"Mother", "Child"}


def test_a_young_persons_consent_covers_only_themselves(municipality, leader, referrer, member):
    household = make_participant(
        municipality, leader, referrer, people=[("Jonas", Person.Relation.YOUNG_PERSON, "2006-05-20")]
    )
    add_to_team(household, member, "nav")
    assert [p.given_name for p in policy.persons(member, household)] == ["Jonas"]


@pytest.mark.parametrize("role", [Role.REFERRER, Role.ANALYST, Role.ADMINISTRATOR])
def test_referrers_analysts_and_administrators_see_no_family(municipality, participant, role):
    user = make_user(municipality, role)
    assert not policy.households(user).exists()


def test_a_referrer_sees_only_the_referrals_they_wrote(municipality, referrer, participant):
    other_referrer = make_user(municipality, Role.REFERRER)
    assert list(policy.referrals(referrer)) == [participant.referral]
    assert not policy.referrals(other_referrer).exists()


def test_staff_of_another_municipality_see_nothing(other_municipality, participant):
    for role in Role:
        outsider = make_user(other_municipality, role)
        assert not policy.households(outsider).exists(), role
        assert not policy.referrals(outsider).exists(), role
        assert not policy.inbox(outsider).exists(), role


def test_a_leader_of_another_municipality_sees_none_of_its_inbox(municipality, other_municipality, referrer):
    make_household(municipality, referrer)
    outsider = make_user(other_municipality, Role.INVESTMENT_LEADER)
    assert not policy.households(outsider).exists()


def test_only_the_leader_who_took_a_referral_may_work_on_it(municipality, referrer, leader):
    household = make_household(municipality, referrer, taken_by=leader)
    other_leader = make_user(municipality, Role.INVESTMENT_LEADER)
    assert policy.may(leader, "work_on_referral", household.referral)
    assert not policy.may(other_leader, "work_on_referral", household.referral)
    assert not policy.may(other_leader, "take_referral", household.referral)


@pytest.mark.parametrize("role", [r for r in Role if r != Role.INVESTMENT_LEADER])
def test_only_investment_leaders_take_referrals(municipality, referrer, role):
    household = make_household(municipality, referrer)
    assert not policy.may(make_user(municipality, role), "take_referral", household.referral)


@pytest.mark.parametrize("role", list(Role))
def test_only_administrators_administer_and_read_the_audit_log(municipality, role):
    user = make_user(municipality, role)
    expected = role == Role.ADMINISTRATOR
    assert policy.may(user, "administer") is expected
    assert policy.may(user, "read_audit_log") is expected


def test_a_household_without_a_referral_is_not_in_anyones_inbox(municipality, leader):
    from welfarelab.people.models import Household

    Household.objects.create(municipality=municipality, name="Registered another way")
    assert not policy.households(leader).exists()
