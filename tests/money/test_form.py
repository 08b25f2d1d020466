"""Recording what is invested: the catalogue fills in what it knows, the form says what is missing, nothing is lost."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.conftest import org
from tests.money.conftest import edit_data, line_data, make_line, make_service
from welfarelab.money.models import Investment


def new_line(client, household, **overrides):
    return client.post(reverse("investment_new", args=[household.pk]), line_data(household, **overrides))


def field_errors(page):
    """{field name: its error message} as the form shows them."""
    return dict(re.findall(r'id="id_(\w+)_error"><p>(.*?)</p>', page))


@pytest.fixture
def nurse(municipality):
    """The school nurse in the catalogue, from the child health clinic, at 850 kr an hour."""
    return make_service(municipality, "School nurse follow-up", "helsestasjon", "850")


# Saving


def test_the_leader_records_a_monthly_benefit_for_the_whole_family(client, leader, family):
    client.force_login(leader)

    response = new_line(client, family, quantity="1.5", unit_price="12000.50", ends_on="2026-06-30")

    assert response.status_code == 302 and response["Location"] == reverse("investment", args=[family.pk])
    line = Investment.objects.get()
    assert (line.household, line.recorded_by, line.person, line.organisation) == (
        family,
        leader,
        None,
        org(family.municipality, "nav"),
    )
    assert (line.what, line.quantity, line.unit_price, line.monthly) == (
        "Social assistance",
        Decimal("1.5"),
        Decimal("12000.50"),
        True,
    )
    assert (line.starts_on, line.ends_on, line.version) == (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), 1)


def test_a_line_without_every_month_ticked_is_a_one_off(client, leader, family):
    client.force_login(leader)

    new_line(client, family, monthly=None)

    assert Investment.objects.get().monthly is False


def test_changing_a_line_saves_it_as_the_next_version(client, leader, family):
    line = make_line(family, leader)
    client.force_login(leader)

    response = client.post(reverse("investment_edit", args=[family.pk, line.pk]), edit_data(line, unit_price="1500"))

    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.unit_price, line.version) == (Decimal(1500), 2)


# The catalogue fills in what it knows


def test_a_service_from_the_catalogue_gives_the_organisation_and_the_price(client, leader, family, nurse):
    client.force_login(leader)

    new_line(client, family, kind="service", service=nurse.pk, what="", organisation="", unit_price="", quantity="4")

    line = Investment.objects.get()
    assert (line.service, line.organisation, line.unit_price) == (nurse, nurse.organisation, Decimal(850))
    assert str(line) == "School nurse follow-up"


def test_a_price_typed_in_wins_over_the_catalogue(client, leader, family, nurse):
    client.force_login(leader)

    new_line(client, family, kind="service", service=nurse.pk, organisation="", unit_price="700")

    assert Investment.objects.get().unit_price == Decimal(700)


def test_an_organisation_chosen_wins_over_the_catalogue(client, leader, family, nurse):
    client.force_login(leader)

    new_line(client, family, kind="service", service=nurse.pk, organisation=org(family.municipality, "skole").pk)

    assert Investment.objects.get().organisation == org(family.municipality, "skole")


def test_a_free_price_of_nothing_is_kept_rather_than_the_catalogues(client, leader, family, nurse):
    client.force_login(leader)

    new_line(client, family, kind="service", service=nurse.pk, unit_price="0")

    assert Investment.objects.get().unit_price == 0


def test_only_the_municipalitys_own_services_in_use_can_be_chosen(client, leader, family, nurse, other_municipality):
    retired = make_service(family.municipality, "Retired service", active=False)
    elsewhere = make_service(other_municipality, "Service elsewhere")
    client.force_login(leader)

    offered = client.get(reverse("investment_new", args=[family.pk])).context["form"].fields["service"].queryset

    assert list(offered) == [nurse]
    for service in (retired, elsewhere):
        response = new_line(client, family, service=service.pk)
        assert list(response.context["form"].errors) == ["service"]
    assert not Investment.objects.exists()


def test_a_line_keeps_its_service_after_the_service_is_retired(client, leader, family, nurse):
    line = make_line(family, leader, service=nurse, what="")
    nurse.active = False
    nurse.save()
    client.force_login(leader)

    response = client.post(reverse("investment_edit", args=[family.pk, line.pk]), edit_data(line, quantity="2"))

    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.service, line.quantity) == (nurse, 2)


def test_an_organisation_of_another_municipality_cannot_be_chosen(client, leader, family, other_municipality):
    client.force_login(leader)

    response = new_line(client, family, organisation=org(other_municipality, "nav").pk)

    assert list(response.context["form"].errors) == ["organisation"]
    assert not Investment.objects.exists()


# What is missing or wrong is named, the rest is kept, nothing is saved


@pytest.mark.parametrize(
    "missing, field, message",
    [
        ({"what": ""}, "what", "Say what it is, or choose a service from the catalogue."),
        ({"what": "   "}, "what", "Say what it is, or choose a service from the catalogue."),
        ({"organisation": ""}, "organisation", "Say which organisation pays for it."),
        ({"unit_price": ""}, "unit_price", "Give the price per unit, or choose a service from the catalogue."),
        (
            {"starts_on": "2026-03-01", "ends_on": "2026-02-28"},
            "ends_on",
            "The end comes before the start. Choose an end on or after the start.",
        ),
    ],
)
def test_the_form_names_what_is_missing_keeps_what_was_typed_and_saves_nothing(
    client, leader, family, missing, field, message
):
    client.force_login(leader)
    typed = {"what": "Typed words", "quantity": "3.25", "unit_price": "4321", "starts_on": "2026-03-01"} | missing

    response = new_line(client, family, **typed)

    page = response.content.decode()
    assert response.status_code == 200
    assert field_errors(page) == {field: message}
    assert "Nothing has been saved yet." in page
    for name, value in typed.items():
        if name != field and value.strip():
            assert f'name="{name}" value="{value}"' in page, name
    assert not Investment.objects.exists()


@pytest.mark.parametrize("field", ["quantity", "unit_price"])
def test_a_negative_quantity_or_price_is_refused(client, leader, family, field):
    client.force_login(leader)

    response = new_line(client, family, **{field: "-1"})

    assert list(field_errors(response.content.decode())) == [field]
    assert not Investment.objects.exists()


def test_a_negative_price_is_refused_even_with_a_service_from_the_catalogue(client, leader, family, nurse):
    client.force_login(leader)

    response = new_line(client, family, service=nurse.pk, unit_price="-850")

    assert list(field_errors(response.content.decode())) == ["unit_price"]
    assert not Investment.objects.exists()


def test_an_end_on_the_day_it_starts_is_accepted(client, leader, family):
    client.force_login(leader)

    new_line(client, family, starts_on="2026-03-01", ends_on="2026-03-01")

    assert Investment.objects.get().ends_on == datetime.date(2026, 3, 1)


# Two people at once


def test_saving_over_a_change_made_meanwhile_is_refused_and_nothing_changes(client, leader, member, family):
    line = make_line(family, leader)
    url = reverse("investment_edit", args=[family.pk, line.pk])
    opened_at = edit_data(line)  # the leader opens the form at version 1 ...
    client.force_login(member)
    assert client.post(url, edit_data(line, unit_price="1100")).status_code == 302  # ... the member saves first
    client.force_login(leader)

    response = client.post(url, opened_at | {"unit_price": "9999"})

    assert response.status_code == 200
    assert "Someone else changed this while you were editing it." in response.content.decode()
    line.refresh_from_db()
    assert (line.unit_price, line.version) == (Decimal(1100), 2)


def test_saving_a_line_without_the_version_it_was_opened_at_is_refused(client, leader, family):
    line = make_line(family, leader)

    client.force_login(leader)
    response = client.post(
        reverse("investment_edit", args=[family.pk, line.pk]), edit_data(line, unit_price="9", version="")
    )

    assert "Someone else changed this" in response.content.decode()
    line.refresh_from_db()
    assert (line.unit_price, line.version) == (Decimal(1000), 1)
