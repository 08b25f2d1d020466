"""Every administration page is for the municipality's administrators only; another municipality's
objects are not found, and Django's admin is left to the installation's operator."""

import pytest
from django.urls import reverse

from tests.conftest import Role, make_user, org
from welfarelab.mapping import life_areas
from welfarelab.mapping.models import LifeArea
from welfarelab.money.models import Service

NOT_ADMINISTRATORS = [Role.INVESTMENT_LEADER, Role.TEAM_MEMBER, Role.REFERRER, Role.ANALYST]


@pytest.fixture
def objects(municipality, administrator):
    """One of each thing an administrator manages, in the administrator's municipality."""
    colleague = make_user(municipality, Role.REFERRER, "skole")
    service = Service.objects.create(
        municipality=municipality,
        organisation=org(municipality, "tildeling"),
        name_en="Respite care",
        name_nb="Avlastning",
        name_nn="Avlasting",
        unit="day",
        unit_cost=2400,
    )
    return {
        "staff": colleague.pk,
        "life_area": LifeArea.objects.filter(municipality=municipality).first().pk,
        "service": service.pk,
        "organisation": org(municipality, "nav").pk,
    }


def pages(o):
    """(url name, args, method) of every administration page."""
    return [
        ("staff", [], "get"),
        ("staff_invite", [], "get"),
        ("staff_invite", [], "post"),
        ("staff_member", [o["staff"]], "get"),
        ("staff_member", [o["staff"]], "post"),
        ("staff_end", [o["staff"]], "post"),
        ("staff_invite_again", [o["staff"]], "post"),
        ("staff_unlock", [o["staff"]], "post"),
        ("life_areas", [], "get"),
        ("life_area_new", [], "get"),
        ("life_area_new", [], "post"),
        ("life_area_edit", [o["life_area"]], "get"),
        ("life_area_edit", [o["life_area"]], "post"),
        ("life_area_move", [o["life_area"]], "post"),
        ("services", [], "get"),
        ("service_new", [], "get"),
        ("service_new", [], "post"),
        ("service_edit", [o["service"]], "get"),
        ("service_edit", [o["service"]], "post"),
        ("municipality_settings", [], "get"),
        ("municipality_settings", [], "post"),
        ("organisations", [], "get"),
        ("organisation_new", [], "post"),
        ("organisation_edit", [o["organisation"]], "get"),
    ]


def test_the_list_holds_every_administration_page(objects):
    """Derived from the URL configuration, so that a new administration page cannot be left out of the list."""
    from welfarelab.administration import urls

    listed = {name for name, _args, _method in pages(objects)}
    assert {p.name for p in urls.urlpatterns if p.name != "invitation"} <= listed


def request(client, name, args, method):
    return getattr(client, method)(reverse(name, args=args))


@pytest.mark.parametrize("role", NOT_ADMINISTRATORS)
def test_every_administration_page_is_refused_to_other_roles(client, municipality, objects, role):
    client.force_login(make_user(municipality, role, "nav"))
    for name, args, method in pages(objects):
        # A page that names a record does not exist for them (welfarelab.access.refusal); the others are refused.
        assert request(client, name, args, method).status_code == (404 if args else 403), (name, method)


def test_every_administration_page_opens_for_the_municipalitys_administrator(as_administrator, objects):
    for name, args, method in pages(objects):
        if method == "get":
            assert request(as_administrator, name, args, method).status_code == 200, name


def test_another_municipalitys_administrator_finds_none_of_its_objects(client, objects, outsider_administrator):
    client.force_login(outsider_administrator)
    for name, args, method in pages(objects):
        if args:
            assert request(client, name, args, method).status_code == 404, (name, method)


def test_another_municipalitys_administrator_lists_only_their_own(client, objects, outsider_administrator):
    client.force_login(outsider_administrator)
    assert "Referrer-" not in client.get(reverse("staff")).content.decode()
    assert "Respite care" not in client.get(reverse("services")).content.decode()


def test_logged_out_visitors_are_sent_to_the_login_page(client, objects):
    for name, args, method in pages(objects):
        response = request(client, name, args, method)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), name


def test_the_menu_leads_administrators_to_the_administration(as_administrator):
    page = as_administrator.get(reverse("home")).content.decode()
    assert f'href="{reverse("staff")}"' in page
    assert "/admin/" not in page


def test_a_municipality_administrator_is_not_let_into_djangos_admin(as_administrator, administrator):
    administrator.is_staff = True  # even if someone ticked it
    administrator.save()
    response = as_administrator.get(reverse("admin:people_staffuser_changelist"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_the_operator_a_superuser_uses_djangos_admin(client, django_user_model):
    operator = django_user_model.objects.create_superuser("operator", "operator@example.org", "a long password")
    client.force_login(operator)
    assert client.get(reverse("admin:people_staffuser_changelist")).status_code == 200


def test_a_municipality_the_operator_adds_in_djangos_admin_gets_the_default_life_areas(client, django_user_model):
    operator = django_user_model.objects.create_superuser("operator", "operator@example.org", "a long password")
    client.force_login(operator)
    response = client.post(
        reverse("admin:people_municipality_add"),
        {"slug": "lier", "name": "Lier", "default_language": "nb", "large_investment_from": "500000"},
    )
    assert response.status_code == 302, response.content.decode()
    added = LifeArea.objects.filter(municipality__slug="lier").order_by("position")
    assert [area.code for area in added] == [code for code, *names in life_areas.DEFAULTS]
