"""Meetings and the sheet over HTTP: who may see and write, what is audited, what is refused."""

import datetime
import statistics
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import Role, make_user
from tests.mapping.conftest import person
from welfarelab.access.models import AuditEntry
from welfarelab.mapping import meetings, sheet
from welfarelab.mapping.models import Entry, LifeArea, Meeting

JSON = {"HTTP_ACCEPT": "application/json"}


def urls(meeting, note=None):
    args = [meeting.household_id, meeting.pk]
    found = {
        "sheet": reverse("sheet", args=args),
        "changes": reverse("sheet_changes", args=args),
        "edit": reverse("meeting_edit", args=args),
    }
    if note:
        found["write"] = reverse("note_write", args=[*args, note.pk])
        found["remove"] = reverse("note_remove", args=[*args, note.pk])
    return found


@pytest.fixture
def outsiders(municipality, other_municipality, referrer):
    return {
        "referrer": referrer,
        "analyst": make_user(municipality, Role.ANALYST),
        "administrator": make_user(municipality, Role.ADMINISTRATOR),
        "another leader": make_user(municipality, Role.INVESTMENT_LEADER, "koordinerende"),
        "a member not on the team": make_user(municipality, Role.TEAM_MEMBER, "nav"),
        "a leader elsewhere": make_user(other_municipality, Role.INVESTMENT_LEADER, "koordinerende"),
    }


@pytest.mark.parametrize(
    "who",
    ["referrer", "analyst", "administrator", "another leader", "a member not on the team", "a leader elsewhere"],
)
def test_only_the_team_opens_or_writes_on_the_sheet(client, outsiders, who, leader, meeting):
    note = sheet.add(leader, meeting, "dreams", "Secret dream")
    client.force_login(outsiders[who])
    pages = urls(meeting, note)
    assert client.get(pages["sheet"]).status_code == 404
    assert client.get(pages["changes"]).status_code == 404
    assert client.get(reverse("sheet_pdf", args=[meeting.household_id, meeting.pk])).status_code == 404
    assert client.post(pages["write"], {"text": "x", "version": 1}).status_code == 404
    assert client.post(pages["remove"], {"version": 1}).status_code == 404
    assert (
        client.post(reverse("note_add", args=[meeting.household_id, meeting.pk]), {"place": "dreams"}).status_code
        == 404
    )
    note.refresh_from_db()
    assert (note.text, note.removed) == ("Secret dream", False)


def test_the_team_member_loses_the_sheet_when_consent_is_withdrawn(client, member, meeting, family):
    client.force_login(member)
    assert client.get(urls(meeting)["sheet"]).status_code == 200
    family.consents.update(withdrawn_at=timezone.now())
    assert client.get(urls(meeting)["sheet"]).status_code == 404


def test_a_member_cannot_open_a_note_of_someone_outside_the_consent(client, leader, member, meeting, family):
    fathers = sheet.add(leader, meeting, "dreams", "Father's dream", person=person(family, "Father"))
    client.force_login(member)
    response = client.get(urls(meeting)["sheet"])
    assert "Father&#x27;s dream" not in response.content.decode()
    assert client.post(urls(meeting, fathers)["write"], {"text": "x", "version": 1}).status_code == 404


def test_a_member_cannot_give_a_note_to_someone_outside_the_consent(client, leader, member, meeting, family):
    note = sheet.add(leader, meeting, "dreams", "")
    client.force_login(member)
    data = {"text": "x", "version": 1, "person": person(family, "Father").pk}
    response = client.post(urls(meeting, note)["write"], data, **JSON)
    assert response.status_code == 400
    assert "Whose?" in response.json()["message"]


def test_viewing_and_writing_are_audited(client, leader, meeting):
    client.force_login(leader)
    client.get(urls(meeting)["sheet"])
    response = client.post(reverse("note_add", args=[meeting.household_id, meeting.pk]), {"place": "dreams"}, **JSON)
    note = Entry.objects.get(pk=response.json()["id"])
    client.post(urls(meeting, note)["write"], {"text": "A house", "version": 1}, **JSON)
    client.post(urls(meeting, note)["remove"], {"version": 2}, **JSON)
    client.get(urls(meeting)["changes"], {"after": 0})
    entries = AuditEntry.objects.filter(household=meeting.household, user=leader).order_by("pk")
    assert list(entries.values_list("action", "object_type", "detail")) == [
        ("view", "meeting", "sheet"),
        ("create", "entry", "sheet note at dreams"),
        ("update", "entry", "sheet note"),
        ("delete", "entry", "sheet note"),
        ("view", "meeting", "sheet changes"),
    ]


def test_a_poll_that_finds_nothing_new_leaves_no_audit_entry(client, leader, meeting):
    client.force_login(leader)
    before = AuditEntry.objects.count()
    response = client.get(urls(meeting)["changes"], {"after": 0})
    assert response.json() == {"latest": 0, "notes": []}
    assert AuditEntry.objects.count() == before


