"""A text for the whole family that names a member is read by everyone who sees the family, also by a team member
whose consent does not cover that member. The goal, measure and investment forms ask the writer to make it the
member's own, or to confirm that it is for the whole family."""

import pytest
from django.urls import reverse

from tests.mapping.conftest import person
from tests.money.conftest import line_data
from tests.plans.conftest import goal_data, measure_data, plan_meeting
from welfarelab.access import minimisation
from welfarelab.money.models import Investment
from welfarelab.plans.models import Goal, Measure

QUESTION = (
    "The text names Mother. Choose them here to make it their own, or tick below that it is for the whole family."
)
FIELD = minimisation.FIELD


def test_a_given_name_is_found_as_a_word_only(family):
    mother, father, child = (person(family, n) for n in ("Mother", "Father", "Child"))
    assert minimisation.named("Mother works full time; Father too.", [mother, father, child]) == [mother, father]
    assert minimisation.named("Grandmother helps; the Mothers' group; mother", [mother]) == []
    assert minimisation.named("", [mother]) == []


@pytest.fixture
def posting(client, leader):
    client.force_login(leader)
    return client


def forms(family, leader):
    meeting = plan_meeting(family, leader)
    return {
        "goal": (reverse("goal_new", args=[family.pk]), goal_data(family), "person", Goal),
        "measure": (
            reverse("measure_new", args=[family.pk]),
            measure_data(family, meeting, leader),
            "family_member",
            Measure,
        ),
        "investment": (reverse("investment_new", args=[family.pk]), line_data(family), "person", Investment),
    }


@pytest.mark.parametrize("kind", ["goal", "measure", "investment"])
def test_a_text_for_the_whole_family_that_names_a_member_is_asked_about(posting, family, leader, kind):
    url, data, whose, model = forms(family, leader)[kind]
    text = "what" if kind == "investment" else "text"
    named = data | {text: "Mother starts work in March"}

    response = posting.post(url, named)
    assert response.status_code in (200, 400)
    form = response.context["form"]
    assert form.errors[whose] == [QUESTION]
    assert form[text].value() == "Mother starts work in March"  # what was typed is kept
    assert 'type="checkbox" name="for_the_whole_family"' in response.content.decode()
    assert not model.objects.exists()

    assert posting.post(url, named | {FIELD: "on"}).status_code == 302  # confirmed: for the whole family
    mother = person(family, "Mother")
    assert posting.post(url, named | {whose: mother.pk}).status_code == 302  # or made hers
    kept = model.objects.order_by("pk")
    assert [getattr(row, whose) for row in kept] == [None, mother]


def test_a_text_naming_nobody_is_not_asked_about_and_the_question_is_hidden(posting, family, leader):
    url, data, _whose, _model = forms(family, leader)["goal"]
    page = posting.get(url).content.decode()
    assert 'type="hidden" name="for_the_whole_family"' in page
    assert posting.post(url, data).status_code == 302


def test_a_member_the_writer_may_not_see_is_not_named_to_them(client, family, member, leader):
    """The NAV member does not see the father: the question would tell them of him, so it is not asked (the
    text is for the whole family, as they write it)."""
    client.force_login(member)
    data = goal_data(family, text="Father works nights")
    assert client.post(reverse("goal_new", args=[family.pk]), data).status_code == 302
