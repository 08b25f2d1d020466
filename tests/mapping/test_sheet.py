"""The sheet as a living document: notes, history across meetings, and simultaneous writers."""

import pytest

from tests.mapping.conftest import person, plan_meeting
from welfarelab.mapping import meetings, sheet
from welfarelab.mapping.models import Entry, EntryRevision, LifeArea


def texts(the_sheet, key):
    return [n.text for n in the_sheet.place(key).notes]


def grid_key(household, code, column):
    return f"grid:{LifeArea.objects.get(municipality=household.municipality, code=code).pk}:{column}"


def test_a_new_municipality_gets_the_nine_default_life_areas(municipality):
    assert list(LifeArea.objects.filter(municipality=municipality).values_list("name_en", flat=True)) == [
        "Work",
        "Housing",
        "Physical health",
        "Mental health",
        "Economy",
        "School and education",
        "Leisure",
        "Volunteering",
        "Substance use",
    ]


def test_notes_land_in_their_place_and_belong_to_a_family_member(leader, meeting, family):
    child = person(family, "Child")
    sheet.add(leader, meeting, "dreams", "A dog", person=child)
    sheet.add(leader, meeting, grid_key(family, "housing", "now"), "Meet the housing office")
    sheet.add(leader, meeting, "network:friends", "Anna next door", trusted=True)

    the_sheet = sheet.build(leader, meeting)

    assert [(n.text, n.revision.person) for n in the_sheet.place("dreams").notes] == [("A dog", child)]
    assert texts(the_sheet, grid_key(family, "housing", "now")) == ["Meet the housing office"]
    assert the_sheet.place("network:friends").notes[0].revision.trusted


@pytest.mark.parametrize("key", ["nowhere", "network:moon", "grid:999999:now", "by:today", "dreams:x"])
def test_a_note_cannot_be_put_outside_the_sheet(leader, meeting, key):
    with pytest.raises(sheet.UnknownPlace):
        sheet.add(leader, meeting, key, "text")
    assert not Entry.objects.exists()


def test_a_life_area_of_another_municipality_is_not_a_place_on_this_sheet(leader, meeting, other_municipality):
    theirs = LifeArea.objects.filter(municipality=other_municipality).first()
    with pytest.raises(sheet.UnknownPlace):
        sheet.add(leader, meeting, f"grid:{theirs.pk}:now", "text")


def test_the_history_across_three_meetings_is_kept_and_each_sheet_shows_what_changed(leader, family):
    first = plan_meeting(family, leader, days_ago=60)
    job = sheet.add(leader, first, "dreams", "A job")
    flat = sheet.add(leader, first, "difficult", "Cramped flat")
    meetings.finish(leader, first)

    second = plan_meeting(family, leader, days_ago=30)
    sheet.write(leader, second, job, job.version, "A permanent 80% job")
    sheet.add(leader, second, "works", "Good neighbours")
    meetings.finish(leader, second)

    third = plan_meeting(family, leader, days_ago=0)
    flat.refresh_from_db()
    sheet.remove(leader, third, flat, flat.version)

    after_first = sheet.build(leader, first.__class__.objects.get(pk=first.pk))
    assert texts(after_first, "dreams") == ["A job"]
    assert texts(after_first, "difficult") == ["Cramped flat"]
    assert texts(after_first, "works") == []
    assert not after_first.editable

    after_second = sheet.build(leader, second.__class__.objects.get(pk=second.pk))
    (dream,) = after_second.place("dreams").notes
    assert (dream.text, dream.change, dream.before) == ("A permanent 80% job", "changed", "A job")
    assert [(n.text, n.change) for n in after_second.place("works").notes] == [("Good neighbours", "new")]
    assert after_second.since == first

    now = sheet.build(leader, third)
    assert now.editable
    assert texts(now, "difficult") == []
    assert [n.text for n in now.removed] == ["Cramped flat"]
    assert [n.change for n in now.place("dreams").notes] == [""]
    assert EntryRevision.objects.filter(entry=flat).count() == 2  # nothing is lost


def test_a_held_meetings_sheet_cannot_be_written_on(leader, meeting):
    meetings.finish(leader, meeting)
    meeting.refresh_from_db()
    assert not sheet.build(leader, meeting).editable


