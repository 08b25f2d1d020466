"""Goals, measures and decisions: made from the sheet, checked with clear messages, never silently overwritten."""

import re

import pytest
from django.urls import reverse

from tests.conftest import make_participant, org
from tests.mapping.conftest import person
from tests.plans.conftest import (
    area,
    days,
    goal_data,
    make_goal,
    make_measure,
    measure_data,
    note,
    plan_meeting,
)
from welfarelab.mapping import sheet
from welfarelab.plans import plan
from welfarelab.plans.models import Decision, Goal, Measure

STALE = "Someone else changed this while you were editing it. Look at it again and save once more."


def new_measure_url(household, source=None):
    return reverse("measure_new", args=[household.pk]) + (f"?from={source.pk}" if source else "")


def new_goal_url(household, source=None):
    return reverse("goal_new", args=[household.pk]) + (f"?from={source.pk}" if source else "")


def goal_edit_data(goal, **overrides):
    return {
        "text": goal.text,
        "main_goal": goal.main_goal_id or "",
        "life_area": goal.life_area_id,
        "indicator": goal.indicator,
        "target_on": goal.target_on.isoformat(),
        "person": goal.person_id or "",
        "state": goal.state,
        "version": goal.version,
    } | overrides


def measure_edit_data(measure, **overrides):
    return {
        "text": measure.text,
        "goal": measure.goal_id or "",
        "organisation": measure.organisation_id or "",
        "responsible": measure.responsible_id or "",
        "family_member": measure.family_member_id or "",
        "how_often": measure.how_often,
        "starts_on": measure.starts_on.isoformat(),
        "ends_on": measure.ends_on.isoformat() if measure.ends_on else "",
        "status": measure.status,
        "version": measure.version,
    } | overrides


# From the Mapping Tool


def test_a_note_under_what_we_will_do_now_becomes_a_measure_with_its_words_prefilled(client, leader, meeting, family):
    mother = person(family, "Mother")
    source = note(leader, meeting, "now", "Apply for job training", person=mother)
    client.force_login(leader)

    response = client.get(new_measure_url(family, source))

    assert response.context["form"].initial == {"text": "Apply for job training", "family_member": mother.pk}
    assert 'value="Apply for job training"' in response.content.decode()


def test_a_measure_made_from_a_note_keeps_the_link_back_to_the_sheet(client, leader, meeting, family):
    source = note(leader, meeting, "now", "Apply for job training")
    client.force_login(leader)

    response = client.post(
        new_measure_url(family, source), measure_data(family, meeting, leader, text="Apply for job training")
    )

    assert response.status_code == 302
    assert Measure.objects.get().source == source
    page = client.get(reverse("plan", args=[family.pk])).content.decode()
    assert f"{reverse('sheet_now', args=[family.pk])}?note={source.pk}" in page


def test_a_long_term_note_becomes_a_goal_in_its_life_area_for_its_person(client, leader, meeting, family):
    mother = person(family, "Mother")
    source = note(leader, meeting, "long_term", "A permanent job", code="work", person=mother)
    client.force_login(leader)

    form = client.get(new_goal_url(family, source)).context["form"]
    assert form.initial == {"text": "A permanent job", "life_area": area(family, "work").pk, "person": mother.pk}

    response = client.post(new_goal_url(family, source), goal_data(family, person=mother.pk))
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert (goal.source, goal.person, goal.text) == (source, mother, "A permanent job")


def housing_note(leader, meeting, active):
    housing = area(meeting.household, "housing")
    source = note(leader, meeting, "short_term", "A flat of our own", code="housing")
    if not active:  # the municipality has since changed its list of life areas; the sheet still has the row
        housing.active = False
        housing.save()
    return housing, source


