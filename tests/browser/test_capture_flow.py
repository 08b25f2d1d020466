"""The capture flow in a real browser, in English: a referrer registers a family, an investment leader takes
it through qualification, the explanatory conversation and joining. Every page is checked with axe-core."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in, log_out

HOUSEHOLD = "The Solberg family"
WHY_NOW = "The grandmother has taken over the care of Mia and needs help from several services at once."
WHAT_IS_KNOWN = "Mia has changed school twice this year. The grandmother has a small pension."
FAMILY_TOLD = "Told about the Welfare Lab at the health clinic; wants to hear more."
NAV = "NAV office (labour, welfare, social assistance)"
CHILD_WELFARE = "Child welfare service"


def person_box(page, number):
    return page.get_by_role("group", name=f"Person {number}", exact=True)


def fill_person(page, number, given, family, relation, birth_date, national_id=""):
    box = person_box(page, number)
    box.get_by_label("Given name").fill(given)
    box.get_by_label("Family name").fill(family)
    box.get_by_label("Relation").select_option(label=relation)
    box.get_by_label("Birth date").fill(f"{birth_date:%d.%m.%Y}")
    box.get_by_label("National identity number").fill(national_id)


def fill_referral_texts(page):
    page.get_by_label("Household name").fill(HOUSEHOLD)
    page.get_by_label("Why now?").fill(WHY_NOW)
    page.get_by_label("What is known about the family's situation?").fill(WHAT_IS_KNOWN)
    page.get_by_label("What has the family been told about this referral?").fill(FAMILY_TOLD)
    page.get_by_role("group", name="Has the family agreed to be contacted").get_by_label("Yes").check()


def submit(page, button):
    # Waiting for the load state alone can return on the old page, before the POST has left.
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def expect_message(page, text):
    expect(page.get_by_role("status")).to_contain_text(text)


def log_in_checking_the_login_page(page, username):
    page.goto("/login/")
    assert_accessible(page)
    log_in(page, username)


def test_a_referral_becomes_a_participant(page):
    today = timezone.localdate()

    # The referrer registers the family.
    log_in_checking_the_login_page(page, "referrer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Rita")
    assert_accessible(page)
    page.get_by_role("link", name="Register a referral").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register a referral")
    assert_accessible(page)
    fill_referral_texts(page)
    fill_person(page, 1, "Astrid", "Solberg", "Parent or guardian", datetime.date(1932, 1, 2), "02013299997")
    fill_person(page, 2, "Mia", "Solberg", "Child", datetime.date(2016, 5, 14))
    submit(page, "Register the referral")

    expect_message(page, "The referral is registered and in the Welfare Lab's inbox.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Referral: {HOUSEHOLD}")
    expect(page.get_by_text("New, in the inbox")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    # The investment leader finds it in the inbox and takes it.
    log_in(page, "leader")
    assert_accessible(page)
    page.get_by_role("link", name="Inbox: 2 new referrals").click()
    inbox = page.get_by_role("table", name="The Welfare Lab's inbox")
    expect(inbox.get_by_role("row", name=HOUSEHOLD)).to_contain_text("Child health clinic and school health service")
    assert_accessible(page)
    inbox.get_by_role("link", name=HOUSEHOLD).click()

    expect(page.get_by_text(WHY_NOW)).to_be_visible()
    expect(page.get_by_text(FAMILY_TOLD)).to_be_visible()
    expect(page.get_by_role("table", name="Who is in the household")).to_contain_text("Astrid Solberg")
    assert_accessible(page)
    submit(page, "Take this referral")
    expect_message(page, "You have taken this referral.")
    expect(page.get_by_text("Investment leader: Ingrid Lie")).to_be_visible()

    # Qualification: every criterion met.
    page.get_by_role("link", name="Assess qualification").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Qualification: {HOUSEHOLD}")
    assert_accessible(page)
    page.get_by_label("The family wants a change and is ready to commit").check()
    page.get_by_label("The family agrees to lift confidentiality between the services").check()
    page.get_by_label("Complex needs that require several kinds of expertise").check()
    page.get_by_label("A long-term plan with goals and measures makes sense").check()
    page.get_by_role("group", name="Outcome").get_by_label("Qualified").check()
    page.get_by_label("Reason").fill("Several services are involved and the grandmother wants one plan.")
    page.get_by_label("Assessed on").fill(f"{today:%d.%m.%Y}")
    submit(page, "Save the qualification")
    expect_message(page, "The qualification is saved.")
    expect(page.get_by_role("region", name="Qualification")).to_contain_text("Qualified")

    # The explanatory conversation.
    page.get_by_role("link", name="Record the explanatory conversation").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Explanatory conversation")
    assert_accessible(page)
    page.get_by_label("Date").fill(f"{today:%d.%m.%Y}")
    page.get_by_label("What was explained").fill("One team, one plan, at the family's pace.")
    page.get_by_role("group", name="The family's answer").get_by_label("Wants to join").check()
    submit(page, "Save the conversation")
    expect_message(page, "The conversation is recorded.")
    expect(page.get_by_role("table", name="Explanatory conversations")).to_contain_text("Wants to join")

    # The participation agreement and consent.
    page.get_by_role("link", name="Record the agreement and consent").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Joining: {HOUSEHOLD}")
    assert_accessible(page)
    page.get_by_label("Date of the agreement").fill(f"{today:%d.%m.%Y}")
    page.get_by_role("group", name="How was it signed?").get_by_label("In the app, in the meeting").check()
    page.get_by_role("group", name="Signed by").get_by_label("Astrid Solberg").check()
    consent = page.get_by_role("group", name="Astrid Solberg agrees that these services may share information")
    consent.get_by_label(NAV).check()
    consent.get_by_label(CHILD_WELFARE).check()
    submit(page, "Record the agreement and consent")

    # The participant page.
    expect_message(page, f"Welcome to the Welfare Lab: {HOUSEHOLD} is now a participant.")
    expect(page.get_by_role("heading", level=1)).to_have_text(HOUSEHOLD)
    expect(page.get_by_text(re.compile("^Investment leader: Ingrid Lie"))).to_be_visible()
    members = page.get_by_role("table", name="Who is in the household")
    expect(members.get_by_role("row", name="Astrid Solberg").get_by_role("cell")).to_have_text(
        ["Astrid Solberg", "Parent or guardian", "02.01.1932", "020132 *****", "–", "Change Astrid Solberg's address"]
    )
    expect(members.get_by_role("row", name="Mia Solberg").get_by_role("cell")).to_have_text(
        ["Mia Solberg", "Child", "14.05.2016", "–", "–", "Change Mia Solberg's address"]
    )
    consents = page.get_by_role("table", name="Consent to share information")
    expect(consents.get_by_role("row", name=NAV)).to_contain_text("Active")
    expect(consents.get_by_role("row", name=CHILD_WELFARE)).to_contain_text("Active")
    expect(page.get_by_role("region", name="The journey so far").get_by_role("listitem")).to_have_text(
        [
            re.compile("Referred: Child health clinic and school health service"),
            re.compile("Taken by an investment leader: Ingrid Lie"),
            re.compile("Qualification: Qualified"),
            re.compile("Explanatory conversation: Wants to join"),
            re.compile("Joined the Welfare Lab: Participation agreement signed"),
        ]
    )
    assert_accessible(page)

    # ...and in the participant list.
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Participants").click()
    row = page.get_by_role("table", name="Participants you may see").get_by_role("row", name=HOUSEHOLD)
    expect(row.get_by_role("cell")).to_have_text([HOUSEHOLD, "A", "Ingrid Lie", today.strftime("%d.%m.%Y"), "0"])
    assert_accessible(page)


def test_a_bad_referral_is_refused_with_clear_errors_and_keeps_what_was_typed(page):
    next_year = timezone.localdate() + datetime.timedelta(days=365)
    log_in(page, "referrer")
    page.goto("/referrals/new/")
    fill_referral_texts(page)
    fill_person(page, 1, "Astrid", "Solberg", "Parent or guardian", datetime.date(1986, 10, 15), "15108695077")
    fill_person(page, 2, "Mia", "Solberg", "Child", next_year)
    submit(page, "Register the referral")

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Some fields need attention. Nothing has been saved yet.")
    expect(summary.get_by_role("link")).to_have_text(
        [
            "Person 1, National identity number: This is not a valid fødselsnummer or D-number. Check the 11 digits.",
            "Person 2, Birth date: The birth date cannot be in the future.",
        ]
    )
    # Each message also sits at its field, and is read out with it.
    expect(person_box(page, 1).get_by_label("National identity number")).to_have_accessible_description(
        re.compile("This is not a valid fødselsnummer or D-number")
    )
    expect(person_box(page, 2).get_by_label("Birth date")).to_have_accessible_description(
        "dd.mm.yyyy, for example 10.12.2026 The birth date cannot be in the future."
    )
    assert_accessible(page)

    # What the referrer typed is still there.
    expect(page.get_by_label("Household name")).to_have_value(HOUSEHOLD)
    expect(page.get_by_label("Why now?")).to_have_value(WHY_NOW)
    expect(page.get_by_label("What is known about the family's situation?")).to_have_value(WHAT_IS_KNOWN)
    expect(page.get_by_label("What has the family been told about this referral?")).to_have_value(FAMILY_TOLD)
    expect(person_box(page, 1).get_by_label("Given name")).to_have_value("Astrid")
    expect(person_box(page, 1).get_by_label("National identity number")).to_have_value("15108695077")
    expect(person_box(page, 2).get_by_label("Birth date")).to_have_value(f"{next_year:%d.%m.%Y}")

    # Nothing was saved: not among the referrer's referrals, not in the lab's inbox.
    page.goto("/referrals/")
    expect(page.get_by_role("table", name="Referrals you have registered")).not_to_contain_text(HOUSEHOLD)
    log_out(page)
    log_in(page, "leader")
    expect(page.get_by_role("link", name="Inbox: 1 new referral")).to_be_visible()
    page.goto("/referrals/")
    expect(page.get_by_role("table", name="The Welfare Lab's inbox")).not_to_contain_text(HOUSEHOLD)
