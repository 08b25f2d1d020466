"""The team around the family: members leave with a date and a reason; trusted persons come and go."""

import datetime

from django.urls import reverse

from tests.mapping.conftest import person
from tests.plans.conftest import days, prepare, simple_plan, today
from welfarelab.access.models import AuditEntry
from welfarelab.plans import plan, team
from welfarelab.plans.models import TrustedPerson


def leave_url(household, membership):
    return reverse("team_leave", args=[household.pk, membership.pk])


def test_a_member_leaves_the_team_with_a_date_and_a_reason(client, leader, member, family):
    membership = family.team.get(member=member)
    client.force_login(leader)

    response = client.post(leave_url(family, membership), {"left_on": today().isoformat(), "left_reason": "New job"})

    assert response.url == reverse("participant", args=[family.pk])
    membership.refresh_from_db()
    assert (membership.left_on, membership.left_reason) == (today(), "New job")
    assert "(New job)" in client.get(reverse("participant", args=[family.pk])).content.decode()


def test_leaving_before_joining_is_refused(client, leader, member, family):
    membership = family.team.get(member=member)
    client.force_login(leader)

    response = client.post(leave_url(family, membership), {"left_on": "2026-01-01", "left_reason": "Typed reason"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"left_on": ["This is before they joined (21.01.2026)."]}
    assert 'value="Typed reason"' in response.content.decode()
    membership.refresh_from_db()
    assert membership.left_on is None


def test_leaving_needs_a_reason(client, leader, member, family):
    membership = family.team.get(member=member)
    client.force_login(leader)

    response = client.post(leave_url(family, membership), {"left_on": today().isoformat(), "left_reason": ""})

    assert list(response.context["form"].errors) == ["left_reason"]


def test_a_member_who_left_no_longer_decides_nor_sees_the_plan(client, leader, member, family):
    membership = family.team.get(member=member)
    client.force_login(leader)
    client.post(leave_url(family, membership), {"left_on": today().isoformat(), "left_reason": "New job"})

    assert list(plan.deciders(family)) == [leader]
    client.force_login(member)
    assert client.get(reverse("plan", args=[family.pk])).status_code == 404


def test_someone_leaves_only_once_even_if_the_button_is_pressed_twice(leader, member, family):
    membership = family.team.get(member=member)
    assert team.leave(leader, family, membership, left_on=days(-1), left_reason="First")
    assert not team.leave(leader, family, membership, left_on=today(), left_reason="Second")

    membership.refresh_from_db()
    assert (membership.left_on, membership.left_reason) == (days(-1), "First")
    assert AuditEntry.objects.filter(object_type="teammembership", detail__startswith="left").count() == 1


def test_someone_who_has_left_cannot_leave_again(client, leader, member, family):
    membership = family.team.get(member=member)
    family.team.filter(pk=membership.pk).update(left_on=days(-1), left_reason="Gone")
    client.force_login(leader)

    assert client.get(leave_url(family, membership)).status_code == 404


def test_the_leader_adds_a_trusted_person_shown_on_the_participant_page(client, leader, family):
    mother = person(family, "Mother")
    client.force_login(leader)

    response = client.post(
        reverse("trusted_new", args=[family.pk]),
        {
            "name": "Eva Berg",
            "who": "Grandmother",
            "phone": "99 88 77 66",
            "invited_by": mother.pk,
            "joined_on": today().isoformat(),
            "reason": "Comes to the meetings",
        },
    )

    assert response.url == reverse("participant", args=[family.pk])
    trusted = TrustedPerson.objects.get()
    assert (trusted.household, trusted.invited_by, str(trusted)) == (family, mother, "Eva Berg (Grandmother)")
    page = client.get(reverse("participant", args=[family.pk])).content.decode()
    assert "Eva Berg, 99 88 77 66" in page
    assert "Grandmother" in page


def test_a_trusted_person_without_saying_who_they_are_is_refused(client, leader, family):
    client.force_login(leader)

    response = client.post(
        reverse("trusted_new", args=[family.pk]), {"name": "Eva Berg", "joined_on": today().isoformat()}
    )

    assert list(response.context["form"].errors) == ["who"]
    assert 'value="Eva Berg"' in response.content.decode()
    assert not TrustedPerson.objects.exists()


def test_a_trusted_person_leaves_and_the_page_says_why(client, leader, family):
    trusted = TrustedPerson.objects.create(
        household=family, name="Eva Berg", who="Grandmother", joined_on=datetime.date(2026, 2, 1)
    )
    client.force_login(leader)

    response = client.post(
        reverse("trusted_leave", args=[family.pk, trusted.pk]),
        {"left_on": today().isoformat(), "left_reason": "Moved abroad"},
    )

    assert response.status_code == 302
    trusted.refresh_from_db()
    assert (trusted.left_on, trusted.left_reason) == (today(), "Moved abroad")
    assert "(Moved abroad)" in client.get(reverse("participant", args=[family.pk])).content.decode()


def test_the_agreement_names_the_trusted_persons_still_with_the_family(leader, family):
    simple_plan(family)
    TrustedPerson.objects.create(household=family, name="Eva", who="Grandmother", joined_on=today())
    TrustedPerson.objects.create(
        household=family, name="Ola", who="Neighbour", joined_on=days(-30), left_on=days(-1), left_reason="Moved"
    )

    assert prepare(leader, family).content["trusted"] == ["Eva (Grandmother)"]
