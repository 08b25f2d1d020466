"""Something unexpected happened: recorded by anyone on the team, seen as the consent allows, and on to the plan."""

from django.urls import reverse

from tests.conftest import Role, make_user
from tests.mapping.conftest import person
from tests.plans.conftest import days
from welfarelab.access.models import AuditEntry
from welfarelab.journey.models import UnexpectedEvent


def event_data(**overrides):
    return {"happened_on": days(-2).isoformat(), "what": "Lost the flat", "person": "", "seriousness": "serious"} | (
        overrides
    )


def test_anyone_on_the_team_records_what_happened_and_it_is_on_the_journey(client, member, family):
    client.force_login(member)

    response = client.post(reverse("unexpected_new", args=[family.pk]), event_data())

    assert response.status_code == 302 and response.url == reverse("journey", args=[family.pk])
    event = UnexpectedEvent.objects.get()
    assert (event.household, event.recorded_by, event.seriousness) == (family, member, "serious")
    page = client.get(reverse("journey", args=[family.pk])).content.decode()
    assert "Lost the flat" in page and "Something unexpected happened" in page
    assert AuditEntry.objects.filter(user=member, action="create", object_type="unexpectedevent").exists()


def test_going_straight_on_to_adjust_the_plan(client, leader, family):
    client.force_login(leader)

    response = client.post(reverse("unexpected_new", args=[family.pk]), event_data(adjust_plan="on"))

    assert response.url == reverse("plan", args=[family.pk])


def test_what_has_not_happened_yet_is_refused_and_what_was_typed_kept(client, leader, family):
    client.force_login(leader)

    response = client.post(reverse("unexpected_new", args=[family.pk]), event_data(happened_on=days(3).isoformat()))

    assert response.status_code == 400
    assert "choose today or earlier" in str(response.context["form"].errors["happened_on"])
    assert "Lost the flat" in response.content.decode()
    assert not UnexpectedEvent.objects.exists()


def test_an_event_about_someone_outside_the_consent_is_hidden_and_cannot_be_given_to_them(
    client, leader, member, family
):
    father = person(family, "Father")
    UnexpectedEvent.objects.create(
        household=family, happened_on=days(-1), what="Father in hospital", person=father, seriousness="critical",
        recorded_by=leader,
    )  # fmt: skip
    client.force_login(member)

    page = client.get(reverse("journey", args=[family.pk])).content.decode()
    participant = client.get(reverse("participant", args=[family.pk])).content.decode()
    refused = client.post(reverse("unexpected_new", args=[family.pk]), event_data(person=father.pk))

    assert "Father in hospital" not in page and "Father in hospital" not in participant
    assert refused.status_code == 400 and "person" in refused.context["form"].errors


def test_staff_of_another_municipality_cannot_record(client, family, other_municipality):
    client.force_login(make_user(other_municipality, Role.INVESTMENT_LEADER))

    assert client.post(reverse("unexpected_new", args=[family.pk]), event_data()).status_code == 404
    assert not UnexpectedEvent.objects.exists()
