"""A child who turns 18 stops being covered by a guardian's consent and signature on that day: the team loses
sight of the young adult until they consent themselves, and the investment leader is told ahead of time."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from tests.conftest import FAMILY, Role, add_to_team, make_participant, make_user, org
from welfarelab.access import policy
from welfarelab.access.models import AuditEntry
from welfarelab.capture.models import Consent
from welfarelab.mapping.models import Entry
from welfarelab.people import coming_of_age
from welfarelab.people.models import Person, adults_born_by
from welfarelab.plans import agreement

BORN = datetime.date(2008, 12, 20)
EVE = datetime.datetime(2026, 12, 19, 12, tzinfo=datetime.UTC)  # the day before the 18th birthday
BIRTHDAY = datetime.datetime(2026, 12, 20, 12, tzinfo=datetime.UTC)


@pytest.fixture
def growing(municipality, leader, referrer, member):
    """The mother consented to NAV for herself and, as guardian, for her children; the eldest turns 18."""
    people = [*FAMILY, ("Eldest", Person.Relation.CHILD, BORN)]
    household = make_participant(municipality, leader, referrer, consents=("nav",), people=people)
    add_to_team(household, member, "nav")
    return household


def eldest(household):
    return household.members.get(given_name="Eldest")


def seen_by(user, household):
    return sorted(policy.persons(user, household).values_list("given_name", flat=True))


@pytest.mark.parametrize(
    ("born", "adult", "minor"),
    [
        (BORN, datetime.date(2026, 12, 20), datetime.date(2026, 12, 19)),
        (datetime.date(2008, 2, 29), datetime.date(2026, 3, 1), datetime.date(2026, 2, 28)),  # no 29th in 2026
        (datetime.date(2010, 2, 28), datetime.date(2028, 2, 28), datetime.date(2028, 2, 27)),
        (datetime.date(2010, 3, 1), datetime.date(2028, 3, 1), datetime.date(2028, 2, 29)),  # a leap day in 2028
    ],
)
def test_the_18th_birthday_is_the_day(born, adult, minor):
    person = Person(relation=Person.Relation.CHILD, birth_date=born)
    assert person.of_age_on == adult
    assert born <= adults_born_by(adult) and born > adults_born_by(minor)
    with time_machine.travel(minor):
        assert not person.gives_own_consent
    with time_machine.travel(adult):
        assert person.gives_own_consent


def test_the_team_loses_sight_of_the_young_adult_on_the_birthday(growing, member, leader):
    note = Entry.objects.create(household=growing, section="good_at", person=eldest(growing), text="Wants to study")
    with time_machine.travel(EVE):
        assert seen_by(member, growing) == ["Child", "Eldest", "Mother"]
        assert policy.notes(member, growing).filter(pk=note.pk).exists()
    with time_machine.travel(BIRTHDAY):
        assert seen_by(member, growing) == ["Child", "Mother"]
        assert not policy.notes(member, growing).filter(pk=note.pk).exists()
        assert seen_by(leader, growing) == ["Child", "Eldest", "Father", "Mother"]  # the leader sees everyone


def consent_post(person, codes=("nav",), **extra):
    data = {"person": person.pk, "given_on": "20.12.2026", "method": "in_app"}
    return data | {"organisations": [org(person.municipality, code).pk for code in codes]} | extra


def test_the_young_adult_consents_and_the_team_sees_them_again(client, growing, leader, member):
    url = reverse("consent_new", args=[growing.pk])
    with time_machine.travel(BIRTHDAY):
        client.force_login(leader)  # a session does not outlive the days travelled
        page = client.get(f"{url}?person={eldest(growing).pk}")
        assert page.status_code == 200 and page.context["form"]["person"].value() == str(eldest(growing).pk)
        response = client.post(url, consent_post(eldest(growing)))
        assert response["Location"] == reverse("participant", args=[growing.pk])
        consent = Consent.objects.get(given_by=eldest(growing))
        assert (consent.organisation.code, consent.given_on, consent.recorded_by) == ("nav", BIRTHDAY.date(), leader)
        assert AuditEntry.objects.filter(user=leader, action="create", object_id=str(consent.pk), detail="nav").exists()
        assert seen_by(member, growing) == ["Child", "Eldest", "Mother"]


def test_before_18_a_consent_to_nav_is_refused(client, growing, leader):
    """At 17 the eldest consents for themselves to a health service (tests/access/test_young_peoples_say.py), but
    to NAV only from their 18th birthday."""
    url = reverse("consent_new", args=[growing.pk])
    with time_machine.travel(EVE):
        client.force_login(leader)  # a session does not outlive the days travelled
        page = client.get(url)
        assert [p.given_name for p in page.context["form"].fields["person"].queryset] == ["Father", "Mother", "Eldest"]
        response = client.post(url, consent_post(eldest(growing)))
    assert response.status_code == 400
    assert response.context["form"].errors["organisations"] == [
        "A guardian's consent still covers Eldest for NAV office (labour, welfare, social assistance)."
    ]
    assert not Consent.objects.filter(given_by=eldest(growing)).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"organisations": []}, "organisations", "Choose at least one service."),
        ({"given_on": "21.12.2026"}, "given_on", "The date cannot be in the future."),
        ({"method": "paper"}, "scan", "Attach a scan of the signed paper"),
        ({"given_on": "31.02.2026"}, "given_on", ""),
    ],
)
def test_what_cannot_be_recorded_is_named_and_nothing_is_saved(client, growing, leader, data, field, message):
    with time_machine.travel(BIRTHDAY):
        client.force_login(leader)  # a session does not outlive the days travelled
        response = client.post(reverse("consent_new", args=[growing.pk]), consent_post(eldest(growing)) | data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert response.context["form"]["person"].value() == str(eldest(growing).pk)  # what was typed is kept
    assert Consent.objects.filter(household=growing).count() == 1  # the mother's


def test_a_consent_already_in_force_is_not_recorded_twice(client, growing, leader):
    mother = growing.members.get(given_name="Mother")
    with time_machine.travel(BIRTHDAY):
        client.force_login(leader)  # a session does not outlive the days travelled
        response = client.post(reverse("consent_new", args=[growing.pk]), consent_post(mother, ("nav", "bolig")))
    assert response.status_code == 400
    assert "Mother already consents for" in " ".join(response.context["form"].errors["organisations"])
    assert Consent.objects.filter(household=growing).count() == 1


def test_a_scan_on_paper_is_kept_with_the_consent(client, growing, leader):
    scan = io.BytesIO(b"%PDF-1.4 signed")
    scan.name = "signed.pdf"
    with time_machine.travel(BIRTHDAY):
        client.force_login(leader)
        response = client.post(
            reverse("consent_new", args=[growing.pk]), consent_post(eldest(growing), method="paper", scan=scan)
        )
    assert response["Location"] == reverse("participant", args=[growing.pk])
    assert Consent.objects.get(given_by=eldest(growing)).scan.name.endswith(".pdf")


def test_only_the_leader_records_a_consent(client, growing, member, other_municipality):
    url = reverse("consent_new", args=[growing.pk])
    client.force_login(member)
    assert client.get(url).status_code == 403  # they see the family, and may not do this
    client.force_login(make_user(other_municipality, Role.INVESTMENT_LEADER))
    assert client.post(url, consent_post(eldest(growing))).status_code == 404
    assert Consent.objects.filter(household=growing).count() == 1


def test_after_exit_no_consent_is_recorded(client, growing, leader):
    growing.left_on = datetime.date(2026, 12, 1)
    growing.save(update_fields=["left_on"])
    with time_machine.travel(BIRTHDAY):
        client.force_login(leader)  # a session does not outlive the days travelled
        response = client.post(reverse("consent_new", args=[growing.pk]), consent_post(eldest(growing)))
        assert "consents are recorded again if it comes back" in response.content.decode()
        assert "Record a consent" not in client.get(reverse("participant", args=[growing.pk])).content.decode()
    assert not Consent.objects.filter(given_by=eldest(growing)).exists()


def test_the_leader_is_told_ahead_and_on_the_day(client, growing, leader, member):
    ahead = datetime.datetime(2026, 9, 22, 12, tzinfo=datetime.UTC)  # 89 days before
    with time_machine.travel(ahead - datetime.timedelta(days=2)):
        assert coming_of_age.notices([growing]) == []
    with time_machine.travel(ahead):
        client.force_login(leader)  # a session does not outlive the days travelled
        page = client.get(reverse("participant", args=[growing.pk])).content.decode()
        assert "Eldest turns 18 on 20.12.2026" in page
        assert "Eldest turns 18 on 20.12.2026" in client.get(reverse("home")).content.decode()
    with time_machine.travel(BIRTHDAY):
        client.force_login(leader)
        page = client.get(reverse("participant", args=[growing.pk])).content.decode()
        assert "Eldest turned 18 on 20.12.2026" in page
        assert f"{reverse('consent_new', args=[growing.pk])}?person={eldest(growing).pk}" in page
        client.force_login(member)
        assert "turned 18" not in client.get(reverse("participant", args=[growing.pk])).content.decode()
        Consent.objects.create(
            household=growing,
            given_by=eldest(growing),
            organisation=org(growing.municipality, "nav"),
            given_on=BIRTHDAY.date(),
            method="in_app",
            recorded_by=leader,
        )
        assert coming_of_age.notices([growing]) == []  # she consents herself: nothing more to tell


def test_the_notices_take_one_query_for_many_families(municipality, leader, referrer, django_assert_num_queries):
    families = [
        make_participant(municipality, leader, referrer, people=[*FAMILY, ("Eldest", Person.Relation.CHILD, BORN)])
        for _ in range(5)
    ]
    with time_machine.travel(BIRTHDAY), django_assert_num_queries(1):
        found = coming_of_age.notices(families)
        assert [str(n.person.household) for n in found] == [str(f) for f in families]


def test_the_young_adult_signs_the_plan_for_themselves(growing):
    with time_machine.travel(EVE):
        assert [s["name"] for s in agreement.content(growing, "en")["signers"]] == ["Father", "Mother"]
    with time_machine.travel(BIRTHDAY):
        assert [s["name"] for s in agreement.content(growing, "en")["signers"]] == [
            "Father",
            "Mother",
            "Eldest",
        ]
