"""Before 18 a young person has the say over what some services share about them: from 16 a health service
(pasient- og brukerrettighetsloven § 4-3), from 15 child welfare (a party to their own case); a guardian's consent
to such a service stops covering them on that birthday, and their own consent takes its place."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.conftest import FAMILY, Role, add_to_team, make_participant, make_user, org
from welfarelab.access import policy
from welfarelab.capture import steps
from welfarelab.capture.models import Consent
from welfarelab.people.models import Organisation, Person

TODAY = datetime.datetime(2026, 12, 4, 12, tzinfo=datetime.UTC)
SIXTEEN = datetime.date(2010, 12, 4)  # 16 today
FIFTEEN = datetime.date(2011, 12, 4)  # 15 today
NOT_YET_15 = datetime.date(2011, 12, 5)  # 15 tomorrow


@pytest.fixture
def family(municipality, leader, referrer):
    """The mother, as guardian, consented to NAV, the child health clinic and child welfare for her children."""
    people = [*FAMILY[:2], ("Sixteen", Person.Relation.CHILD, SIXTEEN), ("Fourteen", Person.Relation.CHILD, NOT_YET_15)]
    people.append(("Fifteen", Person.Relation.CHILD, FIFTEEN))
    return make_participant(
        municipality, leader, referrer, consents=("nav", "helsestasjon", "barnevern"), people=people
    )


def member_of(family, code):
    user = make_user(family.municipality, Role.TEAM_MEMBER, code)
    add_to_team(family, user, code)
    return user


def children_seen(user, household):
    with time_machine.travel(TODAY):
        return sorted(policy.persons(user, household).filter(relation="child").values_list("given_name", flat=True))


def test_the_default_catalogue_says_who_decides_from_when(municipality):
    assert org(municipality, "helsestasjon").own_say_from == org(municipality, "bup").own_say_from == 16
    assert org(municipality, "barnevern").own_say_from == 15
    assert org(municipality, "nav").own_say_from == org(municipality, "skole").own_say_from == 18


def test_a_guardians_consent_covers_each_child_until_the_services_own_birthday(family):
    assert children_seen(member_of(family, "nav"), family) == ["Fifteen", "Fourteen", "Sixteen"]
    assert children_seen(member_of(family, "helsestasjon"), family) == ["Fifteen", "Fourteen"]
    assert children_seen(member_of(family, "barnevern"), family) == ["Fourteen"]


def test_the_birthday_is_the_day(family):
    barnevern = member_of(family, "barnevern")
    with time_machine.travel(TODAY - datetime.timedelta(days=1)):
        assert "Fifteen" in policy.persons(barnevern, family).values_list("given_name", flat=True)
    assert children_seen(barnevern, family) == ["Fourteen"]


def test_the_young_persons_own_consent_takes_the_guardians_place(family, leader):
    health = member_of(family, "helsestasjon")
    sixteen = family.members.get(given_name="Sixteen")
    with time_machine.travel(TODAY):
        steps.give_consent(
            leader,
            family,
            person=sixteen,
            organisations=[org(family.municipality, "helsestasjon")],
            given_on=TODAY.date(),
            method="in_app",
        )
    assert children_seen(health, family) == ["Fifteen", "Fourteen", "Sixteen"]
    assert Consent.objects.get(given_by=sixteen).organisation.code == "helsestasjon"


def test_before_18_a_young_person_consents_only_where_they_have_the_say(family, leader):
    sixteen = family.members.get(given_name="Sixteen")
    services = [org(family.municipality, code) for code in ("helsestasjon", "nav")]
    with time_machine.travel(TODAY), pytest.raises(ValidationError) as refused:
        steps.give_consent(
            leader, family, person=sixteen, organisations=services, given_on=TODAY.date(), method="in_app"
        )
    assert refused.value.message_dict == {
        "organisations": [
            "A guardian's consent still covers Sixteen for NAV office (labour, welfare, social assistance)."
        ]
    }
    assert not Consent.objects.filter(given_by=sixteen).exists()


def test_the_consent_page_offers_the_young_people_who_consent_for_themselves_somewhere(client, family, leader):
    with time_machine.travel(TODAY):
        client.force_login(leader)  # inside the travel: the session would expire on the way
        page = client.get(reverse("consent_new", args=[family.pk]))
    offered = page.context["form"].fields["person"].queryset.values_list("given_name", flat=True)
    assert sorted(offered) == ["Father", "Fifteen", "Mother", "Sixteen"]


def test_the_administrator_sets_it_for_each_service(client, municipality):
    administrator = make_user(municipality, Role.ADMINISTRATOR)
    client.force_login(administrator)
    ppt = org(municipality, "ppt")
    page = client.get(reverse("organisation_edit", args=[ppt.pk]))
    assert page.context["form"].fields["own_say_from"].choices[1:] == Organisation.OwnSay.choices[1:]
    data = {
        "code": "ppt",
        "name_en": ppt.name_en,
        "name_nb": ppt.name_nb,
        "name_nn": ppt.name_nn,
        "owner": ppt.owner,
        "own_say_from": 16,
        "active": "on",
        "version": ppt.version,
    }
    assert client.post(reverse("organisation_edit", args=[ppt.pk]), data).status_code == 302
    ppt.refresh_from_db()
    assert ppt.own_say_from == 16
