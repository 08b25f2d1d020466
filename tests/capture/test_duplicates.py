"""A referral naming someone the lab knows: accepted, the referrer is told nothing, the leader sees it (audited)."""

from django.urls import reverse

from tests.conftest import Role, make_household, make_user
from welfarelab.access.models import AuditEntry
from welfarelab.people.models import Person

NUMBER = "01018512345"


def _give_number(household, given_name="Mother"):
    Person.objects.filter(household=household, given_name=given_name).update(national_id=NUMBER)


def test_the_leader_sees_the_other_family_and_the_look_is_on_its_record(client, municipality, leader, referrer, family):
    _give_number(family)
    again = make_household(municipality, referrer, name="Referred again")
    _give_number(again)

    client.force_login(leader)
    page = client.get(reverse("referral", args=[again.referral.pk])).content.decode()
    assert "Possible duplicate" in page
    assert f"family no. {family.pk}, investment leader {leader}" in page
    shown = AuditEntry.objects.get(household=family, detail="possible duplicate shown")
    assert shown.user == leader and shown.action == AuditEntry.Action.VIEW


def test_the_referrer_and_other_leaders_see_no_duplicate(client, municipality, leader, referrer, family):
    _give_number(family)
    again = make_household(municipality, referrer, name="Referred again", taken_by=leader)
    _give_number(again)
    other_leader = make_user(municipality, Role.INVESTMENT_LEADER, "koordinerende")

    client.force_login(referrer)
    assert "Possible duplicate" not in client.get(reverse("referral", args=[again.referral.pk])).content.decode()
    client.force_login(other_leader)  # the referral is taken by someone else: not theirs to see
    assert client.get(reverse("referral", args=[again.referral.pk])).status_code == 404
    assert not AuditEntry.objects.filter(detail="possible duplicate shown").exists()


def test_a_family_without_duplicates_shows_none_and_logs_none(client, municipality, leader, referrer, family):
    _give_number(family)
    client.force_login(leader)
    page = client.get(reverse("referral", args=[family.referral.pk])).content.decode()
    assert "Possible duplicate" not in page
    assert not AuditEntry.objects.filter(detail="possible duplicate shown").exists()


def test_the_same_number_in_another_municipality_is_no_duplicate(
    client, municipality, other_municipality, leader, referrer, family
):
    _give_number(family)
    elsewhere = make_household(other_municipality, make_user(other_municipality, Role.REFERRER, "skole"))
    _give_number(elsewhere)
    again = make_household(municipality, referrer, name="Referred again")
    _give_number(again)
    client.force_login(leader)
    page = client.get(reverse("referral", args=[again.referral.pk])).content.decode()
    assert page.count("family no.") == 1
