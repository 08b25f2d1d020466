"""The capture steps take values and the principal, not forms: the same validation, transaction and audit
whichever door calls them (a page, the API, a task)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.conftest import make_household, org, qualify
from welfarelab.access.models import AuditEntry
from welfarelab.capture import steps
from welfarelab.capture.models import Consent, Conversation, ParticipationAgreement, Qualification
from welfarelab.people.models import Household, Person

ANSWERS = {
    "wants_change": True,
    "lifts_confidentiality": True,
    "complex_needs": True,
    "long_term_plan": True,
    "outcome": Qualification.Outcome.QUALIFIED,
    "reason": "Every criterion is met",
}


@pytest.fixture
def taken(municipality, referrer, leader):
    household = make_household(municipality, referrer, taken_by=leader)
    return household.referral


def _today():
    return timezone.localdate()


def test_qualifying_with_values_records_it_and_its_audit(leader, taken):
    qualification = steps.qualify(leader, taken, **ANSWERS, assessed_on=_today())
    assert qualification.assessed_by == leader and qualification.version == 1
    assert AuditEntry.objects.filter(object_type="qualification", user=leader, action="create").count() == 1


def test_every_unmet_criterion_and_a_future_date_are_named_at_once_and_nothing_is_saved(leader, taken):
    tomorrow = _today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        steps.qualify(
            leader, taken, **ANSWERS | {"complex_needs": False, "long_term_plan": False}, assessed_on=tomorrow
        )
    assert set(refused.value.error_dict) == {"complex_needs", "long_term_plan", "assessed_on"}
    assert not Qualification.objects.exists()
    assert not AuditEntry.objects.filter(object_type="qualification").exists()


def test_a_reassessment_from_an_old_version_is_refused(leader, taken):
    steps.qualify(leader, taken, **ANSWERS, assessed_on=_today())
    steps.qualify(leader, taken, **ANSWERS | {"reason": "Looked again"}, assessed_on=_today(), version=1)
    with pytest.raises(ValidationError, match="Someone else changed"):
        steps.qualify(leader, taken, **ANSWERS | {"reason": "From an old page"}, assessed_on=_today(), version=1)
    assert Qualification.objects.get().reason == "Looked again"


def test_a_value_the_model_refuses_is_named_by_its_field(leader, taken):
    with pytest.raises(ValidationError) as refused:
        steps.qualify(leader, taken, **ANSWERS | {"outcome": "maybe"}, assessed_on=_today())
    assert "outcome" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        steps.record_conversation(leader, taken, held_on=_today(), present="", explained="", answer="wants_to_join")
    assert "explained" in refused.value.error_dict
    assert not Conversation.objects.exists()


def test_joining_with_values(leader, municipality, taken):
    qualify(taken.household, leader)
    mother = taken.household.members.get(relation="parent")
    household = steps.join(
        leader,
        taken,
        signed_on=_today(),
        method="in_app",
        signed_by=[mother],
        consents={mother: [org(municipality, "nav")]},
    )
    assert household.joined_on == _today() and household.investment_leader == leader
    assert Consent.objects.get().organisation.code == "nav"


def test_joining_names_each_wrong_value_and_changes_nothing(leader, municipality, taken):
    qualify(taken.household, leader)
    mother = taken.household.members.get(relation="parent")
    child = taken.household.members.get(relation="child")
    not_a_scan = SimpleUploadedFile("agreement.pdf", b"not a pdf")
    with pytest.raises(ValidationError) as refused:
        steps.join(
            leader,
            taken,
            signed_on=_today() + datetime.timedelta(days=1),
            method="paper",
            signed_by=[child],
            consents={mother: [org(municipality, "nav")]},
            scan=not_a_scan,
        )
    assert set(refused.value.error_dict) == {"signed_on", "scan", "signed_by"}
    with pytest.raises(ValidationError, match="at least one consent"):
        steps.join(leader, taken, signed_on=_today(), method="in_app", signed_by=[mother], consents={mother: []})
    assert not ParticipationAgreement.objects.exists() and not Consent.objects.exists()
    taken.household.refresh_from_db()
    assert taken.household.joined_on is None


def _referral(municipality, **overrides):
    mother = {
        "given_name": "Kari",
        "family_name": "Nilsen",
        "relation": "parent",
        "birth_date": datetime.date(1985, 3, 1),
    }
    child = {"given_name": "Ola", "family_name": "Nilsen", "relation": "child", "birth_date": datetime.date(2015, 7, 2)}
    values = {
        "name": "Familien Nilsen",
        "persons": [mother, child],
        "referring_organisation": org(municipality, "skole"),
        "why_now": "Ola is often away from school",
        "what_is_known": "Kari has lost her job",
        "family_told": "That the lab will call",
        "agreed_to_contact": True,
    }
    return values | overrides


def test_registering_a_referral_with_values(municipality, referrer):
    referral = steps.register_referral(referrer, **_referral(municipality))
    assert referral.household.members.count() == 2
    assert set(referral.household.members.values_list("registered_by", flat=True)) == {referrer.pk}
    assert AuditEntry.objects.filter(object_type="referral", user=referrer, action="create").count() == 1


def test_a_members_wrong_value_is_named_by_member_and_field_and_nothing_is_saved(
    municipality, referrer, other_municipality
):
    values = _referral(municipality)
    values["persons"][1] |= {"national_id": "02071552309", "birth_date": datetime.date(2016, 1, 1)}
    values["referring_organisation"] = org(other_municipality, "skole")
    values["why_now"] = ""
    with pytest.raises(ValidationError) as refused:
        steps.register_referral(referrer, **values)
    assert set(refused.value.error_dict) == {"persons.1.national_id", "referring_organisation", "why_now"}
    with pytest.raises(ValidationError) as refused:
        steps.register_referral(referrer, **_referral(municipality, persons=[]))
    assert set(refused.value.error_dict) == {"persons"}
    assert not Household.objects.exists() and not Person.objects.exists()


def test_an_identity_number_twice_in_one_referral_is_refused_but_one_known_before_is_accepted(municipality, referrer):
    twins = [
        {"given_name": name, "relation": "child", "birth_date": datetime.date(2015, 7, 2), "national_id": "02071552309"}
        for name in ("Ola", "Per")
    ]
    with pytest.raises(ValidationError) as refused:
        steps.register_referral(referrer, **_referral(municipality, persons=twins))
    assert set(refused.value.error_dict) == {"persons.1.national_id"}
    steps.register_referral(referrer, **_referral(municipality, persons=twins[:1]))
    steps.register_referral(referrer, **_referral(municipality, persons=twins[1:]))  # the leader sees the duplicate
