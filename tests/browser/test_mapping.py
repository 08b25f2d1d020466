"""The Mapping Tool sheet in a real browser: several people writing on it at once, with the keyboard alone, what
consent lets each of them see, and the sheet as it was left after a meeting. Every page is checked with axe-core."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in, new_context
from welfarelab.mapping import sheet
from welfarelab.mapping.models import Entry, Meeting
from welfarelab.people.models import StaffUser

HAGEN = "Familien Hagen"
CONFLICT = "Someone else changed this note while you were writing. Both texts are kept"
TIMELY = 5_000  # what others write appears within a few seconds; the pages poll every 2 s


@pytest.fixture
def other_page(browser, live_server, page):
    """A second person's browser, next to `page`: its own context, so its own session."""
    context = new_context(browser, live_server)
    other = context.new_page()
    other.set_default_timeout(10_000)
    yield other
    context.close()


def meeting(status="planned", kind=None):
    meetings = Meeting.objects.filter(household__name=HAGEN, status=status)
    return meetings.get(kind=kind) if kind else meetings.get()


def sheet_url(m):
    return f"/participants/{m.household_id}/meetings/{m.pk}/"


def note(text):
    return Entry.objects.get(household__name=HAGEN, text=text)


def open_sheet(page, username, m=None):
    log_in(page, username)
    page.goto(sheet_url(m or meeting()))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mapping Tool")


def textarea(page, entry):
    return page.locator(f"#note-{entry.pk}-text")


def text_in_db(entry):
    return Entry.objects.values_list("text", flat=True).get(pk=entry.pk)


def eventually(page, condition, timeout=TIMELY):
    """Wait until `condition()` holds (checked through the ORM), letting the browser run meanwhile."""
    deadline = time.monotonic() + timeout / 1000
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come true in time"
        page.wait_for_timeout(100)


def test_two_people_writing_on_different_notes_both_are_saved_and_see_each_other(page, other_page):
    dream, grid_note = note("Egen bolig, større enn den vi har"), note("Liten eid leilighet, 70 m2, to rom")
    leader_text, member_text = "Et hus med hage for barna", "Leilighet på 70 m2, for liten for fem"
    open_sheet(page, "leader")
    open_sheet(other_page, "member")
    expect(textarea(page, dream)).to_have_accessible_name("What I dream of")
    expect(textarea(other_page, grid_note)).to_have_accessible_name("Housing: Situation today")

    textarea(page, dream).fill(leader_text)
    textarea(other_page, grid_note).fill(member_text)

    eventually(page, lambda: (text_in_db(dream), text_in_db(grid_note)) == (leader_text, member_text))
    expect(textarea(other_page, dream)).to_have_value(leader_text, timeout=TIMELY)
    expect(textarea(page, grid_note)).to_have_value(member_text, timeout=TIMELY)
    # Each still has its own text, and nobody's page was reloaded.
    expect(textarea(page, dream)).to_have_value(leader_text)
    expect(textarea(other_page, grid_note)).to_have_value(member_text)
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1


DREAM = "En fast stilling på 80–100 %"  # Kari's, whom the NAV member may see
FIRST, SECOND = "En fast stilling på heltid", "En fast jobb nær hjemmet"


def write_on_the_same_note_at_once(page, other_page, entry):
    """The leader writes FIRST and the member SECOND on `entry`, the member before the leader's text reached them."""
    open_sheet(page, "leader")
    open_sheet(other_page, "member")
    # The member's save travels slowly, so that it reaches the server after the leader's.
    held = []
    other_page.route(f"**/notes/{entry.pk}/", lambda route: held.append(route))
    textarea(page, entry).fill(FIRST)
    textarea(other_page, entry).fill(SECOND)
    eventually(page, lambda: text_in_db(entry) == FIRST and held)
    held[0].continue_()
    expect(other_page.locator("#sheet-status")).to_contain_text(CONFLICT, timeout=TIMELY)
    return Entry.objects.get(written_alongside=entry)


def test_two_people_writing_on_the_same_note_at_once_keep_both_texts(page, other_page):
    dream = note(DREAM)
    alongside = write_on_the_same_note_at_once(page, other_page, dream)

    assert (text_in_db(dream), alongside.text, alongside.section, alongside.person) == (
        FIRST,
        SECOND,
        "dreams",
        dream.person,
    )
    # The second writer sees both, and can go on writing their own.
    expect(textarea(other_page, dream)).to_have_value(FIRST)
    expect(textarea(other_page, alongside)).to_have_value(SECOND)
    expect(textarea(other_page, alongside)).to_be_focused()
    # The first writer gets the second text within seconds.
    expect(textarea(page, alongside)).to_have_value(SECOND, timeout=TIMELY)
    expect(textarea(page, dream)).to_have_value(FIRST)


def test_the_text_written_alongside_is_the_note_just_after_the_one_it_was_written_alongside(page, other_page):
    dream = note(DREAM)  # followed by "Egen bolig, større enn den vi har" in the same box
    alongside = write_on_the_same_note_at_once(page, other_page, dream)

    # "Theirs stays in the note, yours is now the note just after it."
    expect(other_page.locator(f"#note-{dream.pk} + .note")).to_have_id(f"note-{alongside.pk}")
    other_page.reload()
    expect(other_page.locator(f"#note-{dream.pk} + .note")).to_have_id(f"note-{alongside.pk}")


