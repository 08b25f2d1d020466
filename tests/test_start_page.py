"""The investment leader's start page: each participant's next meeting, and the goals and measures due or overdue."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import ROW_SECURITY, Role, make_participant, make_user
from welfarelab.mapping.models import LifeArea, Meeting
from welfarelab.plans.models import Goal, InvestmentPlan, Measure

TODAY = timezone.localdate()
NOON = datetime.time(12)


def with_plan(municipality, leader, referrer, name=None):
    household = make_participant(municipality, leader, referrer, name=name)
    plan = InvestmentPlan.objects.create(household=household)
    area = LifeArea.objects.filter(municipality=municipality).first()
    overdue = Goal.objects.create(
        plan=plan,
        text="Back at school",
        life_area=area,
        indicator="Goes every day",
        target_on=TODAY - datetime.timedelta(days=3),
    )
    Goal.objects.create(
        plan=plan, text="Later goal", life_area=area, indicator="-", target_on=TODAY + datetime.timedelta(days=90)
    )
    common = {"plan": plan, "goal": overdue, "organisation": municipality.organisations.first()}
    Measure.objects.create(
        text="Meeting with the school", starts_on=TODAY, ends_on=TODAY + datetime.timedelta(days=5), **common
    )
    Measure.objects.create(
        text="Already done", starts_on=TODAY, ends_on=TODAY - datetime.timedelta(days=1), status="done", **common
    )
    Measure.objects.create(
        text="Goes on for months", starts_on=TODAY, ends_on=TODAY + datetime.timedelta(days=200), **common
    )
    for days in (10, 3):
        Meeting.objects.create(
            household=household,
            kind=Meeting.Kind.CHECKPOINT,
            planned_at=timezone.now() + datetime.timedelta(days=days),
            created_by=leader,
        )
    return household


def row(response, household):
    follow_up = {r.household.pk: r for r in response.context["follow_up"]}
    return follow_up[household.pk]


def test_the_start_page_shows_what_is_due_or_overdue_and_the_next_meeting(client, municipality, leader, referrer):
    household = with_plan(municipality, leader, referrer, name="The Moe family")
    client.force_login(leader)
    response = client.get(reverse("home"))

    mine = row(response, household)
    assert [item.text for item in mine.due] == ["Back at school", "Meeting with the school"]
    assert [item.late for item in mine.due] == [True, False]
    assert mine.overdue == 1
    assert mine.next_meeting.planned_at.date() == (timezone.now() + datetime.timedelta(days=3)).date()
    page = response.content.decode()
    assert "The Moe family" in page and "1 overdue" in page and "Already done" not in page


def test_another_leaders_participants_are_not_on_my_start_page(client, municipality, leader, referrer):
    other = make_user(municipality, Role.INVESTMENT_LEADER, "koordinerende", "other-leader")
    with_plan(municipality, other, referrer, name="The Moe family")
    client.force_login(leader)
    response = client.get(reverse("home"))
    assert response.context["follow_up"] == []
    assert "The Moe family" not in response.content.decode()


@pytest.mark.parametrize("participants", [3, 25])
def test_the_start_page_uses_the_same_number_of_queries_however_many_participants(
    client, municipality, leader, referrer, django_assert_max_num_queries, participants
):
    for _ in range(participants):
        Meeting.objects.create(
            household=with_plan(municipality, leader, referrer),
            kind=Meeting.Kind.PLAN,
            planned_at=timezone.now() - datetime.timedelta(days=30),
            status=Meeting.Status.HELD,
            created_by=leader,
        )
    InvestmentPlan.objects.update(checkpoint_weeks=6)
    client.force_login(leader)
    with django_assert_max_num_queries(14 + ROW_SECURITY):
        response = client.get(reverse("home"))
    assert len(response.context["follow_up"]) == participants
    assert all(len(r.due) == 2 and r.checkpoint_due for r in response.context["follow_up"])


# The checkpoint rhythm agreed with the family


def held(household, leader, kind, days_ago):
    return Meeting.objects.create(
        household=household,
        kind=kind,
        # At noon that day: a day counted back in hours can land on another date across a change of summer time.
        planned_at=timezone.make_aware(datetime.datetime.combine(TODAY - datetime.timedelta(days=days_ago), NOON)),
        status=Meeting.Status.HELD,
        created_by=leader,
    )


def test_a_checkpoint_is_due_by_the_rhythm_from_the_last_one_held_and_flagged_when_overdue(
    client, municipality, leader, referrer
):
    late = with_plan(municipality, leader, referrer, name="The Moe family")
    on_time = with_plan(municipality, leader, referrer, name="The Berg family")
    InvestmentPlan.objects.filter(household__in=[late, on_time]).update(checkpoint_weeks=6)
    held(late, leader, Meeting.Kind.PLAN, days_ago=60)
    held(on_time, leader, Meeting.Kind.PLAN, days_ago=60)
    held(on_time, leader, Meeting.Kind.CHECKPOINT, days_ago=14)  # the last one held counts
    client.force_login(leader)

    response = client.get(reverse("home"))

    assert row(response, late).checkpoint_due == TODAY - datetime.timedelta(days=60 - 42)
    assert row(response, late).checkpoint_late and row(response, late).overdue == 2
    assert row(response, on_time).checkpoint_due == TODAY + datetime.timedelta(days=42 - 14)
    assert not row(response, on_time).checkpoint_late
    assert "Checkpoint due" in response.content.decode()


def test_without_an_agreed_rhythm_no_checkpoint_is_due(client, municipality, leader, referrer):
    household = with_plan(municipality, leader, referrer)
    held(household, leader, Meeting.Kind.PLAN, days_ago=60)
    client.force_login(leader)

    assert row(client.get(reverse("home")), household).checkpoint_due is None


def test_the_rhythm_is_agreed_on_the_plan_and_the_plan_says_when_the_next_checkpoint_is_due(
    client, municipality, leader, referrer
):
    household = with_plan(municipality, leader, referrer)
    held(household, leader, Meeting.Kind.PLAN, days_ago=10)
    client.force_login(leader)
    plan = InvestmentPlan.objects.get(household=household)

    bad = client.post(reverse("plan_situation", args=[household.pk]), {"situation": "", "checkpoint_weeks": "0"})
    good = client.post(
        reverse("plan_situation", args=[household.pk]), {"situation": "", "checkpoint_weeks": "6", "version": 1}
    )

    assert bad.status_code == 400 and "checkpoint_weeks" in bad.context["form"].errors
    assert good.status_code == 302
    plan.refresh_from_db()
    assert plan.checkpoint_weeks == 6
    page = client.get(reverse("plan", args=[household.pk]))
    assert page.context["checkpoint_due"] == TODAY + datetime.timedelta(days=42 - 10)
    assert not page.context["checkpoint_late"]
