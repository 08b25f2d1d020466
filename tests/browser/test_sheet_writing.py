"""Writing on the sheet at full speed: nothing typed is lost or moved, however fast the typist or slow the network,
and a note added and left empty does not stay as an empty box."""

import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, new_context
from tests.conftest import FAMILY, add_to_team, make_participant
from tests.mapping.conftest import plan_meeting
from welfarelab.mapping import meetings, sheet
from welfarelab.mapping.models import Entry, EntryRevision, LifeArea

PASSWORD = "a long test password"
TEXT = "Søke om kommunal bolig, og snakke med veilederen hos NAV om startlån"
ADD = "**/notes/"  # the note_add URL; a note's own URLs go on after it


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = new_context(browser, live_server)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def meeting(municipality, leader, referrer, member):
    household = make_participant(municipality, leader, referrer, people=FAMILY)
    add_to_team(household, member, "nav")
    return plan_meeting(household, leader)


def open_sheet(page, meeting):
    log_in(page, "leader", PASSWORD)
    page.goto(f"/participants/{meeting.household_id}/meetings/{meeting.pk}/")


def add_button(page, place):
    return page.locator(f"[data-place='{place}'] > .place__add button")


def notes_on(page, place):
    return page.locator(f"[data-place='{place}'] .note")


def entries(meeting):
    return Entry.objects.filter(household=meeting.household)


def eventually(page, condition, timeout=5_000):
    deadline = time.monotonic() + timeout / 1000
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come true in time"
        page.wait_for_timeout(100)


def assert_one_note_with_the_whole_text(page, meeting, place="dreams"):
    eventually(page, lambda: list(entries(meeting).values_list("text", flat=True)) == [TEXT])
    saved = entries(meeting).get()
    assert (saved.removed, saved.section) == (False, place.partition(":")[0])
    expect(notes_on(page, place)).to_have_count(1)
    expect(notes_on(page, place)).to_have_id(f"note-{saved.pk}")
    expect(page.locator(f"#note-{saved.pk}-text")).to_have_value(TEXT)
    expect(page.locator(f"#note-{saved.pk} [data-status]")).to_have_text("Saved")
    # Its history starts with text: no empty note was ever made.
    assert "" not in EntryRevision.objects.filter(entry=saved).values_list("text", flat=True)
    return saved


def slow(delay):
    def answer_late(route):
        route.request.frame.page.wait_for_timeout(delay)
        route.continue_()

    return answer_late


@pytest.mark.parametrize("delay", [0, 1000], ids=["quick network", "a second to make the note"])
def test_typing_at_once_after_add_puts_every_keystroke_in_one_note(page, meeting, delay):
    open_sheet(page, meeting)
    if delay:
        page.route(ADD, slow(delay))

    add_button(page, "dreams").click()
    page.keyboard.type(TEXT)  # at full speed: its spaces once pressed "+ Add" again

    assert_one_note_with_the_whole_text(page, meeting)


def test_what_is_typed_while_the_note_is_being_made_is_saved_after_it(page, meeting):
    open_sheet(page, meeting)
    held = []
    page.route(ADD, lambda route: held.append(route))
    add_button(page, "dreams").click()
    first, rest = TEXT[:10], TEXT[10:]
    page.keyboard.type(first)
    eventually(page, lambda: held)

    page.keyboard.type(rest)  # the server has not answered yet
    expect(notes_on(page, "dreams").locator("textarea")).to_be_focused()
    held[0].continue_()

    saved = assert_one_note_with_the_whole_text(page, meeting)
    assert list(EntryRevision.objects.filter(entry=saved).values_list("text", flat=True)) == [first, TEXT]


def test_the_note_added_with_the_keyboard_takes_its_first_keystroke(page, meeting):
    open_sheet(page, meeting)
    add_button(page, "dreams").focus()
    page.route(ADD, slow(1000))

    page.keyboard.press("Enter")
    page.keyboard.type(TEXT)

    expect(notes_on(page, "dreams").get_by_role("textbox", name="What I dream of")).to_be_focused()
    assert_one_note_with_the_whole_text(page, meeting)