IS_FOCUSED = "el => el === document.activeElement"


def test_a_dream_can_be_added_with_the_keyboard_alone(page):
    dream = "Å dra på ferie sammen, alle fem"
    open_sheet(page, "leader")
    # Chromium names it "+ Add : What I dream of": the hidden part is a block, so a space comes before its colon.
    add = page.get_by_role("button", name=re.compile(r"^\+ Add ?: What I dream of$"))
    for _ in range(100):
        if add.evaluate(IS_FOCUSED):
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("the '+ Add: What I dream of' button cannot be reached with Tab")

    page.keyboard.press("Enter")
    new_note = page.locator("[data-place=dreams] .note").last
    expect(new_note.get_by_role("textbox", name="What I dream of")).to_be_focused()
    page.keyboard.type(dream)
    expect(new_note.locator("[data-status]")).to_have_text("Saved", timeout=TIMELY)

    saved = Entry.objects.get(household__name=HAGEN, text=dream)
    assert (saved.section, saved.removed, saved.person) == ("dreams", False, None)
    assert new_note.get_attribute("id") == f"note-{saved.pk}"


@pytest.mark.parametrize(
    "path, heading",
    [
        pytest.param(lambda: sheet_url(meeting()), "Mapping Tool: Checkpoint", id="editable sheet"),
        pytest.param(lambda: sheet_url(meeting("held", "mapping")), "Mapping Tool: 360° mapping", id="held sheet"),
        pytest.param(lambda: f"/participants/{meeting().household_id}/meetings/new/", "Plan a meeting", id="form"),
        pytest.param(lambda: f"/participants/{meeting().household_id}/", HAGEN, id="participant page"),
    ],
)
def test_the_mapping_pages_have_no_accessibility_violations(page, path, heading):
    log_in(page, "leader")
    page.goto(path())
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    if path().endswith("/meetings/new/"):
        expect(page.get_by_role("button", name="Save the meeting")).to_be_visible()
    elif "/meetings/" not in path():
        expect(page.get_by_role("table", name=re.compile("^Meetings and the Mapping Tool"))).to_be_visible()
    assert_accessible(page)


PERS_NOTE = "Sliten, kort lunte"  # Per did not consent to NAV


def test_the_leader_sees_every_note_on_the_sheet(page):
    open_sheet(page, "leader")
    expect(textarea(page, note(PERS_NOTE))).to_have_value(PERS_NOTE)


def test_the_nav_member_sees_only_the_notes_consent_allows(page):
    open_sheet(page, "member")
    # Kari's and the children's notes are there...
    expect(textarea(page, note("Sliten"))).to_have_value("Sliten")
    expect(textarea(page, note("Lei, sliten av lillebroren"))).to_have_value("Lei, sliten av lillebroren")
    # ...Per's are not, nor can the member give a note to Per, nor to Sofie: 18 since June, she has not consented
    # herself, and her mother's consent no longer covers her.
    expect(page.locator(f"#note-{note(PERS_NOTE).pk}")).to_have_count(0)
    assert "kort lunte" not in page.content()
    expect(textarea(page, note("Sliten")).locator("xpath=..").get_by_label("Whose?").locator("option")).to_have_text(
        ["Everyone", "Kari", "Jakob", "Oskar"]
    )
    assert "Idrett: trener mye" not in page.content()  # Sofie's note


def test_a_change_to_a_note_the_member_may_not_see_does_not_reach_the_members_page(page):
    open_sheet(page, "member")
    per_note, leader = note(PERS_NOTE), StaffUser.objects.get(username="leader")
    sheet.write(leader, meeting(), per_note, per_note.version, "Sliten, kort lunte, sover dårlig", per_note.person)
    with page.expect_response(lambda r: "/changes/" in r.url, timeout=TIMELY) as poll:
        pass
    assert "sover dårlig" not in poll.value.text()
    assert "kort lunte" not in page.content()


def test_a_held_meetings_sheet_cannot_be_changed_and_shows_the_text_as_it_was_left(page):
    rewritten = "Trene to ganger i uka hos fysioterapeut →"  # in the plan meeting
    physiotherapy = Entry.objects.get(household__name=HAGEN, text__startswith=rewritten)
    # Written on the next meeting's sheet since: the held sheets do not change with it.
    leader = StaffUser.objects.get(username="leader")
    sheet.write(leader, meeting(), physiotherapy, physiotherapy.version, "Rehabiliteringsprogrammet har startet")
    log_in(page, "leader")

    page.goto(sheet_url(meeting("held", "mapping")))
    expect(page.get_by_text(re.compile("This is the sheet as it was left after this meeting"))).to_be_visible()
    expect(page.get_by_role("textbox")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile(r"^\+ Add"))).to_have_count(0)
    expect(page.locator(f"#note-{physiotherapy.pk} .note__text")).to_have_text(
        "Kari: Trene to ganger i uka hos fysioterapeut"
    )

    page.goto(sheet_url(meeting("held", "plan")))
    expect(page.get_by_role("textbox")).to_have_count(0)
    expect(page.locator(f"#note-{physiotherapy.pk} .note__text")).to_have_text(
        re.compile("^Kari: Trene to ganger i uka hos fysioterapeut →")
    )
    expect(page.get_by_text("Rehabiliteringsprogrammet har startet")).to_have_count(0)
