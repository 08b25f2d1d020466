"""The rules that used to live in views, now in the policy: consents, trusted persons, benefits, assessments
and exits, the start page's goals and measures, and one definition each of leading a family and the inbox."""

import datetime

import pytest

from tests.conftest import Role, make_household, make_participant, make_user, org
from tests.money.test_benefits import make_benefit
from tests.plans.conftest import make_goal, make_measure
from welfarelab.access import policy
from welfarelab.capture.models import Consent
from welfarelab.journey.models import Assessment, Exit, Level
from welfarelab.plans.models import TrustedPerson

DAY = datetime.date(2026, 2, 1)


def _person(household, given):
    return household.members.get(given_name=given)


def test_a_team_member_sees_only_the_consents_of_the_people_they_may_see(family, leader, member):
    father = _person(family, "Father")
    Consent.objects.create(
        household=family,
        given_by=father,
        organisation=org(family.municipality, "skole"),
        given_on=DAY,
        recorded_by=leader,
    )
    assert {c.given_by.given_name for c in policy.consents(member, family)} == {"Mother"}
    assert {c.given_by.given_name for c in policy.consents(leader, family)} == {"Mother", "Father"}


def test_a_team_member_sees_the_trusted_persons_invited_by_the_family_or_by_someone_they_see(family, leader, member):
    for name, inviter in [("Grandmother", None), ("Aunt", "Mother"), ("Friend", "Father")]:
        TrustedPerson.objects.create(
            household=family,
            name=name,
            who="Family",
            invited_by=_person(family, inviter) if inviter else None,
            joined_on=DAY,
        )
    assert {t.name for t in policy.trusted_persons(member, family)} == {"Grandmother", "Aunt"}
    assert {t.name for t in policy.trusted_persons(leader, family)} == {"Grandmother", "Aunt", "Friend"}


def test_a_benefit_of_a_goal_of_someone_hidden_is_hidden_too(family, leader, member):
    mine = make_benefit(make_goal(family, text="The mother works", person=_person(family, "Mother")))
    hidden = make_benefit(make_goal(family, text="The father works", person=_person(family, "Father")))
    shared = make_benefit(make_goal(family, text="The family has a home", code="housing"))
    assert set(policy.benefits(member, family)) == {mine, shared}
    assert set(policy.benefits(leader, family)) == {mine, hidden, shared}


def test_assessments_and_exits_are_the_familys_seen_by_everyone_who_may_see_the_family(family, leader, member):
    assert not policy.persons(member, family).filter(given_name="Father").exists()  # the member sees only some
    assessed = Assessment.objects.create(
        household=family,
        occasion=Assessment.Occasion.JOINING,
        assessed_on=DAY,
        level=Level.VULNERABLE,
        vulnerability=1,
        goal_level=Level.SUSTAINABLE,
        goal_on=DAY.replace(year=2027),
        recorded_by=leader,
    )
    left = Exit.objects.create(
        household=family, kind=Exit.Kind.EARLY, left_on=DAY, consent=Exit.ConsentReview.KEPT, recorded_by=leader
    )
    for user in (leader, member):
        assert list(policy.assessments(user, family)) == [assessed]
        assert list(policy.exits(user, family)) == [left]


def test_the_start_pages_goals_and_measures_are_only_of_the_families_the_leader_leads(
    municipality, leader, referrer, family
):
    other_leader = make_user(municipality, Role.INVESTMENT_LEADER)
    theirs = make_participant(municipality, other_leader, referrer)
    mine, not_mine = make_goal(family), make_goal(theirs)
    measure = make_measure(family)
    make_measure(theirs)
    assert list(policy.led_goals(leader)) == [mine]
    assert list(policy.led_goals(other_leader)) == [not_mine]
    assert list(policy.led_measures(leader)) == [measure]


def _states(municipality, other_municipality, leader, referrer):
    """Households in every state that decides who leads them."""
    other_leader = make_user(municipality, Role.INVESTMENT_LEADER)
    elsewhere = make_user(other_municipality, Role.INVESTMENT_LEADER)
    in_inbox = make_household(municipality, referrer)
    taken_by_leader = make_household(municipality, referrer, taken_by=leader)
    taken_by_other = make_household(municipality, referrer, taken_by=other_leader)
    led_by_leader = make_participant(municipality, leader, referrer)
    led_by_other = make_participant(municipality, other_leader, referrer)
    # Taken by one leader, then handed over to another: the family's leader leads it now.
    handed_over = make_participant(municipality, leader, referrer)
    handed_over.investment_leader = other_leader
    handed_over.save()
    # Given a leader without the referral being taken (as an operator might): no longer in the inbox.
    assigned = make_household(municipality, referrer)
    assigned.investment_leader = other_leader
    assigned.save()
    users = [leader, other_leader, elsewhere, make_user(municipality, Role.TEAM_MEMBER, "nav")]
    households = [in_inbox, taken_by_leader, taken_by_other, led_by_leader, led_by_other, handed_over, assigned]
    return users, households


def test_leading_a_family_has_one_definition_for_one_family_and_for_all(
    municipality, other_municipality, leader, referrer
):
    users, households = _states(municipality, other_municipality, leader, referrer)
    for user in users:
        led = set(policy.led(user))
        for household in households:
            assert policy.leads(user, household) == (household in led), (user, household.name)
            assert policy.may(user, "lead", household) == (household in led)


def test_who_leads_which_family(municipality, other_municipality, leader, referrer):
    users, households = _states(municipality, other_municipality, leader, referrer)
    in_inbox, taken_by_leader, taken_by_other, led_by_leader, led_by_other, handed_over, assigned = households
    assert set(policy.led(leader)) == {in_inbox, taken_by_leader, led_by_leader}
    assert set(policy.led(users[1])) == {in_inbox, taken_by_other, led_by_other, handed_over, assigned}
    assert not policy.led(users[2]).exists()  # another municipality's leader
    assert not policy.led(users[3]).exists()  # a team member leads nobody


def test_the_inbox_has_one_definition(municipality, other_municipality, leader, referrer):
    users, households = _states(municipality, other_municipality, leader, referrer)
    in_inbox = households[0]
    for user in users[:2]:
        assert [r.household for r in policy.inbox(user)] == [in_inbox]
        assert policy.may(user, "take_referral", in_inbox.referral)
        assert set(policy.referrals(user)) >= {in_inbox.referral}
    assert not policy.inbox(users[2]).exists()
    assert not policy.inbox(users[3]).exists()


@pytest.mark.parametrize("action", sorted(policy.ACTIONS))
def test_every_action_is_a_named_function(action):
    assert policy.ACTIONS[action].__name__ != "<lambda>"
