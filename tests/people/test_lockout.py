"""Guessing passwords: after too many wrong ones for a username, or from one address, logins wait; the lockout
is audited, and the municipality's administrator can let the person in again (audited too)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.conftest import Role, make_user
from welfarelab.access.models import AuditEntry

PASSWORD = "a long test password"  # make_user's


def log_in(username, password, address="10.0.0.1"):
    return Client(REMOTE_ADDR=address).post(reverse("login"), {"username": username, "password": password})


def guess(username, times, address="10.0.0.1"):
    return [log_in(username, "wrong guess", address).status_code for _ in range(times)]


@pytest.fixture
def leader(municipality):
    return make_user(municipality, Role.INVESTMENT_LEADER, "koordinerende")


def test_too_many_wrong_passwords_hold_the_username_back_even_with_the_right_one(leader):
    limit = settings.AXES_FAILURE_LIMIT
    assert guess(leader.username, limit - 1) == [200] * (limit - 1)  # the login page again, with its message
    assert guess(leader.username, 1) == [429]
    response = log_in(leader.username, PASSWORD, address="10.0.0.2")  # the right password, from elsewhere
    assert response.status_code == 429
    assert "Too many wrong passwords" in response.content.decode()
    assert "30 minutes" in response.content.decode()
    entries = AuditEntry.objects.filter(object_type="staffuser", object_id=str(leader.pk)).order_by("pk")
    assert {(e.actor_kind, e.actor_name, e.municipality_id) for e in entries} == {
        ("system", "login", leader.municipality_id)
    }
    assert [e.detail.rsplit(" ", 1)[-1] for e in entries] == ["10.0.0.1", "10.0.0.2"]  # each attempt held back


def test_a_right_password_forgets_the_wrong_ones_before_it(leader):
    guess(leader.username, settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(leader.username, PASSWORD).status_code == 302
    assert guess(leader.username, settings.AXES_FAILURE_LIMIT - 1) == [200] * (settings.AXES_FAILURE_LIMIT - 1)


def test_one_address_guessing_many_usernames_is_held_back(municipality, leader):
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(f"nobody-{n}", "wrong guess", address="10.9.9.9")
    assert log_in(leader.username, PASSWORD, address="10.9.9.9").status_code == 429
    assert log_in(leader.username, PASSWORD, address="10.0.0.3").status_code == 302


def test_the_administrator_lets_them_in_again(client, municipality, leader):
    guess(leader.username, settings.AXES_FAILURE_LIMIT)
    administrator = make_user(municipality, Role.ADMINISTRATOR)
    client.force_login(administrator)
    page = client.get(reverse("staff_member", args=[leader.pk]))
    assert page.context["locked"] and "Let them log in again" in page.content.decode()

    client.post(reverse("staff_unlock", args=[leader.pk]))

    assert not client.get(reverse("staff_member", args=[leader.pk])).context["locked"]
    assert log_in(leader.username, PASSWORD, address="10.0.0.4").status_code == 302
    assert AuditEntry.objects.filter(actor_id=str(administrator.pk), detail="login lockout lifted").exists()


def test_nobody_else_lifts_a_lockout(client, municipality, other_municipality, leader):
    guess(leader.username, settings.AXES_FAILURE_LIMIT)
    client.force_login(make_user(municipality, Role.INVESTMENT_LEADER, "koordinerende"))
    assert client.post(reverse("staff_unlock", args=[leader.pk])).status_code == 404  # no such page for them
    client.force_login(make_user(other_municipality, Role.ADMINISTRATOR))
    assert client.post(reverse("staff_unlock", args=[leader.pk])).status_code == 404
    assert log_in(leader.username, PASSWORD, address="10.0.0.5").status_code == 429