def test_a_note_added_and_left_empty_is_not_kept(page, meeting):
    open_sheet(page, meeting)
    add_button(page, "dreams").click()
    expect(notes_on(page, "dreams")).to_have_count(1)

    page.keyboard.press("Tab")

    expect(notes_on(page, "dreams")).to_have_count(0)
    expect(add_button(page, "dreams")).to_be_visible()
    page.wait_for_timeout(500)
    assert not entries(meeting).exists()


def test_a_note_added_written_and_emptied_again_is_taken_off_when_left(page, meeting):
    open_sheet(page, meeting)
    add_button(page, "dreams").click()
    page.keyboard.type("A dog")
    eventually(page, lambda: entries(meeting).filter(text="A dog").exists())
    note = notes_on(page, "dreams")
    expect(note.locator("[data-status]")).to_have_text("Saved")

    note.locator("textarea").fill("")
    add_button(page, "difficult").focus()

    expect(notes_on(page, "dreams")).to_have_count(0)
    eventually(page, lambda: entries(meeting).get().removed)
    page.reload()
    expect(notes_on(page, "dreams")).to_have_count(0)


def test_an_added_note_is_kept_while_its_person_is_chosen(page, meeting):
    open_sheet(page, meeting)
    add_button(page, "dreams").click()
    page.keyboard.type(TEXT)
    note = notes_on(page, "dreams")
    expect(note.locator("[data-status]")).to_have_text("Saved")

    note.get_by_label("Whose?").select_option(label="Mother")

    eventually(page, lambda: entries(meeting).filter(person__given_name="Mother").exists())
    assert_one_note_with_the_whole_text(page, meeting)


def test_the_by_date_of_a_column_is_offered_again_when_its_added_note_is_left_empty(page, meeting):
    open_sheet(page, meeting)
    add = add_button(page, "by:short_term")
    add.click()
    expect(add).to_be_hidden()

    page.keyboard.press("Tab")

    expect(add).to_be_visible()
    expect(notes_on(page, "by:short_term")).to_have_count(0)


def test_a_grid_note_typed_at_once_is_saved_in_its_cell(page, meeting):
    housing = LifeArea.objects.get(municipality=meeting.household.municipality, code="housing")
    place = f"grid:{housing.pk}:now"
    open_sheet(page, meeting)
    page.route(ADD, slow(1000))

    add_button(page, place).click()
    page.keyboard.type(TEXT)

    saved = assert_one_note_with_the_whole_text(page, meeting, place)
    assert (saved.life_area, saved.column) == (housing, "now")


LONG_WORD = "https://www.nav.no/" + "a" * 181  # 200 characters, no space to break at


def inside(inner, outer):
    return outer["x"] - 1 <= inner["x"] and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1


def apart(one, other):
    return one["x"] + one["width"] <= other["x"] + 1 or other["x"] + other["width"] <= one["x"] + 1


@pytest.mark.parametrize("held", [False, True], ids=["sheet being written", "sheet of a held meeting"])
def test_a_long_word_stays_inside_its_box_and_leaves_the_next_one_free(page, meeting, leader, held):
    housing = LifeArea.objects.get(municipality=meeting.household.municipality, code="housing")
    today = f"grid:{housing.pk}:today"
    for place in ("good_at", "network:friends", today):
        sheet.add(leader, meeting, place, LONG_WORD)
    if held:
        meetings.finish(leader, meeting)
    open_sheet(page, meeting)

    for place, box, next_box, next_place in [
        ("good_at", ".box--good_at", ".box--dreams", "dreams"),
        ("network:friends", ".circle--2", ".circle--3", "network:leisure"),
        (today, f"[data-place='{today}']", f"[data-place='grid:{housing.pk}:now']", f"grid:{housing.pk}:now"),
    ]:
        text = page.locator(f"[data-place='{place}'] .note__text")
        expect(text).to_be_visible()
        assert inside(text.bounding_box(), page.locator(box).bounding_box()), place
        assert apart(text.bounding_box(), page.locator(next_box).bounding_box()), place
        if not held:  # nothing covers the buttons beside it
            add_button(page, place).click(trial=True, timeout=2_000)
            add_button(page, next_place).click(trial=True, timeout=2_000)