@pytest.mark.parametrize("active", [True, False], ids=["life area in use", "life area since made inactive"])
def test_a_goal_made_from_a_note_is_offered_and_given_the_notes_life_area(leader, meeting, family, active):
    housing, source = housing_note(leader, meeting, active)

    form = plan.GoalForm(source=source, user=leader, household=family)

    assert (form["life_area"].initial, form["text"].initial) == (housing.pk, "A flat of our own")
    assert housing in form.fields["life_area"].queryset
    data = goal_data(family, life_area=housing.pk, text=source.text)
    posted = plan.GoalForm(data, source=source, user=leader, household=family)
    assert posted.is_valid(), posted.errors
    goal = plan.save_goal(leader, family, **posted.values(), source=source)
    assert (goal.life_area, goal.source) == (housing, source)


@pytest.mark.parametrize("active", [True, False], ids=["life area in use", "life area since made inactive"])
def test_the_goal_form_opened_from_a_note_shows_its_life_area_chosen_and_saves_it(
    client, leader, meeting, family, active
):
    housing, source = housing_note(leader, meeting, active)
    client.force_login(leader)

    page = client.get(new_goal_url(family, source)).content.decode()

    assert re.search(rf'<option value="{housing.pk}" selected>{housing}</option>', page)
    response = client.post(new_goal_url(family, source), goal_data(family, life_area=housing.pk))
    assert response.status_code == 302
    assert Goal.objects.get(source=source).life_area == housing


def test_a_new_goal_is_not_offered_an_inactive_life_area_of_its_own_accord(leader, meeting, family):
    housing, _source = housing_note(leader, meeting, active=False)
    form = plan.GoalForm(user=leader, household=family)
    assert housing not in form.fields["life_area"].queryset


def test_the_plan_offers_the_now_short_and_long_term_notes_not_yet_used(leader, meeting, family):
    now = note(leader, meeting, "now", "Apply for job training")
    short = note(leader, meeting, "short_term", "Driving licence")
    long = note(leader, meeting, "long_term", "A permanent job")
    note(leader, meeting, "today", "Out of work")
    note(leader, meeting, "who", "Anna at NAV")
    note(leader, meeting, "now", "")
    removed = note(leader, meeting, "now", "Taken back")
    sheet.remove(leader, meeting, removed, removed.version)

    assert set(plan.from_sheet(leader, family)) == {now, short, long}


def test_a_note_made_into_a_goal_or_measure_is_no_longer_offered(leader, meeting, family):
    now = note(leader, meeting, "now", "Apply for job training")
    long = note(leader, meeting, "long_term", "A permanent job")
    still_open = note(leader, meeting, "short_term", "Driving licence")

    make_measure(family, source=now)
    make_goal(family, source=long)

    assert list(plan.from_sheet(leader, family)) == [still_open]


def test_a_member_is_not_offered_a_note_of_someone_outside_the_consent(leader, member, meeting, family):
    mothers = note(leader, meeting, "now", "Mother's words", person=person(family, "Mother"))
    note(leader, meeting, "now", "Father's words", person=person(family, "Father"))

    assert list(plan.from_sheet(member, family)) == [mothers]


def test_a_member_cannot_use_a_note_of_someone_outside_the_consent_as_a_source(leader, member, meeting, family):
    fathers = note(leader, meeting, "now", "Father's words", person=person(family, "Father"))

    assert plan.source_note(member, family, str(fathers.pk), plan.MEASURE_COLUMNS) is None
    assert plan.source_note(leader, family, str(fathers.pk), plan.MEASURE_COLUMNS) == fathers


def test_a_member_opening_a_new_measure_from_a_hidden_note_sees_nothing_of_it(client, leader, member, meeting, family):
    fathers = note(leader, meeting, "now", "Father's words", person=person(family, "Father"))
    client.force_login(member)

    response = client.get(new_measure_url(family, fathers))

    assert response.context["form"].initial == {}
    assert "Father&#x27;s words" not in response.content.decode()
    client.post(new_measure_url(family, fathers), measure_data(family, meeting, member))
    assert Measure.objects.get().source is None


