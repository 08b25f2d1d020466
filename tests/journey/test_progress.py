"""Progress: a goal reached is dated, celebrated and on the journey; an additional investment is marked as such."""

from django.urls import reverse

from tests.mapping.conftest import person
from tests.plans.conftest import make_goal, make_measure, today
from tests.plans.test_plan import goal_edit_data, measure_edit_data


def test_a_goal_reached_is_dated_celebrated_and_on_the_journey(client, leader, family):
    goal = make_goal(family, text="Back at school")
    client.force_login(leader)

    response = client.post(
        reverse("goal_edit", args=[family.pk, goal.pk]), goal_edit_data(goal, state="reached"), follow=True
    )

    goal.refresh_from_db()
    assert goal.reached_on == today()
    assert "A goal reached: celebrate it with the family" in response.content.decode()
    journey = client.get(reverse("journey", args=[family.pk])).content.decode()
    assert "Goal reached: Back at school" in journey


def test_a_goal_opened_again_is_no_longer_reached(client, leader, family):
    goal = make_goal(family, state="reached", reached_on=today())
    client.force_login(leader)

    client.post(reverse("goal_edit", args=[family.pk, goal.pk]), goal_edit_data(goal, state="open"))

    goal.refresh_from_db()
    assert goal.reached_on is None


def test_a_goal_of_someone_outside_the_consent_is_not_on_their_journey(client, leader, member, family):

    make_goal(
        family, text="Father sober for a year", person=person(family, "Father"), state="reached", reached_on=today()
    )
    client.force_login(member)

    assert "Father sober for a year" not in client.get(reverse("journey", args=[family.pk])).content.decode()


def test_an_additional_investment_is_marked_on_the_plan(client, leader, family):
    measure = make_measure(family, text="Extra debt counselling")
    client.force_login(leader)

    response = client.post(
        reverse("measure_edit", args=[family.pk, measure.pk]), measure_edit_data(measure, additional="on")
    )

    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.additional
    assert "Additional investment" in client.get(reverse("plan", args=[family.pk])).content.decode()
