"""Protected addresses (fortrolig, code 7; strengt fortrolig, code 6): the address reaches only the family's
investment leader, everyone else who may see the person sees the mark and not the address, each look at a
protected person is audited, and no other page, PDF or export reads an address at all."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

import welfarelab
from tests.capture.test_referral import MOTHER, referral_post
from tests.conftest import Role, make_user
from welfarelab.access.models import AuditEntry
from welfarelab.people.models import Person

HIDDEN = "Skjultveien 7, 1386 Asker"
OPEN = "Åpen gate 2, 1384 Asker"
CODE = Path(welfarelab.__file__).parent


@pytest.fixture
def protected(family, referrer):
    """The mother's address is strictly confidential; the child's (seen by NAV through the guardian) is not."""
    Person.objects.filter(household=family).update(registered_by=referrer)
    Person.objects.filter(household=family, given_name="Mother").update(
        address=HIDDEN, address_protection=Person.Protection.STRICT
    )
    Person.objects.filter(household=family, given_name="Child").update(address=OPEN)
    return family


def looks(user):
    return list(
        AuditEntry.objects.filter(user=user, detail__startswith="protected address").values_list("detail", flat=True)
    )


def test_the_leader_sees_the_protected_address_and_the_team_only_the_mark(client, leader, member, protected):
    client.force_login(leader)
    page = client.get(reverse("participant", args=[protected.pk])).content.decode()
    assert HIDDEN in page and "Strictly confidential address (strengt fortrolig, code 6)" in page
    assert looks(leader) == ["protected address (strict): address shown"]

    client.force_login(member)
    page = client.get(reverse("participant", args=[protected.pk])).content.decode()
    assert HIDDEN not in page and "Skjultveien" not in page
    assert "Strictly confidential address" in page and "Only the investment leader sees it." in page
    assert OPEN in page  # an address nobody protects is shown
    assert looks(member) == ["protected address (strict): mark only shown"]
    entry = AuditEntry.objects.get(user=member, detail__startswith="protected address")
    assert entry.object_type == "person" and entry.household == protected


def test_the_referrer_who_wrote_the_address_sees_only_the_mark_afterwards(client, referrer, protected):
    client.force_login(referrer)
    page = client.get(reverse("referral", args=[protected.referral.pk])).content.decode()
    assert "Mother" in page and HIDDEN not in page and "Strictly confidential address" in page
    assert OPEN in page
    assert looks(referrer) == ["protected address (strict): mark only shown"]


def test_a_page_without_a_protected_person_writes_no_such_look(client, leader, family):
    client.force_login(leader)
    client.get(reverse("participant", args=[family.pk]))
    assert looks(leader) == []


def test_the_leader_marks_an_address_protected_audited_by_field_and_never_by_value(client, leader, family):
    mother = family.members.get(given_name="Mother")
    client.force_login(leader)
    url = reverse("person_address", args=[family.pk, mother.pk])
    form = client.get(url)
    assert form.status_code == 200 and 'name="address_protection"' in form.content.decode()
    response = client.post(url, {"address": HIDDEN, "address_protection": "confidential", "version": "1"})
    assert response.status_code == 302
    mother.refresh_from_db()
    assert (mother.address, mother.address_protection, mother.version) == (HIDDEN, "confidential", 2)
    change = AuditEntry.objects.get(user=leader, action=AuditEntry.Action.UPDATE, object_type="person")
    assert change.detail == "address: address, address_protection changed"
    assert not AuditEntry.objects.filter(detail__contains="Skjultveien").exists()


def test_two_leaders_changes_never_overwrite_each_other_silently(client, leader, family):
    mother = family.members.get(given_name="Mother")
    Person.objects.filter(pk=mother.pk).update(address="Someone else's change", version=2)
    client.force_login(leader)
    url = reverse("person_address", args=[family.pk, mother.pk])
    response = client.post(url, {"address": HIDDEN, "address_protection": "", "version": "1"})
    page = response.content.decode()
    assert response.status_code == 400 and "Someone else changed this" in page
    assert HIDDEN in page  # what the leader typed is kept
    mother.refresh_from_db()
    assert mother.address == "Someone else's change"


def test_a_wrong_mark_is_refused_naming_the_field(client, leader, family):
    mother = family.members.get(given_name="Mother")
    client.force_login(leader)
    url = reverse("person_address", args=[family.pk, mother.pk])
    response = client.post(url, {"address": HIDDEN, "address_protection": "code 8", "version": "1"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    mother.refresh_from_db()
    assert mother.address == ""


def test_only_the_familys_leader_may_change_an_address(client, municipality, leader, member, family):
    mother = family.members.get(given_name="Mother")
    url = reverse("person_address", args=[family.pk, mother.pk])
    client.force_login(member)
    assert client.post(url, {"address": HIDDEN, "version": "1"}).status_code == 403
    client.force_login(make_user(municipality, Role.INVESTMENT_LEADER, "koordinerende"))
    assert client.get(url).status_code == 404
    other = make_user(municipality, Role.INVESTMENT_LEADER, "koordinerende")
    client.force_login(leader)
    elsewhere = reverse("person_address", args=[family.pk, other.pk + 10_000])
    assert client.get(elsewhere).status_code == 404
    assert Person.objects.get(pk=mother.pk).address == ""


def test_the_referral_form_takes_the_address_and_its_mark(municipality, client, referrer):
    client.force_login(referrer)
    person = dict(MOTHER, address=HIDDEN, address_protection="strict")
    assert client.post(reverse("referral_new"), referral_post(municipality, [person])).status_code == 302
    saved = Person.objects.get(given_name="Line")
    assert (saved.address, saved.address_protection) == (HIDDEN, "strict")


def test_planning_a_meeting_warns_not_to_write_where_a_protected_person_lives(client, leader, protected):
    client.force_login(leader)
    page = client.get(reverse("meeting_new", args=[protected.pk])).content.decode()
    assert "Someone in this family has a protected address" in page
    Person.objects.filter(household=protected).update(address_protection="")
    page = client.get(reverse("meeting_new", args=[protected.pk])).content.decode()
    assert "protected address" not in page


def test_no_page_pdf_or_export_reads_an_address_but_through_the_one_module():
    """Every template shows an address as `where.address`, which only `people.addresses.shown` makes; no other
    module reads a person's address. A new page that printed `person.address` would fail here."""
    in_templates = [
        f"{path.relative_to(CODE)}: {match.group(0)}"
        for path in CODE.rglob("*.html")
        for match in re.finditer(r"[\w.]*\.address\b", path.read_text())
        if match.group(0) != "where.address"
    ]
    assert in_templates == []
    in_code = [
        str(path.relative_to(CODE))
        for path in CODE.rglob("*.py")
        if "migrations" not in path.parts
        and path.name != "addresses.py"
        and re.search(r"\.address\b|[\"']address[\"']", path.read_text())
    ]
    # Where it is defined, the referral form where the referrer writes it, and the demo's referrals.
    assert sorted(in_code) == ["demo/loader.py", "people/forms.py", "people/models.py"]
