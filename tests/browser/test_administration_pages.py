"""The municipality administrator's own pages, with the keyboard alone and axe-clean: invite a user (who sets
their password from the link), change a role, end a membership, add a life area, edit a service, change the
threshold for a large investment."""

import re

from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_out
from tests.browser.test_keyboard import log_in_by_keyboard, press_enter_on, tab_to, type_into
from welfarelab.mapping.models import LifeArea
from welfarelab.money.models import Service
from welfarelab.people.models import Municipality, StaffUser


def choose(page, select, label):
    """Type the start of an option's text on a focused select, as a keyboard user does."""
    tab_to(page, select)
    page.keyboard.type(label)
    expect(select.locator("option:checked")).to_have_text(re.compile("^" + re.escape(label)))


def save(page, name):
    press_enter_on(page, page.get_by_role("button", name=name))


def go_to(page, name, navigation="Administration"):
    press_enter_on(page, page.get_by_role("navigation", name=navigation).get_by_role("link", name=name, exact=True))
    assert_accessible(page)


def test_the_administrator_runs_the_municipality_from_its_own_pages(page, live_server):
    log_in_by_keyboard(page, "admin")
    go_to(page, "Administration", "Main menu")
    expect(page.get_by_role("heading", level=1)).to_have_text("Users")

    # Invite a user; a mistake first, named and with what was typed kept
    press_enter_on(page, page.get_by_role("link", name="Invite a user"))
    type_into(page, page.get_by_label("First name"), "Kari")
    type_into(page, page.get_by_label("Last name"), "Nordmann")
    choose(page, page.get_by_role("combobox", name=re.compile("^Role")), "Investment team member")
    save(page, "Send the invitation")
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label("First name")).to_have_value("Kari")
    expect(page.locator("#id_organisation_error")).to_have_text("Choose the organisation this person works for.")
    assert_accessible(page)
    type_into(page, page.get_by_label("Email address"), "kari.nordmann@asker.kommune.example")
    choose(page, page.get_by_label("Organisation"), "NAV office")
    save(page, "Send the invitation")
    expect(page.get_by_role("status")).to_contain_text("The invitation is sent to kari.nordmann@asker.kommune.example")
    expect(page.get_by_role("row", name=re.compile("Kari Nordmann"))).to_contain_text("Invited, no password yet")
    assert_accessible(page)

    # Kari sets her password from the link, once
    link = re.search(r"http://\S+/invitation/\S+/", mail.outbox[-1].body).group(0)
    log_out(page)
    page.goto(link)
    type_into(page, page.locator("#id_new_password1"), "a long password of Kari's")
    type_into(page, page.locator("#id_new_password2"), "a long password of Kari's")
    assert_accessible(page)
    save(page, "Set my password")
    expect(page.get_by_role("status")).to_contain_text("Your password is set")
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("This link no longer works")
    assert_accessible(page)
    log_in_by_keyboard(page, "admin")
    go_to(page, "Administration", "Main menu")

    # Change a role
    press_enter_on(page, page.get_by_role("link", name="Nils Aune"))
    choose(page, page.get_by_role("combobox", name=re.compile("^Role")), "Referrer")
    save(page, "Change the role")
    expect(page.get_by_role("status")).to_contain_text("The role of Nils Aune is changed.")
    assert StaffUser.objects.get(username="member").role == StaffUser.Role.REFERRER
    assert_accessible(page)

    # End a membership
    go_to(page, "Users")
    press_enter_on(page, page.get_by_role("link", name="Kari Nordmann"))
    save(page, "End the membership of Kari Nordmann")
    expect(page.get_by_role("status")).to_contain_text("The membership of Kari Nordmann has ended.")
    expect(page.get_by_role("row", name=re.compile("Kari Nordmann"))).to_contain_text("Ended")
    assert not StaffUser.objects.get(first_name="Kari").is_active

    # Add a life area
    go_to(page, "Life areas")
    press_enter_on(page, page.get_by_role("link", name="Add a life area"))
    type_into(page, page.get_by_label("Name in English"), "Faith and belonging")
    type_into(page, page.get_by_label("Name in bokmål"), "Tro og tilhørighet")
    type_into(page, page.get_by_label("Name in nynorsk"), "Tru og tilhøyrsle")
    save(page, "Save")
    expect(page.get_by_role("table", name="Life areas").get_by_role("row").last).to_contain_text("Faith and belonging")
    assert LifeArea.objects.filter(municipality__slug="asker").last().name_nn == "Tru og tilhøyrsle"
    assert_accessible(page)
    press_enter_on(page, page.get_by_role("button", name=re.compile(r"^Move up\W+Faith and belonging$")))
    expect(page.get_by_role("table", name="Life areas").get_by_role("row").nth(-2)).to_contain_text(
        "Faith and belonging"
    )

    # Edit a service
    go_to(page, "Services")
    press_enter_on(page, page.get_by_role("link", name="NAV adviser follow-up"))
    cost = page.get_by_label("Cost per unit (NOK)")
    tab_to(page, cost)
    page.keyboard.press("Control+a")
    page.keyboard.type("875")
    save(page, "Save")
    expect(page.get_by_role("row", name=re.compile("NAV adviser follow-up"))).to_contain_text("875")
    assert Service.objects.get(municipality__slug="asker", name_en="NAV adviser follow-up").unit_cost == 875
    assert_accessible(page)

    # Change the threshold for a large investment
    go_to(page, "Settings")
    threshold = page.get_by_label("A large investment is from (NOK a year)")
    tab_to(page, threshold)
    page.keyboard.press("Control+a")
    page.keyboard.type("600000")
    save(page, "Save")
    expect(page.get_by_role("status")).to_contain_text("The settings are saved.")
    expect(threshold).to_have_value("600000")
    assert Municipality.objects.get(slug="asker").large_investment_from == 600000
    assert_accessible(page)


def test_a_municipality_administrator_is_not_let_into_djangos_admin(page):
    log_in_by_keyboard(page, "admin")
    page.goto("/admin/")
    expect(page).to_have_url(re.compile("/admin/login/"))