def test_a_note_is_a_source_only_for_what_its_column_becomes(leader, meeting, family):
    now = note(leader, meeting, "now", "Apply for job training")
    long = note(leader, meeting, "long_term", "A permanent job")

    assert plan.source_note(leader, family, str(now.pk), plan.GOAL_COLUMNS) is None
    assert plan.source_note(leader, family, str(long.pk), plan.MEASURE_COLUMNS) is None
    assert plan.source_note(leader, family, "not-a-number", plan.MEASURE_COLUMNS) is None
    assert plan.source_note(leader, family, str(long.pk), plan.GOAL_COLUMNS) == long


def test_a_note_of_another_family_is_not_a_source(leader, referrer, municipality, meeting, family):
    other = make_participant(municipality, leader, referrer)
    theirs = note(leader, plan_meeting(other, leader), "now", "Their words")

    assert plan.source_note(leader, family, str(theirs.pk), plan.MEASURE_COLUMNS) is None


# Checked with clear messages, what was typed kept and nothing saved


def test_a_measure_that_ends_before_it_starts_is_refused(client, leader, meeting, family):
    client.force_login(leader)
    data = measure_data(family, meeting, leader, text="Typed words", starts_on=days(10), ends_on=days(5))

    response = client.post(new_measure_url(family), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "ends_on": ["The end comes before the start. Choose an end on or after the start."]
    }
    assert 'value="Typed words"' in response.content.decode()
    assert not Measure.objects.exists()
    assert not Decision.objects.exists()


def test_a_measure_with_nobody_responsible_is_refused(client, leader, meeting, family):
    client.force_login(leader)
    data = measure_data(family, meeting, leader, text="Typed words", organisation="", responsible="", family_member="")

    response = client.post(new_measure_url(family), data)

    assert response.context["form"].errors == {
        "organisation": [
            "Say who is responsible: an organisation, a person on the team or, for the family's own task, "
            "a family member."
        ]
    }
    assert 'value="Typed words"' in response.content.decode()
    assert not Measure.objects.exists()
    assert not Decision.objects.exists()


def test_a_family_members_own_task_needs_no_organisation(client, leader, meeting, family):
    mother = person(family, "Mother")
    client.force_login(leader)

    client.post(
        new_measure_url(family), measure_data(family, meeting, leader, organisation="", family_member=mother.pk)
    )

    measure = Measure.objects.get()
    assert (measure.family_member, measure.organisation, measure.is_family_task) == (mother, None, True)


def test_the_person_responsible_brings_their_organisation(client, leader, member, meeting, family):
    client.force_login(leader)

    client.post(new_measure_url(family), measure_data(family, meeting, leader, organisation="", responsible=member.pk))

    assert Measure.objects.get().organisation == org(family.municipality, "nav")


def test_a_person_responsible_from_another_organisation_is_refused(client, leader, member, meeting, family):
    client.force_login(leader)
    data = measure_data(
        family, meeting, leader, organisation=org(family.municipality, "skole").pk, responsible=member.pk
    )

    response = client.post(new_measure_url(family), data)

    assert list(response.context["form"].errors) == ["responsible"]
    assert not Measure.objects.exists()


def test_a_goal_with_a_target_date_in_the_past_is_refused(client, leader, family):
    client.force_login(leader)

    response = client.post(new_goal_url(family), goal_data(family, text="Typed goal", target_on=days(-1)))

    assert response.context["form"].errors == {
        "target_on": ["The target date has passed. Choose a date ahead, with the family."]
    }
    assert 'value="Typed goal"' in response.content.decode()
    assert not Goal.objects.exists()


def test_a_goal_whose_date_has_passed_can_still_be_changed_without_moving_the_date(client, leader, family):
    goal = make_goal(family, target_on=days(-30))
    client.force_login(leader)

    response = client.post(reverse("goal_edit", args=[family.pk, goal.pk]), goal_edit_data(goal, state="reached"))

    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.state, goal.target_on) == ("reached", days(-30))


def test_a_sub_goal_due_after_its_main_goal_is_refused(client, leader, family):
    main = make_goal(family, target_on=days(100))
    client.force_login(leader)

    data = goal_data(family, text="Typed sub-goal", main_goal=main.pk, target_on=days(120))
    response = client.post(new_goal_url(family), data)

    date = main.target_on.strftime("%d.%m.%Y")
    assert response.context["form"].errors == {
        "target_on": [f"A sub-goal must be reached by its main goal's date: choose {date} or earlier."]
    }
    assert 'value="Typed sub-goal"' in response.content.decode()
    assert list(Goal.objects.all()) == [main]


