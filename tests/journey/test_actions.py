"""The journey's records take values and the principal, not forms: the same rules whichever door calls them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.plans.conftest import days, make_goal
from welfarelab.journey import assessments, events, exits, progress
from welfarelab.journey.models import Assessment, Domain, Exit, Level, ProgressCheck, UnexpectedEvent
from welfarelab.plans.models import Goal


def _father(family):
    return family.members.get(given_name="Father")


def test_an_unexpected_event_is_recorded_with_values(member, family):
    event = events.record(member, family, happened_on=days(-1), what="Lost the flat", seriousness="serious")
    assert (event.household, event.recorded_by) == (family, member)


def test_a_future_day_a_missing_text_and_someone_hidden_are_each_named_and_nothing_is_saved(member, family):
    with pytest.raises(ValidationError) as refused:
        events.record(member, family, happened_on=days(1), what="", seriousness="serious", person=_father(family))
    assert set(refused.value.error_dict) == {"happened_on", "what", "person"}
    assert not UnexpectedEvent.objects.exists()


def test_a_progress_check_with_values_marks_a_reached_goal(leader, family):
    goal = make_goal(family)
    check, reached = progress.record(leader, family, goal, checked_on=days(0), progress="reached", note="Signed")
    goal.refresh_from_db()
    assert reached and goal.state == Goal.State.REACHED and goal.reached_on == check.checked_on


def test_a_goal_the_principal_may_not_see_cannot_be_checked_and_a_bad_check_is_named(leader, member, family):
    hidden = make_goal(family, person=_father(family))
    with pytest.raises(PermissionDenied):
        progress.record(member, family, hidden, checked_on=days(0), progress="on_track")
    with pytest.raises(ValidationError) as refused:
        progress.record(leader, family, hidden, checked_on=days(1), progress="somehow")
    assert set(refused.value.error_dict) == {"checked_on", "progress"}
    assert not ProgressCheck.objects.exists()


def _assessment(**overrides):
    domains = {domain: {"level": Level.VULNERABLE, "reason": "As it is"} for domain in Domain}
    values = {
        "occasion": Assessment.Occasion.JOINING,
        "assessed_on": days(-1),
        "level": Level.VULNERABLE,
        "vulnerability": 2,
        "goal_level": Level.SUSTAINABLE,
        "goal_on": days(300),
        "domains": domains,
    }
    return values | overrides


def test_an_assessment_is_recorded_and_changed_with_values(leader, family):
    assessed = assessments.save(leader, family, **_assessment())
    assert assessed.domains.count() == len(Domain)
    changed = assessments.save(leader, family, **_assessment(reason="Looked again"), assessment=assessed, version=1)
    assert (changed.version, changed.reason) == (2, "Looked again")
    with pytest.raises(ValidationError, match="Someone else"):
        assessments.save(leader, family, **_assessment(reason="From an old page"), assessment=assessed, version=1)


def test_every_wrong_value_of_an_assessment_is_named_and_nothing_is_saved(leader, family):
    domains = _assessment()["domains"] | {Domain.CHILDREN: {"level": None}, Domain.HEALTH: {"level": 9}}
    with pytest.raises(ValidationError) as refused:
        assessments.save(
            leader, family, **_assessment(assessed_on=days(1), goal_on=days(0), domains=domains, occasion="follow_up")
        )
    assert set(refused.value.error_dict) == {
        "assessed_on",
        "goal_on",
        "occasion",
        f"{Domain.CHILDREN}_level",
        f"{Domain.HEALTH}_level",
    }
    assert not Assessment.objects.exists()


def test_leaving_with_values_names_every_unmet_item_of_the_checklist(leader, family):
    with pytest.raises(ValidationError) as refused:
        exits.leave(leader, family, kind=Exit.Kind.CLOSED, left_on=days(1), consent=Exit.ConsentReview.KEPT)
    assert set(refused.value.error_dict) == {
        "left_on",
        "handed_over",
        "follow_up_on",
        "goals_reached",
        "benefits_checked",
        "consent_until",
        "__all__",  # no assessment at exit yet
    }
    left = exits.leave(
        leader,
        family,
        kind=Exit.Kind.EARLY,
        left_on=days(0),
        consent="kept",
        consent_until=days(90),
        reason="Moved away",
    )
    family.refresh_from_db()
    assert family.left_on == left.left_on
    with pytest.raises(ValidationError) as refused:
        exits.reopen(leader, family, left, reopened_on=days(-400), reopen_reason="")
    assert set(refused.value.error_dict) == {"reopened_on", "reopen_reason"}
    assert exits.reopen(leader, family, left, reopened_on=days(0), reopen_reason="Back").reopened_by == leader
