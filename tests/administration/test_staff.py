"""Users: the list, the invitation with its one-time link, giving and taking a role, ending a membership."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import Role, make_user, org
from welfarelab.access.models import AuditEntry
from welfarelab.people.models import StaffUser


def invitation(municipality, **overrides):
    data = {
        "first_name": "Kari",
        "last_name": "Nordmann",
        "email": "Kari.Nordmann@asker.kommune.example",
        "role": Role.TEAM_MEMBER,
        "organisation": org(municipality, "nav").pk,
    }
    return {**data, **overrides}


def invite(client, municipality, **overrides):
    return client.post(reverse("staff_invite"), invitation(municipality, **overrides))


def log_in(client, username, password):
    """As on the login page (django-axes, which counts wrong passwords, needs the request)."""
    return client.post(reverse("login"), {"username": username, "password": password})


def link_in(message):
    return re.search(r"http://testserver(/invitation/\S+/)", message.body).group(1)


def audited(obj, detail):
    return AuditEntry.objects.filter(object_type="staffuser", object_id=str(obj.pk), detail__contains=detail)


# The list


def test_the_list_shows_name_username_role_organisation_and_membership(as_administrator, municipality):
    make_user(municipality, Role.TEAM_MEMBER, "nav", "nils")
    page = as_administrator.get(reverse("staff")).content.decode()
    row = re.search(r"<tr>\s*<th scope=\"row\"><a [^>]*>Nils</a></th>.*?</tr>", page, re.S).group(0)
    for shown in ("nils", "Investment team member", "NAV office", "Active"):
        assert shown in row


def test_an_ended_membership_stays_on_the_list_with_its_date_and_who_ended_it(
    as_administrator, administrator, municipality
):
    nils = make_user(municipality, Role.TEAM_MEMBER, "nav", "nils")
    as_administrator.post(reverse("staff_end", args=[nils.pk]), {"version": nils.version})
    page = as_administrator.get(reverse("staff")).content.decode()
    assert "Nils" in page and f"by {administrator}" in page


@pytest.mark.parametrize("how_many", [3, 30])
def test_the_list_takes_the_same_few_queries_however_many_users(
    as_administrator, municipality, django_assert_max_num_queries, how_many
):
    for n in range(how_many):
        user = make_user(municipality, Role.TEAM_MEMBER, "nav")
        if n % 2:
            user.is_active = False
            user.ended_by = user
            user.save()
    with django_assert_max_num_queries(8):
        response = as_administrator.get(reverse("staff"))
    assert response.content.decode().count('<th scope="row">') == how_many + 1


# The invitation


def test_an_invitation_makes_a_login_without_a_password_and_e_mails_a_link(as_administrator, municipality):
    response = invite(as_administrator, municipality)

    assert response.status_code == 302
    kari = StaffUser.objects.get(first_name="Kari")
    assert kari.username == kari.email == "kari.nordmann@asker.kommune.example"
    assert (kari.municipality, kari.role, kari.organisation) == (
        municipality,
        Role.TEAM_MEMBER,
        org(municipality, "nav"),
    )
    assert not kari.has_usable_password()
    (message,) = mail.outbox
    assert message.to == [kari.email]
    assert "Asker" in message.subject
    assert link_in(message)


def test_the_invitation_is_written_in_the_municipalitys_language(as_administrator, municipality):
    municipality.default_language = "en"
    municipality.save()
    invite(as_administrator, municipality)
    assert "Your username: kari.nordmann@asker.kommune.example" in mail.outbox[0].body


def test_an_invitation_is_audited(as_administrator, municipality, administrator):
    invite(as_administrator, municipality)
    entry = audited(StaffUser.objects.get(first_name="Kari"), "invited as team_member").get()
    assert (entry.user, entry.action) == (administrator, "create")


def test_the_invitation_link_sets_a_password_once_and_then_no_longer_works(client, as_administrator, municipality):
    invite(as_administrator, municipality)
    link = link_in(mail.outbox[0])
    client.logout()

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    password = {"new_password1": "a long new password 42", "new_password2": "a long new password 42"}
    done = client.post(form_page.redirect_chain[-1][0], password)

    assert done.status_code == 302 and done["Location"] == reverse("login")
    kari = StaffUser.objects.get(first_name="Kari")
    assert kari.check_password("a long new password 42")
    assert audited(kari, "password set from invitation").exists()
    assert log_in(client, kari.username, "a long new password 42").status_code == 302
    client.logout()
    assert not client.get(link, follow=True).context["validlink"]


def test_a_weak_password_is_refused_on_the_invitation_page(client, as_administrator, municipality):
    invite(as_administrator, municipality)
    client.logout()
    form_page = client.get(link_in(mail.outbox[0]), follow=True)
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": "short", "new_password2": "short"})
    assert response.context["form"].errors["new_password2"]
    assert not StaffUser.objects.get(first_name="Kari").has_usable_password()


def test_an_invitation_no_longer_works_once_the_membership_has_ended(client, as_administrator, municipality):
    invite(as_administrator, municipality)
    kari = StaffUser.objects.get(first_name="Kari")
    as_administrator.post(reverse("staff_end", args=[kari.pk]), {"version": kari.version})
    client.logout()
    assert not client.get(link_in(mail.outbox[0]), follow=True).context["validlink"]


def test_an_invitation_can_be_sent_again_until_a_password_is_set(as_administrator, municipality):
    invite(as_administrator, municipality)
    kari = StaffUser.objects.get(first_name="Kari")
    as_administrator.post(reverse("staff_invite_again", args=[kari.pk]))
    assert len(mail.outbox) == 2 and audited(kari, "invited again").exists()

    kari.set_password("a long new password 42")
    kari.save()
    as_administrator.post(reverse("staff_invite_again", args=[kari.pk]))
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [("email", ""), ("email", "not an address"), ("first_name", ""), ("role", ""), ("organisation", "")],
)
def test_an_invitation_missing_something_names_the_field_and_keeps_what_was_typed(
    as_administrator, municipality, field, value
):
    response = invite(as_administrator, municipality, **{field: value})

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert 'value="Nordmann"' in response.content.decode()
    assert not StaffUser.objects.filter(last_name="Nordmann").exists() and not mail.outbox


def test_an_e_mail_address_already_in_use_is_refused(as_administrator, municipality):
    invite(as_administrator, municipality)
    response = invite(as_administrator, municipality, email="KARI.nordmann@asker.kommune.example")
    assert response.context["form"].errors["email"]


def test_an_organisation_of_another_municipality_cannot_be_chosen(as_administrator, municipality, other_municipality):
    response = invite(as_administrator, municipality, organisation=org(other_municipality, "nav").pk)
    assert list(response.context["form"].errors) == ["organisation"]


def test_an_invitation_that_cannot_be_sent_saves_nothing(as_administrator, municipality, settings):
    smtp = {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": {"host": "127.0.0.1", "port": 9}}
    settings.MAILERS = {"default": smtp}  # nothing listens there

    response = invite(as_administrator, municipality)

    assert response.status_code == 400 and "could not be sent" in response.content.decode()
    assert not StaffUser.objects.filter(last_name="Nordmann").exists()


# Giving and taking a role


def change(client, user, **data):
    return client.post(reverse("staff_member", args=[user.pk]), {"version": user.version, **data})


def test_a_role_change_takes_effect_at_once(client, as_administrator, municipality):
    analyst = make_user(municipality, Role.ANALYST)
    colleague = client.__class__()
    colleague.force_login(analyst)
    assert colleague.get(reverse("staff")).status_code == 403

    response = change(as_administrator, analyst, role=Role.ADMINISTRATOR, organisation="")

    assert response.status_code == 302
    assert colleague.get(reverse("staff")).status_code == 200


def test_a_role_change_is_audited_with_what_it_was(as_administrator, municipality, administrator):
    nils = make_user(municipality, Role.TEAM_MEMBER, "nav")
    change(as_administrator, nils, role=Role.INVESTMENT_LEADER, organisation=org(municipality, "koordinerende").pk)
    entry = audited(nils, "role team_member -> investment_leader").get()
    assert (entry.user, entry.action) == (administrator, "update")


def test_the_last_administrator_cannot_take_away_their_own_role(as_administrator, administrator):
    response = change(as_administrator, administrator, role=Role.ANALYST, organisation="")

    assert response.status_code == 400
    assert "needs an administrator" in str(response.context["form"].errors["role"])
    administrator.refresh_from_db()
    assert administrator.role == Role.ADMINISTRATOR


def test_an_administrator_may_hand_over_the_role_when_another_remains(as_administrator, administrator, municipality):
    make_user(municipality, Role.ADMINISTRATOR)
    assert change(as_administrator, administrator, role=Role.ANALYST, organisation="").status_code == 302
    administrator.refresh_from_db()
    assert administrator.role == Role.ANALYST


def test_an_ended_administrator_does_not_count_as_the_one_that_remains(as_administrator, administrator, municipality):
    ended = make_user(municipality, Role.ADMINISTRATOR)
    ended.is_active = False
    ended.save()
    assert change(as_administrator, administrator, role=Role.ANALYST, organisation="").status_code == 400


def test_a_role_change_from_a_page_someone_else_changed_meanwhile_is_refused(client, as_administrator, municipality):
    nils = make_user(municipality, Role.TEAM_MEMBER, "nav")
    seen = nils.version
    second = client.__class__()
    second.force_login(make_user(municipality, Role.ADMINISTRATOR))
    change(second, nils, role=Role.REFERRER, organisation=org(municipality, "nav").pk)

    nils.version = seen
    response = change(as_administrator, nils, role=Role.ANALYST, organisation="")

    assert response.status_code == 400
    assert "Someone else changed this" in response.content.decode()
    nils.refresh_from_db()
    assert nils.role == Role.REFERRER


def test_a_team_member_needs_an_organisation(as_administrator, municipality):
    analyst = make_user(municipality, Role.ANALYST)
    response = change(as_administrator, analyst, role=Role.TEAM_MEMBER, organisation="")
    assert list(response.context["form"].errors) == ["organisation"]
    assert 'value="team_member" selected' in response.content.decode()


# Ending a membership


def end(client, user):
    return client.post(reverse("staff_end", args=[user.pk]), {"version": user.version})


def test_an_ended_user_can_no_longer_log_in_and_is_logged_out_at_once(client, as_administrator, municipality):
    nils = make_user(municipality, Role.TEAM_MEMBER, "nav", "nils")
    session = client.__class__()
    session.force_login(nils)

    assert end(as_administrator, nils).status_code == 302

    assert session.get(reverse("home")).status_code == 302  # to the login page
    assert log_in(client.__class__(), "nils", "a long test password").status_code == 200  # the login page again


def test_ending_keeps_the_user_with_the_date_and_who_ended_it_and_is_audited(
    as_administrator, administrator, municipality
):
    nils = make_user(municipality, Role.TEAM_MEMBER, "nav")
    end(as_administrator, nils)
    nils.refresh_from_db()
    assert (nils.is_active, nils.ended_by) == (False, administrator)
    assert nils.ended_at is not None
    assert audited(nils, "membership ended").get().user == administrator


def test_an_administrator_cannot_end_their_own_membership(as_administrator, administrator, municipality):
    make_user(municipality, Role.ADMINISTRATOR)
    response = end(as_administrator, administrator)
    administrator.refresh_from_db()
    assert administrator.is_active and administrator.ended_at is None
    assert "cannot end your own membership" in as_administrator.get(response["Location"]).content.decode()


def test_an_ended_membership_cannot_be_ended_again_nor_its_role_changed(as_administrator, municipality):
    nils = make_user(municipality, Role.TEAM_MEMBER, "nav")
    end(as_administrator, nils)
    nils.refresh_from_db()
    end(as_administrator, nils)
    change(as_administrator, nils, role=Role.ADMINISTRATOR, organisation="")
    nils.refresh_from_db()
    assert nils.role == Role.TEAM_MEMBER
    assert audited(nils, "membership ended").count() == 1


def test_ending_from_a_page_someone_else_changed_meanwhile_is_refused(as_administrator, municipality):
    nils = make_user(municipality, Role.TEAM_MEMBER, "nav")
    seen = nils.version
    change(as_administrator, nils, role=Role.REFERRER, organisation=org(municipality, "nav").pk)
    nils.version = seen
    end(as_administrator, nils)
    nils.refresh_from_db()
    assert nils.is_active