def test_the_second_writer_of_a_note_gets_a_conflict_and_both_texts_are_kept(client, leader, member, meeting):
    note = sheet.add(leader, meeting, "dreams", "")
    sheet.write(leader, meeting, note, 1, "Leader's words")
    client.force_login(member)
    response = client.post(urls(meeting, note)["write"], {"text": "Member's words", "version": 1}, **JSON)
    assert response.status_code == 409
    body = response.json()
    assert "Both texts are kept" in body["message"]
    assert "Leader&#x27;s words" in body["note"]["html"]
    assert "Member&#x27;s words" in body["alongside"]["html"]


def test_a_note_that_is_too_long_is_refused_and_nothing_changes(client, leader, meeting):
    note = sheet.add(leader, meeting, "dreams", "Short")
    client.force_login(leader)
    response = client.post(urls(meeting, note)["write"], {"text": "x" * 4001, "version": 1}, **JSON)
    assert response.status_code == 400
    assert "Note" in response.json()["message"]
    note.refresh_from_db()
    assert note.text == "Short"


def test_a_note_is_added_with_what_was_typed_before_it_reached_the_server(client, leader, meeting, family):
    client.force_login(leader)
    mother = person(family, "Mother")
    data = {"place": "dreams", "text": "A house with a garden", "person": mother.pk}
    response = client.post(reverse("note_add", args=[meeting.household_id, meeting.pk]), data, **JSON)
    assert response.status_code == 200
    note = Entry.objects.get(pk=response.json()["id"])
    assert (note.text, note.person, note.version) == ("A house with a garden", mother, 1)
    assert list(note.revisions.values_list("text", flat=True)) == ["A house with a garden"]
    assert response.json()["version"] == 1


def test_a_note_added_too_long_or_for_someone_outside_the_consent_is_refused(client, member, meeting, family):
    client.force_login(member)
    add = reverse("note_add", args=[meeting.household_id, meeting.pk])
    too_long = client.post(add, {"place": "dreams", "text": "x" * 4001}, **JSON)
    fathers = client.post(add, {"place": "dreams", "text": "x", "person": person(family, "Father").pk}, **JSON)
    assert (too_long.status_code, fathers.status_code) == (400, 400)
    assert "Note" in too_long.json()["message"]
    assert "Whose?" in fathers.json()["message"]
    assert not Entry.objects.exists()


def test_without_javascript_a_note_is_saved_by_its_button(client, leader, meeting):
    note = sheet.add(leader, meeting, "dreams", "")
    client.force_login(leader)
    response = client.post(urls(meeting, note)["write"], {"text": "Typed", "version": 1})
    assert response.status_code == 302
    assert response.url.endswith(f"#note-{note.pk}")
    note.refresh_from_db()
    assert note.text == "Typed"


def test_a_held_meetings_sheet_refuses_writing(client, leader, meeting):
    note = sheet.add(leader, meeting, "dreams", "Kept")
    meetings.finish(leader, meeting)
    client.force_login(leader)
    assert client.post(urls(meeting, note)["write"], {"text": "x", "version": 1}).status_code == 404
    page = client.get(urls(meeting)["sheet"]).content.decode()
    assert "Kept" in page
    assert "<textarea" not in page


def test_the_leader_plans_a_meeting_with_who_is_present(client, leader, member, family):
    client.force_login(leader)
    response = client.post(
        reverse("meeting_new", args=[family.pk]),
        {
            "kind": "mapping",
            "planned_at_0": "01.12.2026",
            "planned_at_1": "10:00",
            "place": "Town hall",
            "staff": [leader.pk, member.pk],
            "family_present": [person(family, "Mother").pk],
            "trusted_person": "Aunt Eva",
            "interpreter": "",
        },
    )
    meeting = Meeting.objects.get()
    assert response.url == urls(meeting)["sheet"]
    assert [(s.member, s.organisation.code) for s in meeting.staff.all()] == [
        (leader, "koordinerende"),
        (member, "nav"),
    ]
    assert list(meeting.family_present.all()) == [person(family, "Mother")]
    page = client.get(urls(meeting)["sheet"]).content.decode()
    assert "Aunt Eva" in page


def test_a_meeting_without_a_date_is_refused_with_what_was_typed_kept(client, leader, family):
    client.force_login(leader)
    response = client.post(reverse("meeting_new", args=[family.pk]), {"kind": "plan", "place": "Library"})
    assert response.status_code == 400
    assert response.context["form"].errors["planned_at"]
    assert 'value="Library"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_stale_change_of_a_meeting_is_refused(client, leader, meeting):
    client.force_login(leader)
    data = {
        "kind": "plan",
        "planned_at_0": "01.12.2026",
        "planned_at_1": "10:00",
        "status": "planned",
        "version": meeting.version,
    }
    assert client.post(urls(meeting)["edit"], data).status_code == 302
    response = client.post(urls(meeting)["edit"], data | {"place": "Elsewhere"})
    assert "Someone else changed this meeting" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.place == ""


