"""Progress checks: how a goal is going against what success looks like, recorded by the team as far as the
consent lets them see the goal; a check that finds the goal reached marks it reached on that day."""

import pytest
from django.urls import reverse

from tests.conftest import Role, make_participant, make_user
from tests.mapping.conftest import person
from tests.plans.conftest import days, make_goal
from tests.plans.test_performance import queries
from welfarelab.access.models import AuditEntry
from welfarelab.journey.models import ProgressCheck
from welfarelab.plans.models import Goal


def check_data(**overrides):
    return {"checked_on": days(0).isoformat(), "progress": "on_track", "note": "Two job interviews this month"} | (
        overrides
    )


def check(client, household, goal, **overrides):
    return client.post(reverse("progress_new", args=[household.pk, goal.pk]), check_data(**overrides))


def test_anyone_on_the_team_who_sees_the_goal_records_a_check_and_the_plan_shows_it(client, member, family):
    goal = make_goal(family, text="A permanent job", indicator="A contract is signed")
    client.force_login(member)
    form = client.get(reverse("progress_new", args=[family.pk, goal.pk]))
    assert form.status_code == 200
    assert "Against what success looks like: A contract is signed" in form.content.decode()

    response = check(client, family, goal)

    assert response.status_code == 302
    assert response.url == reverse("plan", args=[family.pk]) + f"#goal-{goal.pk}"
    recorded = ProgressCheck.objects.get()
    assert (recorded.goal, recorded.recorded_by, recorded.progress, recorded.checked_on) == (
        goal,
        member,
        "on_track",
        days(0),
    )
    goal.refresh_from_db()
    assert (goal.state, goal.reached_on) == (Goal.State.OPEN, None)
    page = client.get(response.url).content.decode()
    assert "The progress check is recorded." in page
    assert "Last progress check" in page and "On track. Two job interviews this month" in page
    assert "A goal reached" not in page
    assert AuditEntry.objects.filter(
        user=member, household=family, action="create", object_type="progresscheck", object_id=str(recorded.pk)
    ).exists()
    viewed = AuditEntry.objects.filter(user=member, action="view", object_type="goal", object_id=str(goal.pk))
    assert viewed.filter(detail="progress check form").exists()


def test_a_goal_of_someone_outside_the_consent_cannot_be_checked_by_the_member(client, leader, member, family):
    goal = make_goal(family, text="Father sober for a year", person=person(family, "Father"))
    client.force_login(member)

    assert client.get(reverse("progress_new", args=[family.pk, goal.pk])).status_code == 404
    assert check(client, family, goal).status_code == 404
    assert not ProgressCheck.objects.exists()

    client.force_login(leader)
    assert check(client, family, goal).status_code == 302
    assert ProgressCheck.objects.get().recorded_by == leader


def test_a_goal_of_another_family_is_not_found(client, leader, family, municipality, referrer):
    other = make_participant(municipality, leader, referrer, name="The Other family")
    goal = make_goal(other)
    client.force_login(leader)

    assert check(client, family, goal).status_code == 404
    assert not ProgressCheck.objects.exists()


def test_staff_of_another_municipality_find_nothing(client, family, other_municipality):
    goal = make_goal(family)
    client.force_login(make_user(other_municipality, Role.INVESTMENT_LEADER))

    assert check(client, family, goal).status_code == 404
    assert not ProgressCheck.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("checked_on", days(1).isoformat(), "Record a check that has been made: choose today or earlier."),
        ("progress", "", "This field is required."),
        ("progress", "great", "Select a valid choice."),
    ],
)
def test_a_bad_check_is_refused_with_the_message_and_what_was_typed_kept(client, leader, family, field, value, message):
    goal = make_goal(family)
    client.force_login(leader)

    response = check(client, family, goal, **{field: value})

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert "Two job interviews this month" in response.content.decode()
    assert not ProgressCheck.objects.exists()


def test_a_check_that_finds_the_goal_reached_marks_it_reached_on_the_day_and_celebrates(client, leader, family):
    goal = make_goal(family, text="Back at school")
    client.force_login(leader)

    response = client.post(
        reverse("progress_new", args=[family.pk, goal.pk]),
        check_data(progress="reached", checked_on=days(-3).isoformat(), note="Goes every day"),
        follow=True,
    )

    goal.refresh_from_db()
    assert (goal.state, goal.reached_on, goal.version) == (Goal.State.REACHED, days(-3), 2)
    page = response.content.decode()
    assert "A goal reached: celebrate it with the family, and plan the next goals." in page
    assert "Reached on" in page
    assert reverse("progress_new", args=[family.pk, goal.pk]) not in page, "a reached goal is not checked again"
    assert AuditEntry.objects.filter(user=leader, action="update", object_type="goal", detail="goal reached").exists()
    assert "Goal reached: Back at school" in client.get(reverse("journey", args=[family.pk])).content.decode()


def test_a_second_reached_check_keeps_the_day_the_goal_was_reached(client, leader, family):
    goal = make_goal(family, state=Goal.State.REACHED, reached_on=days(-10))
    client.force_login(leader)

    response = client.post(
        reverse("progress_new", args=[family.pk, goal.pk]), check_data(progress="reached"), follow=True
    )

    goal.refresh_from_db()
    assert goal.reached_on == days(-10)
    assert "A goal reached" not in response.content.decode()
    assert ProgressCheck.objects.count() == 1


def test_the_plan_shows_the_latest_check_by_its_date(client, leader, family):
    goal = make_goal(family)
    client.force_login(leader)
    check(client, family, goal, checked_on=days(-2).isoformat(), progress="slower", note="The newest")
    check(client, family, goal, checked_on=days(-30).isoformat(), progress="stuck", note="An older one, entered late")

    page = client.get(reverse("plan", args=[family.pk])).content.decode()

    assert "Slower than hoped. The newest" in page
    assert "An older one, entered late" not in page


def goals_with_checks(household, leader, count):
    for n in range(count):
        goal = make_goal(household, text=f"Goal {n}", target_on=days(30 + n))
        ProgressCheck.objects.bulk_create(
            ProgressCheck(goal=goal, checked_on=days(-k), progress="on_track", note=f"Check {k}", recorded_by=leader)
            for k in (1, 2, 3)
        )


@pytest.mark.parametrize("page", ["plan", "timeline"])
def test_the_plan_queries_do_not_grow_with_the_goals_checked(client, leader, municipality, referrer, page):
    one = make_participant(municipality, leader, referrer, name="One goal")
    ten = make_participant(municipality, leader, referrer, name="Ten goals")
    goals_with_checks(one, leader, 1)
    goals_with_checks(ten, leader, 10)
    client.force_login(leader)
    assert "Last progress check" in client.get(reverse("plan", args=[ten.pk])).content.decode()

    assert queries(client, reverse(page, args=[ten.pk])) == queries(client, reverse(page, args=[one.pk]))