def test_two_edits_of_different_notes_are_both_saved(leader, member, meeting):
    one = sheet.add(leader, meeting, "dreams", "")
    two = sheet.add(leader, meeting, "works", "")
    sheet.write(leader, meeting, one, 1, "Leader's words")
    sheet.write(member, meeting, two, 1, "Member's words")
    assert set(Entry.objects.values_list("text", flat=True)) == {"Leader's words", "Member's words"}


def test_a_second_edit_of_the_same_note_keeps_both_texts(leader, member, meeting):
    note = sheet.add(leader, meeting, "dreams", "")
    sheet.write(leader, meeting, note, 1, "Leader's words")

    kept, alongside = sheet.write(member, meeting, note, 1, "Member's words")

    assert kept.text == "Leader's words"
    assert alongside.text == "Member's words"
    assert alongside.written_alongside == note
    assert sheet.place_key(alongside) == "dreams"


def test_saving_the_same_words_twice_is_not_a_conflict(leader, member, meeting):
    note = sheet.add(leader, meeting, "dreams", "")
    sheet.write(leader, meeting, note, 1, "Same")
    _kept, alongside = sheet.write(member, meeting, note, 1, "Same")
    assert alongside is None
    assert Entry.objects.count() == 1


def test_writing_on_a_note_someone_removed_keeps_the_text(leader, member, meeting):
    note = sheet.add(leader, meeting, "dreams", "Old")
    assert sheet.remove(leader, meeting, note, 1)
    _kept, alongside = sheet.write(member, meeting, note, 1, "Still wanted")
    assert alongside.text == "Still wanted"


def test_a_note_changed_meanwhile_is_not_removed(leader, member, meeting):
    note = sheet.add(leader, meeting, "dreams", "")
    sheet.write(leader, meeting, note, 1, "Changed")
    assert not sheet.remove(member, meeting, note, 1)
    note.refresh_from_db()
    assert not note.removed


def test_every_change_is_a_revision(leader, meeting):
    note = sheet.add(leader, meeting, "dreams", "")
    sheet.write(leader, meeting, note, 1, "A")
    sheet.write(leader, meeting, note, 2, "AB")
    assert list(note.revisions.values_list("version", "text", "meeting")) == [
        (1, "", meeting.pk),
        (2, "A", meeting.pk),
        (3, "AB", meeting.pk),
    ]


def test_changes_returns_notes_changed_since_a_revision(leader, meeting):
    first = sheet.add(leader, meeting, "dreams", "One")
    seen = sheet.latest_revision(meeting.household)
    second = sheet.add(leader, meeting, "works", "Two")
    latest, notes = sheet.changes(leader, meeting, seen)
    assert second.pk in [n.entry.pk for n in notes]
    assert latest > seen
    assert first.pk in [n.entry.pk for n in notes]  # re-read for a few seconds: late commits still arrive


def test_a_member_does_not_see_notes_of_someone_the_consent_does_not_cover(leader, member, meeting, family):
    sheet.add(leader, meeting, "difficult", "Mother's words", person=person(family, "Mother"))
    sheet.add(leader, meeting, "difficult", "Child's words", person=person(family, "Child"))
    sheet.add(leader, meeting, "difficult", "Father's words", person=person(family, "Father"))
    sheet.add(leader, meeting, "difficult", "The family's words")

    assert texts(sheet.build(member, meeting), "difficult") == ["Mother's words", "Child's words", "The family's words"]
    assert len(texts(sheet.build(leader, meeting), "difficult")) == 4
    _latest, notes = sheet.changes(member, meeting, 0)
    assert "Father's words" not in [n.text for n in notes]


def test_an_inactive_life_area_leaves_the_grid_unless_it_holds_notes(leader, meeting, family):
    areas = LifeArea.objects.filter(municipality=family.municipality)
    areas.filter(code__in=["volunteering", "substance_use"]).update(active=False)
    sheet.add(leader, meeting, grid_key(family, "work", "today"), "Works")
    LifeArea.objects.filter(code="work", municipality=family.municipality).update(active=False)
    shown = [a.code for a, _cells in sheet.build(leader, meeting).rows]
    assert "work" in shown
    assert "volunteering" not in shown
