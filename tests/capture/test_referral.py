"""Registering a referral: what is saved, and what bad input does."""

import pytest
from django.urls import reverse

from tests.conftest import org
from welfarelab.access.models import AuditEntry
from welfarelab.capture.models import Referral
from welfarelab.people.models import Household, Person


def referral_post(municipality, persons, **overrides):
    data = {
        "household-name": "The Test family",
        "household-preferred_language": "",
        "household-interpreter_language": "",
        "person-TOTAL_FORMS": str(len(persons)),
        "person-INITIAL_FORMS": "0",
        "person-MIN_NUM_FORMS": "0",
        "person-MAX_NUM_FORMS": "15",
        "referral-referring_organisation": org(municipality, "skole").pk,
        "referral-why_now": "School absence this autumn.",
        "referral-what_is_known": "Single mother, two children.",
        "referral-family_told": "That the lab will call.",
        "referral-agreed_to_contact": "True",
    }
    for i, person in enumerate(persons):
        for key, value in person.items():
            data[f"person-{i}-{key}"] = value
    data.update(overrides)
    return data


MOTHER = {"given_name": "Line", "family_name": "Test", "relation": "parent", "birth_date": "1932-01-02"}
CHILD = {"given_name": "Tobias", "family_name": "Test", "relation": "child", "birth_date": "2014-10-10"}


@pytest.fixture
def as_referrer(client, referrer):
    client.force_login(referrer)
    return client


def test_a_referral_is_saved_with_its_household_and_people_and_suggested_group(municipality, as_referrer, referrer):
    response = as_referrer.post(
        reverse("referral_new"), referral_post(municipality, [dict(MOTHER, national_id="02013299997"), CHILD])
    )
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert referral.referred_by == referrer and referral.taken_by is None
    assert referral.household.municipality == municipality
    assert [p.given_name for p in referral.household.members.order_by("pk")] == ["Line", "Tobias"]
    assert referral.household.target_group == "A"
    assert AuditEntry.objects.filter(action="create", household=referral.household).exists()


def test_an_invalid_identity_number_is_refused_naming_the_field_and_nothing_is_saved(municipality, as_referrer):
    response = as_referrer.post(
        reverse("referral_new"), referral_post(municipality, [dict(MOTHER, national_id="15108695077")])
    )
    assert response.status_code == 200
    assert response.context["persons"].forms[0].errors["national_id"]
    assert "not a valid fødselsnummer or D-number" in response.content.decode()
    assert not Household.objects.exists() and not Person.objects.exists() and not Referral.objects.exists()


def test_what_the_user_typed_is_kept_after_an_error(municipality, as_referrer):
    response = as_referrer.post(
        reverse("referral_new"), referral_post(municipality, [dict(MOTHER, national_id="15108695077")])
    )
    html = response.content.decode()
    assert 'value="The Test family"' in html
    assert 'value="15108695077"' in html
    assert "School absence this autumn." in html


def test_a_birth_date_in_the_future_is_refused(municipality, as_referrer):
    response = as_referrer.post(
        reverse("referral_new"), referral_post(municipality, [dict(MOTHER, birth_date="2099-01-01")])
    )
    assert "cannot be in the future" in response.context["persons"].forms[0].errors["birth_date"][0]
    assert not Household.objects.exists()


def test_an_identity_number_that_does_not_match_the_birth_date_is_refused(municipality, as_referrer):
    response = as_referrer.post(
        reverse("referral_new"),
        referral_post(municipality, [dict(MOTHER, national_id="02013299997", birth_date="1932-01-03")]),
    )
    assert response.context["persons"].forms[0].errors["national_id"]


def test_a_known_identity_number_is_accepted_so_the_referrer_learns_nothing(municipality, as_referrer):
    """The form must not be an oracle for whether the lab knows someone: the answer is the same either way."""
    first = referral_post(municipality, [dict(MOTHER, national_id="02013299997")])
    unknown = as_referrer.post(reverse("referral_new"), first)
    known = as_referrer.post(reverse("referral_new"), first)
    assert unknown.status_code == known.status_code == 302
    assert Person.objects.filter(national_id="02013299997").count() == 2
    assert "already" not in as_referrer.get(known["Location"]).content.decode()


def test_the_same_identity_number_twice_in_one_referral_is_refused(municipality, as_referrer):
    twice = dict(MOTHER, national_id="02013299997")
    response = as_referrer.post(reverse("referral_new"), referral_post(municipality, [twice, twice]))
    assert response.status_code == 200
    assert not Household.objects.exists()


def test_the_same_identity_number_in_another_municipality_is_allowed(municipality, other_municipality, client):
    from tests.conftest import Role, make_user

    for m in (municipality, other_municipality):
        client.force_login(make_user(m, Role.REFERRER))
        response = client.post(reverse("referral_new"), referral_post(m, [dict(MOTHER, national_id="02013299997")]))
        assert response.status_code == 302
    assert Person.objects.filter(national_id="02013299997").count() == 2


def test_an_over_long_text_is_refused_naming_the_field(municipality, as_referrer):
    data = referral_post(municipality, [MOTHER], **{"referral-why_now": "x" * 4001})
    response = as_referrer.post(reverse("referral_new"), data)
    assert "at most 4000 characters" in response.context["referral_form"].errors["why_now"][0]
    assert not Household.objects.exists()


def test_a_referral_needs_at_least_one_person(municipality, as_referrer):
    response = as_referrer.post(reverse("referral_new"), referral_post(municipality, []))
    assert response.context["persons"].non_form_errors()
    assert not Household.objects.exists()


def test_a_referral_cannot_name_another_municipalitys_unit(municipality, other_municipality, as_referrer):
    data = referral_post(
        municipality, [MOTHER], **{"referral-referring_organisation": org(other_municipality, "skole").pk}
    )
    response = as_referrer.post(reverse("referral_new"), data)
    assert response.context["referral_form"].errors["referring_organisation"]


def test_an_identity_number_typed_with_spaces_is_read_without_them(municipality, as_referrer):
    as_referrer.post(
        reverse("referral_new"), referral_post(municipality, [dict(MOTHER, national_id="020132 99997"), CHILD])
    )
    assert Person.objects.get(given_name="Line").national_id == "02013299997"


def test_no_field_cuts_what_is_typed_in_the_browser(as_referrer):
    html = as_referrer.get(reverse("referral_new")).content.decode()
    assert 'name="person-0-national_id"' in html and "maxlength" not in html


def test_a_name_longer_than_the_limit_is_refused_saying_the_limit_and_kept_whole(municipality, as_referrer):
    long_name = "Kristoffersen-" * 7  # 98 characters
    response = as_referrer.post(
        reverse("referral_new"), referral_post(municipality, [dict(MOTHER, family_name=long_name), CHILD])
    )
    assert response.status_code == 200 and not Person.objects.exists()
    errors = response.context["persons"].forms[0].errors["family_name"]
    assert errors == ["Ensure this value has at most 80 characters (it has 98)."]
    assert f'value="{long_name}"' in response.content.decode()


def test_the_referrers_status_page_lists_the_people_she_registered_and_no_others(municipality, as_referrer):
    as_referrer.post(reverse("referral_new"), referral_post(municipality, [MOTHER, CHILD]))
    referral = Referral.objects.get()
    Person.objects.create(
        household=referral.household,
        municipality=municipality,
        given_name="Written in later",
        relation="other_adult",
        birth_date="1990-01-01",
    )
    html = as_referrer.get(reverse("referral", args=[referral.pk])).content.decode()
    assert "Line Test" in html and "Tobias Test" in html
    assert "Written in later" not in html