def test_only_the_leader_plans_and_closes_meetings(client, member, meeting, family):
    client.force_login(member)
    assert client.get(reverse("meeting_new", args=[family.pk])).status_code == 403
    assert client.post(reverse("meeting_finish", args=[family.pk, meeting.pk])).status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_marking_a_meeting_held_puts_the_sheet_away(client, leader, meeting):
    client.force_login(leader)
    client.post(reverse("meeting_finish", args=[meeting.household_id, meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert meeting.finished_at is not None


def test_meetings_held_are_counted_on_the_participant_list_and_page(client, leader, meeting, family):
    meetings.finish(leader, meeting)
    Meeting.objects.create(household=family, kind="plan", planned_at=timezone.now(), created_by=leader)
    client.force_login(leader)
    listing = client.get(reverse("participants"))
    assert [h.meetings_held for h in listing.context["households"]] == [1]
    page = client.get(reverse("participant", args=[family.pk])).content.decode()
    assert "1 meeting held" in page
    assert "Plan meeting" in page  # the timeline and the meetings table


def test_saving_a_note_answers_in_well_under_100_ms(client, leader, meeting, family):
    area_ids = LifeArea.objects.filter(municipality=family.municipality).values_list("pk", flat=True)
    for area_id in area_ids:
        for column in ("today", "now", "short_term"):
            note = sheet.add(leader, meeting, f"grid:{area_id}:{column}", "A realistic note")
            for version in range(1, 4):
                sheet.write(leader, meeting, note, version, f"A realistic note, version {version}")
    note = sheet.add(leader, meeting, "dreams", "")
    client.force_login(leader)
    timings = []
    for version in range(1, 21):
        started = time.perf_counter()
        response = client.post(urls(meeting, note)["write"], {"text": "x" * version, "version": version}, **JSON)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    assert statistics.median(timings) < 0.1


@pytest.mark.parametrize("past_meetings", [1, 8])
def test_a_sheet_with_a_long_history_opens_with_a_bounded_number_of_queries(
    client, leader, family, django_assert_max_num_queries, past_meetings
):
    key = f"grid:{LifeArea.objects.filter(municipality=family.municipality).first().pk}:now"
    for days_ago in range(past_meetings, 0, -1):
        past = Meeting.objects.create(
            household=family,
            kind="checkpoint",
            planned_at=timezone.now() - datetime.timedelta(days=days_ago),
            created_by=leader,
        )
        for place in ("dreams", "works", "network:family", key):
            note = sheet.add(leader, past, place, f"Written {days_ago} days ago")
            sheet.write(leader, past, note, 1, f"Changed {days_ago} days ago")
        meetings.finish(leader, past)
    today = Meeting.objects.create(household=family, kind="checkpoint", planned_at=timezone.now(), created_by=leader)
    client.force_login(leader)
    with django_assert_max_num_queries(25):
        assert client.get(urls(today)["sheet"]).status_code == 200


def meeting_data(kind, when, **overrides):
    return {
        "kind": kind,
        "planned_at_0": timezone.localtime(when).strftime("%d.%m.%Y"),
        "planned_at_1": timezone.localtime(when).strftime("%H:%M"),
        "place": "The family's kitchen",
        "trusted_person": "",
        "interpreter": "",
    } | overrides


def test_a_new_checkpoint_cannot_be_planned_in_the_past(client, leader, family):
    client.force_login(leader)
    yesterday = timezone.now() - datetime.timedelta(days=1)

    response = client.post(reverse("meeting_new", args=[family.pk]), meeting_data("checkpoint", yesterday))

    assert response.status_code == 400
    assert "A new checkpoint lies ahead: this time has passed." in str(response.context["form"].errors["planned_at"])
    assert "The family&#x27;s kitchen" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_new_checkpoint_or_plan_meeting_ahead_is_planned(client, leader, family):
    client.force_login(leader)
    ahead = timezone.now() + datetime.timedelta(days=7)

    for kind in ("checkpoint", "plan"):
        response = client.post(reverse("meeting_new", args=[family.pk]), meeting_data(kind, ahead))
        assert response.status_code == 302, kind

    assert sorted(Meeting.objects.values_list("kind", flat=True)) == ["checkpoint", "plan"]


@pytest.mark.parametrize("kind", ["mapping", "plan", "team", "exit"])
def test_other_meetings_can_still_be_recorded_after_they_happened(client, leader, family, kind):
    client.force_login(leader)
    last_week = timezone.now() - datetime.timedelta(days=7)

    response = client.post(reverse("meeting_new", args=[family.pk]), meeting_data(kind, last_week))

    assert response.status_code == 302
    assert Meeting.objects.get().kind == kind


def test_a_checkpoint_planned_earlier_can_still_be_changed_after_its_time(client, leader, family):
    checkpoint = Meeting.objects.create(
        household=family,
        kind="checkpoint",
        planned_at=timezone.now() - datetime.timedelta(days=2),
        created_by=leader,
    )
    client.force_login(leader)

    response = client.post(
        reverse("meeting_edit", args=[family.pk, checkpoint.pk]),
        meeting_data("checkpoint", checkpoint.planned_at, place="Town hall", status="held", version=1),
    )

    assert response.status_code == 302
    checkpoint.refresh_from_db()
    assert (checkpoint.place, checkpoint.status) == ("Town hall", "held")