def test_a_sub_goal_due_with_its_main_goal_is_saved(client, leader, family):
    main = make_goal(family, target_on=days(100))
    client.force_login(leader)

    client.post(new_goal_url(family), goal_data(family, text="Sub-goal", main_goal=main.pk, target_on=days(100)))

    assert list(main.sub_goals.values_list("text", flat=True)) == ["Sub-goal"]


def test_a_main_goal_cannot_be_moved_before_one_of_its_sub_goals(client, leader, family):
    main = make_goal(family, text="Main", target_on=days(100))
    make_goal(family, text="Sub", main_goal=main, target_on=days(80))
    client.force_login(leader)

    response = client.post(reverse("goal_edit", args=[family.pk, main.pk]), goal_edit_data(main, target_on=days(60)))

    assert "The sub-goal “Sub” is due" in response.context["form"].errors["target_on"][0]
    main.refresh_from_db()
    assert main.target_on == days(100)


def test_a_goal_with_sub_goals_stays_a_main_goal(client, leader, family):
    main = make_goal(family, text="Main")
    make_goal(family, text="Sub", main_goal=main, target_on=days(10))
    other = make_goal(family, text="Other")
    client.force_login(leader)

    response = client.post(reverse("goal_edit", args=[family.pk, main.pk]), goal_edit_data(main, main_goal=other.pk))

    assert list(response.context["form"].errors) == ["main_goal"]
    main.refresh_from_db()
    assert main.main_goal is None


# Two people at once


def test_a_goal_changed_meanwhile_is_not_overwritten(client, leader, member, family):
    goal = make_goal(family, text="Before")
    url = reverse("goal_edit", args=[family.pk, goal.pk])
    client.force_login(member)
    assert client.post(url, goal_edit_data(goal, text="The member's words")).status_code == 302
    client.force_login(leader)

    response = client.post(url, goal_edit_data(goal, text="The leader's words"))  # from version 1, now stale

    assert response.status_code == 200
    assert STALE in response.content.decode()
    goal.refresh_from_db()
    assert (goal.text, goal.version) == ("The member's words", 2)


def test_a_measure_changed_meanwhile_is_not_overwritten(client, leader, member, family):
    measure = make_measure(family, text="Before")
    url = reverse("measure_edit", args=[family.pk, measure.pk])
    client.force_login(member)
    assert client.post(url, measure_edit_data(measure, status="under_way")).status_code == 302
    client.force_login(leader)

    response = client.post(url, measure_edit_data(measure, text="The leader's words", status="done"))

    assert STALE in response.content.decode()
    measure.refresh_from_db()
    assert (measure.text, measure.status, measure.version) == ("Before", "under_way", 2)


def test_an_edit_without_the_version_seen_is_refused(client, leader, family):
    goal = make_goal(family, text="Before")
    client.force_login(leader)

    response = client.post(reverse("goal_edit", args=[family.pk, goal.pk]), goal_edit_data(goal, text="x", version=""))

    assert STALE in response.content.decode()
    goal.refresh_from_db()
    assert goal.text == "Before"


def test_the_situation_changed_meanwhile_is_not_overwritten(client, leader, member, family):
    url = reverse("plan_situation", args=[family.pk])
    client.force_login(member)
    assert client.post(url, {"situation": "The member's words", "version": 1}).status_code == 302
    client.force_login(leader)

    response = client.post(url, {"situation": "The leader's words", "version": 1})

    assert response.status_code == 400
    assert STALE in response.content.decode()
    assert plan.plan_of(family).situation == "The member's words"


def test_the_checkpoint_rhythm_reads_as_weeks_between_checkpoints_in_bokmaal(client, leader, family):
    client.force_login(leader)
    client.cookies["django_language"] = "nb"
    html = client.get(reverse("plan", args=[family.pk])).content.decode()
    assert "Uker mellom sjekkpunktene" in html and "(uke)" not in html


