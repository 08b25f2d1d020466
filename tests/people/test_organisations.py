"""The catalogue of organisations, edited by the municipality's administrator."""

import pytest
from django.urls import reverse

from tests.conftest import Role, make_user, org
from welfarelab.access.models import AuditEntry
from welfarelab.people.models import Organisation


@pytest.fixture
def as_admin(client, municipality):
    client.force_login(make_user(municipality, Role.ADMINISTRATOR))
    return client


def organisation_data(**overrides):
    data = {"code": "rushjelpen", "name_en": "Substance help", "name_nb": "Rushjelpen", "name_nn": "Rushjelpa"}
    return {**data, "owner": "municipality", "own_say_from": 18, "active": "on", **overrides}


def test_a_new_municipality_gets_the_default_catalogue(municipality):
    assert municipality.organisations.count() == 21
    assert org(municipality, "nav").name_nn == "NAV-kontor"


def test_the_administrator_adds_an_organisation_and_it_is_logged(as_admin, municipality):
    response = as_admin.post(reverse("organisation_new"), organisation_data())
    assert response.status_code == 302
    added = Organisation.objects.get(code="rushjelpen")
    assert added.municipality == municipality
    assert AuditEntry.objects.filter(object_type="organisation", object_id=str(added.pk), action="create").exists()


def test_the_administrator_renames_an_organisation(as_admin, municipality):
    nav = org(municipality, "nav")
    data = organisation_data(code="nav", name_en="NAV Asker", version=nav.version)
    as_admin.post(reverse("organisation_edit", args=[nav.pk]), data)
    nav.refresh_from_db()
    assert nav.name_en == "NAV Asker"
    assert AuditEntry.objects.filter(object_type="organisation", object_id=str(nav.pk), action="update").exists()


def test_a_change_from_a_page_someone_else_changed_meanwhile_is_refused(as_admin, municipality):
    nav = org(municipality, "nav")
    url = reverse("organisation_edit", args=[nav.pk])
    as_admin.post(url, organisation_data(code="nav", name_en="NAV Asker", version=nav.version))
    response = as_admin.post(url, organisation_data(code="nav", name_en="NAV Vest", version=nav.version))
    assert response.status_code == 400 and "Someone else changed this" in response.content.decode()
    nav.refresh_from_db()
    assert nav.name_en == "NAV Asker"


def test_a_code_already_in_use_is_refused_naming_the_field(as_admin):
    response = as_admin.post(reverse("organisation_new"), organisation_data(code="nav"))
    assert response.context["form"].errors["code"]
    assert 'value="Substance help"' in response.content.decode()


def test_the_administrator_cannot_edit_another_municipalitys_organisation(as_admin, other_municipality):
    response = as_admin.get(reverse("organisation_edit", args=[org(other_municipality, "nav").pk]))
    assert response.status_code == 404


def test_the_name_follows_the_users_language(municipality):
    from django.utils import translation

    nav = org(municipality, "barnevern")
    with translation.override("nn"):
        assert str(nav) == "Barnevernstenesta"
    with translation.override("nb"):
        assert str(nav) == "Barnevernstjenesten"


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_only_administrators_edit_organisations(client, municipality, role):
    client.force_login(make_user(municipality, role))
    assert client.get(reverse("organisations")).status_code == 403
    assert client.post(reverse("organisation_new"), organisation_data()).status_code == 403
