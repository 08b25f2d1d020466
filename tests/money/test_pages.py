"""Where the investment is found: from the participant and the plan; and the catalogue of services in the admin."""

import pytest
from django.urls import reverse

from tests.conftest import Role, make_user, org
from tests.money.conftest import make_service
from welfarelab.money.models import Service


def links_to_investment(page, household):
    return f'href="{reverse("investment", args=[household.pk])}"' in page


# Finding the investment


def test_the_participant_page_links_to_the_investment(client, member, family):
    client.force_login(member)

    page = client.get(reverse("participant", args=[family.pk])).content.decode()

    assert links_to_investment(page, family)


@pytest.mark.parametrize("name", ["plan", "timeline", "decisions"])
def test_the_plans_pages_link_to_the_investment(client, member, family, name):
    client.force_login(member)

    page = client.get(reverse(name, args=[family.pk])).content.decode()

    assert links_to_investment(page, family)


def test_the_investment_page_is_marked_as_the_current_page_in_the_plans_navigation(client, member, family):
    client.force_login(member)

    page = client.get(reverse("investment", args=[family.pk])).content.decode()

    assert f'href="{reverse("investment", args=[family.pk])}" aria-current="page"' in page
    assert f'href="{reverse("plan", args=[family.pk])}" aria-current' not in page


def test_the_investment_page_says_when_nothing_is_recorded_yet(client, leader, family):
    client.force_login(leader)

    response = client.get(reverse("investment", args=[family.pk]))

    assert "Nothing recorded yet." in response.content.decode()
    assert response.context["summary"].total == 0


# The catalogue of services in the admin


@pytest.fixture
def administrator(municipality):
    user = make_user(municipality, Role.ADMINISTRATOR)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def services(municipality, other_municipality):
    return {
        "ours": make_service(municipality, "Home visit in Asker", "helsestasjon"),
        "theirs": make_service(other_municipality, "Home visit in Baerum", "helsestasjon"),
    }


def test_the_service_admin_lists_only_the_administrators_own_municipality(client, administrator, services):
    client.force_login(administrator)

    page = client.get(reverse("admin:money_service_changelist")).content.decode()

    assert "Home visit in Asker" in page
    assert "Home visit in Baerum" not in page


def test_a_service_of_another_municipality_cannot_be_opened_in_the_admin(client, administrator, services):
    client.force_login(administrator)

    response = client.get(reverse("admin:money_service_change", args=[services["theirs"].pk]))

    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:money_service_change", args=[services["ours"].pk])).status_code == 200


def test_a_new_service_can_only_belong_to_the_administrators_own_municipality_and_organisations(
    client, administrator, municipality
):
    client.force_login(administrator)

    form = client.get(reverse("admin:money_service_add")).context["adminform"].form

    assert list(form.fields["municipality"].queryset) == [municipality]
    assert set(form.fields["organisation"].queryset) == set(municipality.organisations.all())


def service_data(municipality, organisation_municipality=None):
    return {
        "name_en": "Respite care",
        "name_nb": "Avlastning",
        "name_nn": "Avlasting",
        "municipality": municipality.pk,
        "organisation": org(organisation_municipality or municipality, "tildeling").pk,
        "unit": "day",
        "unit_cost": "2400",
        "active": "on",
    }


def test_an_administrator_adds_a_service_to_the_catalogue(client, administrator, municipality):
    client.force_login(administrator)

    response = client.post(reverse("admin:money_service_add"), service_data(municipality))

    assert response.status_code == 302
    service = Service.objects.get()
    assert (service.municipality, service.unit_cost) == (municipality, 2400)


@pytest.mark.parametrize("whose", ["municipality", "organisation"])
def test_an_administrator_cannot_add_a_service_to_another_municipality(
    client, administrator, municipality, other_municipality, whose
):
    client.force_login(administrator)
    data = (
        service_data(other_municipality, municipality)
        if whose == "municipality"
        else service_data(municipality, other_municipality)
    )

    response = client.post(reverse("admin:money_service_add"), data)

    assert list(response.context["adminform"].form.errors) == [whose]
    assert not Service.objects.exists()