# Decisions


def test_a_new_measure_is_a_decision_in_the_chosen_meeting_under_the_deciders_authority(client, leader, member, family):
    family.team.filter(member=member).update(authority="Financial support up to 50 000 kr")
    earlier, later = plan_meeting(family, leader, days_ago=30), plan_meeting(family, leader)
    client.force_login(leader)

    client.post(new_measure_url(family), measure_data(family, earlier, member, text="Job training"))

    measure = Measure.objects.get()
    decision = measure.decision
    assert (decision.meeting, decision.decided_by, decision.recorded_by) == (earlier, member, leader)
    assert decision.authority == "Financial support up to 50 000 kr"
    assert decision.text == "Measure: Job training"
    assert decision.household == family
    assert later.decisions.count() == 0


def test_the_leader_decides_as_investment_leader(client, leader, meeting, family):
    client.force_login(leader)

    client.post(new_measure_url(family), measure_data(family, meeting, leader))

    assert Measure.objects.get().decision.authority == "Investment leader"


def test_a_member_with_no_authority_written_down_decides_for_their_organisation(
    client, leader, member, meeting, family
):
    client.force_login(leader)

    client.post(new_measure_url(family), measure_data(family, meeting, member))

    assert Measure.objects.get().decision.authority == str(org(family.municipality, "nav"))


def test_someone_who_left_the_team_cannot_be_named_as_deciding(client, leader, member, meeting, family):
    family.team.filter(member=member).update(left_on=days(-1), left_reason="Moved on")
    client.force_login(leader)

    response = client.post(new_measure_url(family), measure_data(family, meeting, member))

    assert list(response.context["form"].errors) == ["decided_by"]
    assert not Decision.objects.exists()


def test_a_measure_cannot_be_decided_in_a_cancelled_meeting(client, leader, meeting, family):
    meeting.status = "cancelled"
    meeting.save()
    client.force_login(leader)

    response = client.post(new_measure_url(family), measure_data(family, meeting, leader))

    assert list(response.context["form"].errors) == ["meeting"]
    assert "Plan the meeting first" in response.content.decode()


def test_the_decision_log_groups_decisions_by_meeting_latest_first(client, leader, member, family):
    earlier, later = plan_meeting(family, leader, days_ago=30), plan_meeting(family, leader)
    client.force_login(leader)
    client.post(new_measure_url(family), measure_data(family, earlier, leader, text="Decision A"))
    client.post(new_measure_url(family), measure_data(family, later, member, text="Decision B"))
    client.post(new_measure_url(family), measure_data(family, earlier, leader, text="Decision C"))

    page = client.get(reverse("decisions", args=[family.pk])).content.decode()

    order = [
        f'id="meeting-{later.pk}"',
        "Measure: Decision B",
        f'id="meeting-{earlier.pk}"',
        "Measure: Decision A",
        "Measure: Decision C",
    ]
    assert [page.index(text) for text in order] == sorted(page.index(text) for text in order)
    assert page.count("<table") == 2


def test_a_decision_without_a_measure_can_be_recorded(client, leader, member, meeting, family):
    client.force_login(member)

    response = client.post(
        reverse("decisions", args=[family.pk]),
        {"meeting": meeting.pk, "text": "We meet every month", "decided_by": leader.pk},
    )

    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.text, decision.decided_by, decision.recorded_by) == ("We meet every month", leader, member)
    assert decision.authority == "Investment leader"
    assert not decision.measures.exists()
    assert "We meet every month" in client.get(reverse("decisions", args=[family.pk])).content.decode()


def test_a_decision_without_what_was_decided_is_refused(client, leader, meeting, family):
    client.force_login(leader)

    response = client.post(reverse("decisions", args=[family.pk]), {"meeting": meeting.pk, "decided_by": leader.pk})

    assert list(response.context["form"].errors) == ["text"]
    assert not Decision.objects.exists()
