"""The plan's goals, measures, decisions, situation, team and agreement take values and the principal, not forms."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import Role, make_user, org
from tests.plans.conftest import area, days, make_goal, simple_plan
from welfarelab.access.models import AuditEntry
from welfarelab.plans import agreement, plan, team
from welfarelab.plans.models import Decision, Goal, Measure, Signature


def test_a_goal_and_its_sub_goal_from_values(leader, family):
    main = plan.save_goal(
        leader, family, text="A job", life_area=area(family), indicator="A contract", target_on=days(300)
    )
    sub = plan.save_goal(
        leader, family, text="A course", life_area=area(family), indicator="Passed", target_on=days(100), main_goal=main
    )
    assert sub.main_goal == main and main.version == 1
    with pytest.raises(ValidationError) as refused:
        plan.save_goal(
            leader,
            family,
            text="A job",
            life_area=area(family),
            indicator="A contract",
            target_on=days(50),
            goal=main,
            version=1,
        )
    assert set(refused.value.error_dict) == {"target_on"}  # before its sub-goal
    assert Goal.objects.get(pk=main.pk).target_on == days(300)


def test_a_past_date_an_empty_text_and_someone_hidden_are_named(member, family):
    father = family.members.get(given_name="Father")
    with pytest.raises(ValidationError) as refused:
        plan.save_goal(
            member, family, text="", life_area=area(family), indicator="x", target_on=days(-1), person=father
        )
    assert set(refused.value.error_dict) == {"text", "target_on", "person"}
    assert not Goal.objects.exists()


def test_a_measure_is_decided_in_a_meeting_by_someone_who_may_decide(leader, family, meeting, municipality):
    outsider = make_user(municipality, Role.TEAM_MEMBER, "skole")
    values = {"text": "Job training", "starts_on": days(0), "organisation": org(municipality, "nav")}
    with pytest.raises(ValidationError) as refused:
        plan.save_measure(leader, family, **values)
    assert set(refused.value.error_dict) == {"meeting"}
    with pytest.raises(ValidationError) as refused:
        plan.save_measure(leader, family, **values, meeting=meeting, decided_by=outsider, ends_on=days(-1))
    assert set(refused.value.error_dict) == {"decided_by", "ends_on"}
    assert not Measure.objects.exists() and not Decision.objects.exists()
    measure = plan.save_measure(leader, family, **values, meeting=meeting, decided_by=leader, goal=make_goal(family))
    assert measure.decision.decided_by == leader and measure.decision.meeting == meeting


def test_a_decision_and_the_situation_from_values(leader, family, meeting, municipality):
    outsider = make_user(municipality, Role.TEAM_MEMBER, "skole")
    with pytest.raises(ValidationError) as refused:
        plan.record_decision(leader, family, meeting=meeting, text="Monthly", decided_by=outsider)
    assert set(refused.value.error_dict) == {"decided_by"}
    assert plan.record_decision(leader, family, meeting=meeting, text="Monthly", decided_by=leader).authority
    the_plan = plan.save_situation(leader, family, situation="In our words", checkpoint_weeks=6, version=1)
    assert (the_plan.version, the_plan.checkpoint_weeks) == (2, 6)
    with pytest.raises(ValidationError):
        plan.save_situation(leader, family, situation="From an old page", checkpoint_weeks=6, version=1)


def test_someone_joins_the_team_for_their_own_organisation(leader, family, municipality, other_municipality):
    teacher = make_user(municipality, Role.TEAM_MEMBER, "skole")
    stranger = make_user(other_municipality, Role.TEAM_MEMBER, "nav")
    nav_member = family.team.get().member
    for someone, organisation, field in [
        (stranger, None, "member"),  # another municipality's
        (make_user(municipality, Role.ANALYST), None, "member"),  # not someone who works with families
        (nav_member, None, "member"),  # already on the team
        (teacher, org(municipality, "nav"), "organisation"),  # not their own organisation
    ]:
        with pytest.raises(ValidationError) as refused:
            team.add_member(leader, family, member=someone, organisation=organisation, joined_on=days(0))
        assert set(refused.value.error_dict) == {field}
    with pytest.raises(ValidationError) as refused:
        team.add_member(leader, family, member=teacher, joined_on=days(0), team="nowhere")
    assert set(refused.value.error_dict) == {"team"}
    assert family.team.count() == 1

    membership = team.add_member(leader, family, member=teacher, joined_on=days(0), reason="The school")
    assert membership.organisation == org(municipality, "skole")
    assert AuditEntry.objects.filter(action="create", object_type="teammembership", actor_id=leader.pk).exists()


def test_a_trusted_person_is_invited_by_someone_of_the_family_the_principal_sees(leader, member, family):
    father = family.members.get(given_name="Father")
    mother = family.members.get(given_name="Mother")
    with pytest.raises(ValidationError) as refused:
        team.invite_trusted_person(member, family, name="", who="Grandmother", invited_by=father, joined_on=days(0))
    assert set(refused.value.error_dict) == {"name", "invited_by"}  # the NAV member does not see the father
    trusted = team.invite_trusted_person(
        leader, family, name="Kari", who="Grandmother", invited_by=mother, joined_on=days(0)
    )
    assert trusted.household == family


def test_leaving_is_dated_after_joining_and_says_why(leader, member, family):
    membership = family.team.get(member=member)
    with pytest.raises(ValidationError) as refused:
        team.leave(
            leader, family, membership, left_on=membership.joined_on - datetime.timedelta(days=1), left_reason=" "
        )
    assert set(refused.value.error_dict) == {"left_on", "left_reason"}
    with pytest.raises(ValidationError) as refused:
        team.leave(leader, family, membership, left_on=days(0), left_reason="x" * 301)
    assert set(refused.value.error_dict) == {"left_reason"}
    membership.refresh_from_db()
    assert membership.left_on is None


def test_an_agreement_is_prepared_and_signed_from_values(leader, member, family):
    simple_plan(family)
    with pytest.raises(ValidationError) as refused:
        agreement.prepare(leader, family, reason="learnt", language="sv")
    assert set(refused.value.error_dict) == {"reason", "language"}  # the first version is the first agreement
    version = agreement.prepare(leader, family, reason="first", language="nn")
    father = family.members.get(given_name="Father")

    with pytest.raises(ValidationError) as refused:
        agreement.sign(leader, family, version, signer=father, method="paper", signed_on=days(1))
    assert set(refused.value.error_dict) == {"signed_on", "scan"}
    with pytest.raises(ValidationError) as refused:
        agreement.sign(leader, family, version, signer=father, method="app", signed_on=days(0))
    assert set(refused.value.error_dict) == {"agrees"}
    with pytest.raises(ValidationError, match="Only the investment leader signs for the municipality"):
        agreement.sign(leader, family, version, signer=member, method="app", agrees=True, signed_on=days(0))
    assert not Signature.objects.exists()

    agreement.sign(leader, family, version, signer=father, method="app", agrees=True, signed_on=days(0))
    assert Signature.objects.get().person == father
    with pytest.raises(ValidationError, match="This signature is already recorded"):
        agreement.sign(leader, family, version, signer=father, method="app", agrees=True, signed_on=days(0))
