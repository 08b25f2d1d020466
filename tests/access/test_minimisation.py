"""A text for the whole family that names a member is read by everyone who sees the family, also by a team member
whose consent does not cover that member. The goal, measure and investment forms ask the writer to make it the
member's own, or to confirm that it is for the whole family; the decision and agreement forms, to write it without
the name or confirm; the sheet asks beside the note; what nobody confirmed is listed for the leader."""

import pytest
from django.urls import reverse

from tests.conftest import ROW_SECURITY, Role, make_participant, make_user
from tests.mapping.conftest import person
from tests.money.conftest import line_data
from tests.plans.conftest import (
    goal_data,
    make_decision,
    make_goal,
    measure_data,
    note,
    plan_meeting,
    prepare,
    sign_all,
    simple_plan,
)
from welfarelab.access import minimisation
from welfarelab.access.models import AuditEntry, WholeFamilyText
from welfarelab.mapping import sheet
from welfarelab.mapping.models import Entry
from welfarelab.money.models import Investment
from welfarelab.plans import family_texts
from welfarelab.plans.models import Decision, Goal, Measure

QUESTION = (
    "The text names Mother. Choose them here to make it their own, or tick below that it is for the whole family."
)
FIELD = minimisation.FIELD


def test_a_given_name_is_found_as_a_word_only(family):
    mother, father, child = (person(family, n) for n in ("Mother", "Father", "Child"))
    assert minimisation.named("Mother works full time; Father too.", [mother, father, child]) == [mother, father]
    assert minimisation.named("Grandmother helps; the Motherhood group; mother", [mother]) == []
    assert minimisation.named("Mothers pain is less; Mother's job", [mother]) == [mother]  # "Karis", "Kari's"
    assert minimisation.named("Motherss", [mother]) == []
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


# Decisions and what changed in the agreement are always the family's: the question is to write them without the name


def test_a_decision_that_names_a_member_is_asked_about_and_the_writers_word_is_kept(posting, family, leader):
    meeting = plan_meeting(family, leader)
    url = reverse("decisions", args=[family.pk])
    data = {"meeting": meeting.pk, "text": "Mother gets help with the rent", "decided_by": leader.pk}
    response = posting.post(url, data)
    assert response.status_code == 200 and not Decision.objects.exists()
    form = response.context["form"]
    assert form.errors["text"] == [
        "The text names Mother, and everyone who sees the family reads it. Write it without the name, or tick below "
        "that it is for the whole family."
    ]
    assert form["text"].value() == "Mother gets help with the rent"
    assert posting.post(url, data | {FIELD: "on"}).status_code == 302
    decision = Decision.objects.get()
    word = WholeFamilyText.objects.get()
    assert (word.kind, word.object_id, word.confirmed_by) == ("decision", decision.pk, leader)
    assert word.digest == minimisation.digest("Mother gets help with the rent")  # the digest, never the text
    assert family_texts.to_review(family) == []


def test_what_changed_in_the_agreement_is_asked_about_too(posting, family, leader):
    goal, _measure = simple_plan(family)
    sign_all(leader, family, prepare(leader, family))
    Goal.objects.filter(pk=goal.pk).update(indicator="Six months in the job")  # something to agree to anew
    url = reverse("agreement_new", args=[family.pk])
    data = {"reason": "learnt", "explanation": "Father stops the physiotherapy", "language": "en"}
    response = posting.post(url, data)
    assert "The text names Father" in response.context["form"].errors["explanation"][0]
    assert posting.post(url, data | {FIELD: "on"}).status_code == 302
    assert WholeFamilyText.objects.get().kind == "agreementversion"


def test_a_goal_confirmed_for_the_whole_family_is_not_listed_until_its_text_changes(posting, family, leader):
    url, data, _whose, _model = forms(family, leader)["goal"]
    posting.post(url, data | {"text": "Mother starts work in March", FIELD: "on"})
    goal = Goal.objects.get()
    assert family_texts.to_review(family) == []
    Goal.objects.filter(pk=goal.pk).update(text="Mother starts work in April")  # changed without the form
    assert [t.obj for t in family_texts.to_review(family)] == [goal]


# What was written before the forms asked, or on the sheet, is listed for the leader


@pytest.fixture
def written(family, leader, member):
    """Texts written for the whole family before anyone asked, and some that are not to be listed."""
    meeting = plan_meeting(family, leader)
    father = person(family, "Father")
    return {
        "goal": make_goal(family, text="Father works nights"),
        "decision": make_decision(family, meeting, leader, text="Father's debt is paid by the housing office"),
        "note": note(leader, meeting, "today", "Father drinks less since the summer"),
        "own goal": make_goal(family, text="Father works days", person=father),
        "nobody named": make_goal(family, text="A bigger flat"),
        "removed note": sheet.remove(leader, meeting, note(leader, meeting, "now", "Father moves out"), 1) and None,
    }


