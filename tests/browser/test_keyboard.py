"""The capture steps with the keyboard alone: Tab, Shift+Tab, Space, Enter and typing. No clicks, no fill()."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from welfarelab.demo import loader as demo

IS_FOCUSED = "el => el === document.activeElement"
FOCUS_IS_VISIBLE = """() => {
    const ringed = el => {
        const style = getComputedStyle(el);
        return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    };
    const el = document.activeElement;
    // Designsystemet rings a checkbox or radio together with its label, on its own .ds-field; a ring around a
    // whole group of options would not show which one has focus.
    const field = el.matches('[type=checkbox], [type=radio]') ? el.closest('.ds-field') : null;
    return ringed(el) || (field !== null && !field.querySelector('fieldset') && ringed(field));
}"""


def tab_to(page, locator, limit=100):
    """Press Tab until `locator` has focus, as a keyboard user would, and check that the focus can be seen."""
    for _ in range(limit):
        if locator.evaluate(IS_FOCUSED):
            assert page.evaluate(FOCUS_IS_VISIBLE), f"no visible focus on {locator}"
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} cannot be reached with Tab")


def press_enter_on(page, locator):
    tab_to(page, locator)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page, locator, text):
    tab_to(page, locator)
    page.keyboard.type(text)


def check(page, locator):
    """Space ticks a checkbox, or a radio: Tab enters a group of radios at its first one when none is chosen."""
    tab_to(page, locator)
    page.keyboard.press("Space")
    expect(locator).to_be_checked()


def type_date(page, locator, date):
    """A date is typed as the page writes it, day first, whatever the browser's own language."""
    type_into(page, locator, f"{date:%d.%m.%Y}")
    expect(locator).to_have_value(f"{date:%d.%m.%Y}")


def log_in_by_keyboard(page, username):
    page.goto("/login/")
    type_into(page, page.get_by_label("Username"), username)
    type_into(page, page.get_by_label("Password"), demo.PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page):
    log_in_by_keyboard(page, "leader")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert skip_link.evaluate(IS_FOCUSED)
    # Hidden until focused, the link itself appearing is its focus indicator.
    expect(skip_link).to_be_in_viewport()
    box = skip_link.bounding_box()
    assert box["width"] > 100 and box["height"] > 20, box
    page.keyboard.press("Enter")
    assert page.get_by_role("main").evaluate(IS_FOCUSED)
    # The next Tab stop is inside main: the header is skipped.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
    # Shift+Tab leads back into the header.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.querySelector('header').contains(document.activeElement)")


def test_a_referral_can_be_registered_with_the_keyboard_alone(page):
    log_in_by_keyboard(page, "referrer")
    press_enter_on(page, page.get_by_role("main").get_by_role("link", name="Register a referral"))

    type_into(page, page.get_by_label("Household name"), "The Moen family")
    person = page.get_by_role("group", name="Person 1", exact=True)
    type_into(page, person.get_by_label("Given name"), "Jonas")
    type_into(page, person.get_by_label("Family name"), "Moen")
    type_into(page, person.get_by_label("Relation"), "Young")  # type-ahead in the closed list
    expect(person.get_by_label("Relation")).to_have_value("young_person")
    type_date(page, person.get_by_label("Birth date"), datetime.date(2005, 3, 3))
    type_into(page, page.get_by_label("Why now?"), "Dropped out of school and lives in a hostel.")
    type_into(page, page.get_by_label("What is known about the family's situation?"), "No income.")
    type_into(page, page.get_by_label("What has the family been told about this referral?"), "Told and agreed.")
    check(page, page.get_by_role("group", name="Has the family agreed to be contacted").get_by_label("Yes"))
    press_enter_on(page, page.get_by_role("button", name="Register the referral"))

    expect(page.get_by_role("status")).to_contain_text("The referral is registered")
    expect(page.get_by_role("heading", level=1)).to_have_text("Referral: The Moen family")


def test_a_referral_can_be_taken_and_qualified_with_the_keyboard_alone(page):
    log_in_by_keyboard(page, "leader")
    press_enter_on(page, page.get_by_role("link", name="Inbox: 1 new referral"))
    press_enter_on(page, page.get_by_role("link", name="Familien Nilsen"))
    press_enter_on(page, page.get_by_role("button", name="Take this referral"))
    expect(page.get_by_role("status")).to_contain_text("You have taken this referral.")

    press_enter_on(page, page.get_by_role("link", name="Assess qualification"))
    check(page, page.get_by_label("The family wants a change and is ready to commit"))
    type_into(page, page.get_by_label("Note on wanting a change"), "Line wants to keep the flat and find work.")
    check(page, page.get_by_label("The family agrees to lift confidentiality between the services"))
    check(page, page.get_by_label("Complex needs that require several kinds of expertise"))
    check(page, page.get_by_label("A long-term plan with goals and measures makes sense"))
    check(page, page.get_by_role("group", name="Outcome").get_by_label("Qualified"))
    type_into(page, page.get_by_label("Reason"), "School, housing and work at once.")
    type_date(page, page.get_by_label("Assessed on"), timezone.localdate())
    press_enter_on(page, page.get_by_role("button", name="Save the qualification"))

    expect(page.get_by_role("status")).to_contain_text("The qualification is saved.")
    expect(page.get_by_role("region", name="Qualification")).to_contain_text("Qualified")
    # ...and out again, still by keyboard.
    tab_to(page, page.get_by_role("button", name="Log out"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/login/")
