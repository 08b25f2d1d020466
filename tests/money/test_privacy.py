"""Who sees the investment: the team within the family's consent, the leader in full, nobody else; all audited."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import Role, make_participant, make_user, org
from tests.money.conftest import edit_data, line_data, person
from welfarelab.access import policy
from welfarelab.access.models import AuditEntry
from welfarelab.money.models import Investment

SHOWN = ["Housing support", "Course for the mother"]
HIDDEN = ["Treatment for the father"]


@pytest.fixture(autouse=True)
def june_2026(time_machine):
    """Today is 15 June 2026 (noon in the installation's time zone), so that ongoing lines add up to known totals."""
    time_machine.move_to(datetime.datetime(2026, 6, 15, 12, tzinfo=timezone.get_default_timezone()), tick=False)


def investment_page(client, household):
    response = client.get(reverse("investment", args=[household.pk]))
    assert response.status_code == 200
    return response


def stored():
    return list(Investment.objects.order_by("pk").values_list("pk", "unit_price", "person", "version"))


# Within the family, the consent decides


def test_a_member_sees_only_the_lines_the_consent_covers(client, member, family, lines):
    client.force_login(member)

    page = investment_page(client, family).content.decode()

    assert [text for text in SHOWN + HIDDEN if text in page] == SHOWN
    assert "Father" not in page
    assert "Mental health and substance-use service" not in page  # who paid for the father's treatment


def test_the_totals_a_member_sees_leave_out_what_went_to_someone_hidden(client, member, family, lines):
    client.force_login(member)

    response = investment_page(client, family)

    shown = response.context["summary"]
    assert "7,200 kr" in response.content.decode()
    assert "187,200" not in response.content.decode()

    assert shown.total == Decimal(1200) * 6  # housing 1000 + the mother's course 200 a month, January to June 2026
    assert [organisation.code for organisation, _ in shown.by_organisation] == ["bolig", "nav"]
    assert shown.last_year == shown.total and shown.first_year == shown.total


def test_the_leader_sees_every_line_and_counts_them_all(client, leader, family, lines):
    client.force_login(leader)

    response = investment_page(client, family)

    page = response.content.decode()
    assert all(text in page for text in SHOWN + HIDDEN)
    assert response.context["summary"].total == Decimal(31200) * 6
    assert set(policy.investments(leader, family)) == set(lines.values())


def test_a_member_cannot_open_or_change_a_line_of_someone_outside_the_consent(client, member, family, lines):
    before = stored()
    url = reverse("investment_edit", args=[family.pk, lines["father"].pk])
    client.force_login(member)

    assert client.get(url).status_code == 404
    assert client.post(url, edit_data(lines["father"], unit_price="1")).status_code == 404
    assert stored() == before


def test_a_member_may_change_a_line_the_consent_covers(client, member, family, lines):
    client.force_login(member)

    response = client.post(
        reverse("investment_edit", args=[family.pk, lines["mother"].pk]), edit_data(lines["mother"], unit_price="250")
    )

    assert response.status_code == 302
    lines["mother"].refresh_from_db()
    assert lines["mother"].unit_price == Decimal(250)


def test_a_member_cannot_record_a_line_for_someone_outside_the_consent(client, member, family):
    client.force_login(member)
    url = reverse("investment_new", args=[family.pk])

    offered = client.get(url).context["form"].fields["person"].queryset
    response = client.post(url, line_data(family, person=person(family, "Father").pk))

    assert "Father" not in {p.given_name for p in offered}
    assert list(response.context["form"].errors) == ["person"]
    assert not Investment.objects.exists()


def test_a_line_cannot_be_given_to_someone_of_another_family(client, leader, family, referrer, municipality):
    other = make_participant(municipality, leader, referrer)
    client.force_login(leader)

    response = client.post(
        reverse("investment_new", args=[family.pk]), line_data(family, person=person(other, "Mother").pk)
    )

    assert list(response.context["form"].errors) == ["person"]
    assert not Investment.objects.exists()


def test_a_member_records_a_line_for_someone_the_consent_covers(client, member, family):
    client.force_login(member)

    client.post(reverse("investment_new", args=[family.pk]), line_data(family, person=person(family, "Mother").pk))

    assert Investment.objects.get().person == person(family, "Mother")


def test_the_member_loses_the_investment_when_consent_is_withdrawn(client, member, family, lines):
    client.force_login(member)
    investment_page(client, family)

    family.consents.update(withdrawn_at=timezone.now())

    for url in investment_urls(family, lines["family"]):
        assert client.get(url).status_code == 404, url
        assert client.post(url, line_data(family)).status_code == 404, url
    assert len(stored()) == 3


# Nobody outside the team


def investment_urls(household, line):
    return [
        reverse("investment", args=[household.pk]),
        reverse("investment_new", args=[household.pk]),
        reverse("investment_edit", args=[household.pk, line.pk]),
    ]


@pytest.fixture
def outsiders(municipality, other_municipality, referrer):
    return {
        "referrer": referrer,
        "analyst": make_user(municipality, Role.ANALYST),
        "administrator": make_user(municipality, Role.ADMINISTRATOR),
        "another leader": make_user(municipality, Role.INVESTMENT_LEADER, "koordinerende"),
        "a member not on the team": make_user(municipality, Role.TEAM_MEMBER, "nav"),
        "a leader elsewhere": make_user(other_municipality, Role.INVESTMENT_LEADER, "koordinerende"),
    }


@pytest.mark.parametrize(
    "who", ["referrer", "analyst", "administrator", "another leader", "a member not on the team", "a leader elsewhere"]
)
def test_nobody_outside_the_team_finds_any_part_of_the_investment(client, outsiders, who, family, lines):
    before = stored()
    client.force_login(outsiders[who])

    for url in investment_urls(family, lines["family"]):
        assert client.get(url).status_code == 404, url
        assert client.post(url, edit_data(lines["family"], unit_price="1")).status_code == 404, url

    assert stored() == before
    assert not AuditEntry.objects.filter(user=outsiders[who], household=family).exists()


def test_a_line_of_one_family_cannot_be_opened_under_another(client, leader, referrer, municipality, family, lines):
    other = make_participant(municipality, leader, referrer)
    client.force_login(leader)

    assert client.get(reverse("investment_edit", args=[other.pk, lines["family"].pk])).status_code == 404


# Every look and every change is audited


def latest_audit_entry():
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def audited_since(seen):
    return list(
        AuditEntry.objects.filter(pk__gt=seen)
        .order_by("pk")
        .values_list("user", "action", "object_type", "object_id", "detail", "household")
    )


def test_viewing_the_investment_is_audited(client, leader, family, lines):
    client.force_login(leader)
    seen = latest_audit_entry()

    investment_page(client, family)

    assert audited_since(seen) == [(leader.pk, "view", "household", str(family.pk), "investment", family.pk)]


def test_opening_a_line_to_change_it_is_audited(client, member, family, lines):
    client.force_login(member)
    seen = latest_audit_entry()

    assert client.get(reverse("investment_edit", args=[family.pk, lines["mother"].pk])).status_code == 200

    assert audited_since(seen) == [
        (member.pk, "view", "investment", str(lines["mother"].pk), "investment form", family.pk)
    ]


def test_recording_and_changing_a_line_are_audited(client, leader, family):
    client.force_login(leader)
    seen = latest_audit_entry()

    client.post(reverse("investment_new", args=[family.pk]), line_data(family))
    line = Investment.objects.get()
    client.post(reverse("investment_edit", args=[family.pk, line.pk]), edit_data(line, kind="service"))

    assert audited_since(seen) == [
        (leader.pk, "create", "investment", str(line.pk), "benefit", family.pk),
        (leader.pk, "update", "investment", str(line.pk), "service", family.pk),
    ]


def test_a_refused_save_leaves_no_record_of_a_change(client, leader, family):
    client.force_login(leader)

    client.post(reverse("investment_new", args=[family.pk]), line_data(family, organisation=""))

    assert not AuditEntry.objects.filter(household=family).exclude(action="view").exists()


def test_the_page_lists_the_organisations_largest_first(client, leader, family, lines):
    client.force_login(leader)

    shown = investment_page(client, family).context["summary"].by_organisation

    assert [o for o, _ in shown] == [org(family.municipality, c) for c in ("psykrus", "bolig", "nav")]