def test_the_leader_reviews_what_names_a_member_and_sees_who_reads_it_without_seeing_them(
    client, leader, family, written
):
    client.force_login(leader)
    url = reverse("family_texts", args=[family.pk])
    page = client.get(url).content.decode()
    listed = [t.obj for t in family_texts.to_review(family)]
    assert listed == [
        Entry.objects.get(text="Father drinks less since the summer"),
        written["goal"],
        written["decision"],
    ]
    for text in ("Father drinks less since the summer", "Father works nights", "Father&#x27;s debt is paid"):
        assert text in page
    for text in ("Father works days", "A bigger flat", "Father moves out"):
        assert text not in page
    assert page.count("Member reads it, but may not see Father.") == 3  # the NAV member: the mother's consent
    assert AuditEntry.objects.filter(user=leader, detail="texts for the whole family naming a member").exists()


def test_the_leaders_word_takes_a_text_off_the_list_and_is_audited(client, leader, family, written):
    client.force_login(leader)
    url = reverse("family_texts", args=[family.pk])
    goal = written["goal"]
    fields = {"kind": "goal", "id": goal.pk, "digest": minimisation.digest(goal.text)}
    assert client.post(url, fields | {"digest": minimisation.digest("an older text")}).status_code == 302
    assert not WholeFamilyText.objects.exists()  # a text that changed meanwhile is not confirmed unread
    assert client.post(url, fields).status_code == 302
    assert goal not in [t.obj for t in family_texts.to_review(family)]
    assert AuditEntry.objects.filter(
        user=leader, object_type="goal", object_id=str(goal.pk), detail="for the whole family"
    )


def test_a_text_of_another_family_cannot_be_confirmed_through_this_one(client, leader, family, written, municipality):
    other = make_participant(municipality, leader, written["goal"].plan.household.referral.referred_by)
    client.force_login(leader)
    goal = written["goal"]
    fields = {"kind": "goal", "id": goal.pk, "digest": minimisation.digest(goal.text)}
    client.post(reverse("family_texts", args=[other.pk]), fields)
    assert not WholeFamilyText.objects.exists()


@pytest.mark.parametrize(
    "who, refused",
    [("member", 403), ("referrer", 404), ("analyst", 404), ("outsider", 404)],
)
def test_only_the_leader_sees_the_list(client, family, written, member, referrer, other_municipality, who, refused):
    users = {
        "member": member,  # sees the family, does not lead it
        "referrer": referrer,
        "analyst": make_user(family.municipality, Role.ANALYST),
        "outsider": make_user(other_municipality, Role.INVESTMENT_LEADER, "koordinerende"),
    }
    client.force_login(users[who])
    url = reverse("family_texts", args=[family.pk])
    assert client.get(url).status_code == refused
    assert client.post(url, {"kind": "goal", "id": written["goal"].pk, "digest": ""}).status_code == refused
    assert not WholeFamilyText.objects.exists()


def test_the_list_costs_the_same_queries_for_many_texts(client, leader, family, django_assert_max_num_queries):
    client.force_login(leader)
    for n in range(30):
        make_goal(family, text=f"Father's goal {n}")
    with django_assert_max_num_queries(18 + ROW_SECURITY):  # as for one text
        assert client.get(reverse("family_texts", args=[family.pk])).content.decode().count("Father&#x27;s goal") == 30


# The sheet saves a note as it is typed, and asks beside it


def test_a_note_for_everyone_that_names_a_member_asks_beside_it(client, leader, family):
    meeting = plan_meeting(family, leader)
    entry = note(leader, meeting, "today", "")
    client.force_login(leader)
    url = reverse("note_write", args=[family.pk, meeting.pk, entry.pk])
    answer = client.post(url, {"text": "Mother sleeps badly", "version": 1}, headers={"accept": "application/json"})
    assert answer.json()["note"]["naming"] == (
        "This note names Mother, and everyone who sees the family reads it. If it is about them, choose them under "
        "“Whose?”."
    )
    entry.refresh_from_db()
    assert entry.text == "Mother sleeps badly"  # saved as typed: nothing is lost
    page = client.get(reverse("sheet", args=[family.pk, meeting.pk])).content.decode()
    assert "This note names Mother" in page
    mother = person(family, "Mother")
    answer = client.post(
        url, {"text": "Mother sleeps badly", "version": 2, "person": mother.pk}, headers={"accept": "application/json"}
    )
    assert answer.json()["note"]["naming"] == ""
