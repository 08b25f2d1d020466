"""The plan's goals, measures, decisions and situation take values and the principal, not forms."""

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import Role, make_user, org
from tests.plans.conftest import area, days, make_goal
from welfarelab.plans import plan
from welfarelab.plans.models import Decision, Goal, Measure


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
