"""The service catalogue: services with their unit costs, added, changed and retired by the administrator."""

import datetime

import pytest
from django.urls import reverse

from tests.conftest import org
from welfarelab.access.models import AuditEntry
from welfarelab.money.models import Investment, Service


def service_data(municipality, **overrides):
    data = {
        "name_en": "Respite care",
        "name_nb": "Avlastning",
        "name_nn": "Avlasting",
        "organisation": org(municipality, "tildeling").pk,
        "unit": "day",
        "unit_cost": "2400",
        "active": "on",
    }
    return data | overrides


@pytest.fixture
def service(municipality):
    return Service.objects.create(
        municipality=municipality,
        organisation=org(municipality, "tildeling"),
        name_en="Respite care",
        name_nb="Avlastning",
        name_nn="Avlasting",
        unit="day",
        unit_cost=2400,
    )


def edit(client, service, **overrides):
    data = service_data(service.municipality, **overrides) | {"version": service.version}
    return client.post(reverse("service_edit", args=[service.pk]), data)


def test_an_administrator_adds_a_service_to_their_own_catalogue(as_administrator, administrator, municipality):
    response = as_administrator.post(reverse("service_new"), service_data(municipality))

    assert response.status_code == 302
    service = Service.objects.get()
    assert (service.municipality, service.unit_cost, service.active) == (municipality, 2400, True)
    entry = AuditEntry.objects.get(object_type="service", object_id=str(service.pk))
    assert (entry.user, entry.action) == (administrator, "create")


def test_the_catalogue_lists_only_the_administrators_own_municipality(as_administrator, service, other_municipality):
    Service.objects.create(
        municipality=other_municipality,
        organisation=org(other_municipality, "tildeling"),
        name_en="Home visit in Baerum",
        name_nb="Hjemmebesøk",
        name_nn="Heimebesøk",
        unit="visit",
        unit_cost=900,
    )
    page = as_administrator.get(reverse("services")).content.decode()
    assert "Respite care" in page and "Home visit in Baerum" not in page


def test_a_service_can_only_be_provided_by_an_organisation_of_the_municipality(
    as_administrator, municipality, other_municipality
):
    data = service_data(municipality, organisation=org(other_municipality, "tildeling").pk)
    response = as_administrator.post(reverse("service_new"), data)
    assert list(response.context["form"].errors) == ["organisation"]
    assert not Service.objects.exists()


def test_a_new_unit_cost_leaves_what_was_recorded_before_at_its_price(
    as_administrator, service, municipality, leader, referrer
):
    from tests.conftest import make_participant

    household = make_participant(municipality, leader, referrer)
    recorded = Investment.objects.create(
        household=household,
        organisation=service.organisation,
        kind="service",
        service=service,
        quantity=2,
        unit_price=service.unit_cost,
        starts_on=datetime.date(2026, 2, 1),
        recorded_by=leader,
    )

    edit(as_administrator, service, unit_cost="2600")

    service.refresh_from_db()
    recorded.refresh_from_db()
    assert (service.unit_cost, recorded.unit_price) == (2600, 2400)
    assert AuditEntry.objects.filter(object_type="service", detail__contains="2600").exists()


def test_a_retired_service_stays_in_the_catalogue_and_is_no_longer_offered(as_administrator, service):
    edit(as_administrator, service, active="")
    service.refresh_from_db()
    assert not service.active
    assert "Retired" in as_administrator.get(reverse("services")).content.decode()


@pytest.mark.parametrize(
    ("field", "value"), [("unit_cost", "-5"), ("unit_cost", "lots"), ("name_nb", ""), ("unit", "")]
)
def test_a_wrong_value_names_the_field_and_keeps_what_was_typed(as_administrator, service, field, value):
    response = edit(as_administrator, service, name_en="Respite care, weekends", **{field: value})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert 'value="Respite care, weekends"' in response.content.decode()
    service.refresh_from_db()
    assert service.name_en == "Respite care"


def test_a_change_from_a_page_someone_else_changed_meanwhile_is_refused(as_administrator, service):
    edit(as_administrator, service, unit_cost="2500")
    response = edit(as_administrator, service, unit_cost="9999")  # `service` still holds the version first seen
    assert response.status_code == 400 and "Someone else changed this" in response.content.decode()
    service.refresh_from_db()
    assert service.unit_cost == 2500


def test_a_service_always_belongs_to_the_administrators_municipality(
    as_administrator, municipality, other_municipality
):
    data = service_data(municipality) | {"municipality": other_municipality.pk}
    as_administrator.post(reverse("service_new"), data)
    assert Service.objects.get().municipality == municipality
