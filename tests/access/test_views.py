"""Every page showing a person's data: who gets it, who gets nothing, and that it is logged."""

import pytest
from django.urls import reverse

from tests.conftest import Role, add_to_team, make_household, make_participant, make_user
from welfarelab.access.models import AuditEntry
from welfarelab.capture.models import Consent


@pytest.fixture
def family(municipality, leader, referrer):
    return make_participant(municipality, leader, referrer, consents=("nav",))


def household_pages(household):
    """Every URL that shows one family's data."""
    consent = Consent.objects.filter(household=household).first()
    return [
        reverse("participant", args=[household.pk]),
        reverse("referral", args=[household.referral.pk]),
        reverse("qualify", args=[household.referral.pk]),
        reverse("conversation", args=[household.referral.pk]),
        reverse("join", args=[household.referral.pk]),
        reverse("withdraw_consent", args=[household.pk, consent.pk]),
        reverse("team_add", args=[household.pk]),
    ]


STEPS = ("qualify", "conversation", "join")


def assert_each_view_is_logged(client, user, household, urls):
    for url in urls:
        before = AuditEntry.objects.filter(household=household, user=user, action="view").count()
        assert client.get(url).status_code == 200, url
        after = AuditEntry.objects.filter(household=household, user=user, action="view").count()
        assert after == before + 1, f"{url} did not log the view"


def test_the_investment_leader_can_open_every_page_of_their_family_and_each_view_is_logged(
    client, municipality, referrer, leader, family
):
    client.force_login(leader)
    participant_pages = [
        url
        for url in household_pages(family)
        if not url.rstrip("/").endswith(("qualification", "conversation", "joining"))
    ]
    assert_each_view_is_logged(client, leader, family, participant_pages)
    in_progress = make_household(municipality, referrer, taken_by=leader)
    assert_each_view_is_logged(
        client, leader, in_progress, [reverse(step, args=[in_progress.referral.pk]) for step in STEPS]
    )


def test_the_capture_steps_are_closed_once_the_family_has_joined(client, leader, family):
    client.force_login(leader)
    for step in STEPS:
        assert client.get(reverse(step, args=[family.referral.pk])).status_code == 403, step


@pytest.mark.parametrize("role", list(Role))
def test_staff_of_another_municipality_get_not_found_on_every_page(client, other_municipality, family, role):
    client.force_login(make_user(other_municipality, role))
    for url in household_pages(family):
        assert client.get(url).status_code in (403, 404), url
    assert family.name not in client.get(reverse("participants")).content.decode()
    assert family.name not in client.get(reverse("referrals")).content.decode()


def test_a_team_member_without_consent_for_their_organisation_sees_nothing_of_the_family(client, municipality, family):
    teacher = make_user(municipality, Role.TEAM_MEMBER, "skole")
    add_to_team(family, teacher, "skole")
    client.force_login(teacher)
    for url in household_pages(family):
        assert client.get(url).status_code in (403, 404), url
    for page in ("home", "participants", "referrals"):
        assert family.name not in client.get(reverse(page)).content.decode(), page
    assert not AuditEntry.objects.filter(user=teacher, household=family).exists()


def test_a_team_member_with_consent_sees_the_participant_page_but_cannot_act_as_leader(client, member, family):
    add_to_team(family, member, "nav")
    client.force_login(member)
    response = client.get(reverse("participant", args=[family.pk]))
    assert response.status_code == 200 and family.name in response.content.decode()
    assert AuditEntry.objects.filter(user=member, household=family, action="view").exists()
    consent = Consent.objects.get(household=family)
    assert client.get(reverse("withdraw_consent", args=[family.pk, consent.pk])).status_code == 403
    assert client.get(reverse("team_add", args=[family.pk])).status_code == 403


def test_the_referrer_sees_their_referral_but_not_the_family_after_it(client, referrer, family):
    client.force_login(referrer)
    response = client.get(reverse("referral", args=[family.referral.pk]))
    assert response.status_code == 200
    assert "Mother" not in response.content.decode()
    assert client.get(reverse("participant", args=[family.pk])).status_code == 404


@pytest.mark.parametrize("role", [Role.ANALYST, Role.ADMINISTRATOR])
def test_analysts_and_administrators_cannot_open_a_family(client, municipality, family, role):
    client.force_login(make_user(municipality, role))
    for url in household_pages(family):
        assert client.get(url).status_code in (403, 404), url


def test_list_pages_log_each_family_shown(client, leader, family):
    client.force_login(leader)
    client.get(reverse("participants"))
    assert AuditEntry.objects.filter(household=family, detail="participant list").count() == 1


def test_anonymous_visitors_are_sent_to_log_in(client, family):
    response = client.get(reverse("participant", args=[family.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_audit_log_is_for_administrators_only(client, municipality, leader, family):
    client.force_login(leader)
    client.get(reverse("participant", args=[family.pk]))
    assert client.get(reverse("audit_log")).status_code == 403
    client.force_login(make_user(municipality, Role.ADMINISTRATOR))
    response = client.get(reverse("audit_log"))
    assert response.status_code == 200 and "participant page" in response.content.decode()


def test_the_audit_log_shows_only_the_own_municipality(client, other_municipality, leader, family):
    client.force_login(leader)
    client.get(reverse("participant", args=[family.pk]))
    client.force_login(make_user(other_municipality, Role.ADMINISTRATOR))
    assert "participant page" not in client.get(reverse("audit_log")).content.decode()


def test_the_audit_log_cannot_be_changed_or_deleted(leader, family):
    from welfarelab.access import audit

    entry = audit.record(leader, audit.VIEW, family)
    entry.detail = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(detail="tampered")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


def test_the_audit_log_cannot_be_edited_in_the_admin(client, municipality):
    admin = make_user(municipality, Role.ADMINISTRATOR)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    assert client.get(reverse("admin:access_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:access_auditentry_add")).status_code == 403


def test_the_inbox_shows_untaken_referrals_to_every_leader(client, municipality, referrer):
    household = make_household(municipality, referrer)
    client.force_login(make_user(municipality, Role.INVESTMENT_LEADER))
    assert household.name in client.get(reverse("referrals")).content.decode()


def test_pages_are_shown_in_the_language_chosen(client, leader, family):
    client.force_login(leader)
    client.post(reverse("set_language"), {"language": "nn", "next": "/"})
    html = client.get(reverse("participant", args=[family.pk])).content.decode()
    assert 'lang="nn"' in html and "Investeringsleiar" in html


def test_a_referred_family_has_no_participant_page_before_it_joins(client, municipality, referrer, leader):
    household = make_household(municipality, referrer, taken_by=leader)
    client.force_login(leader)
    assert client.get(reverse("referral", args=[household.referral.pk])).status_code == 200
    assert client.get(reverse("participant", args=[household.pk])).status_code == 404


def test_the_participant_list_reveals_nothing_about_people_outside_the_consent(
    client, municipality, leader, referrer, member
):
    from welfarelab.people.models import Person

    household = make_participant(
        municipality,
        leader,
        referrer,
        people=[("Kari", Person.Relation.PARENT, "1982-01-30"), ("Per", Person.Relation.PARENT, "1980-11-08")],
    )
    add_to_team(household, member, "nav")
    client.force_login(member)
    assert "Per" not in client.get(reverse("participant", args=[household.pk])).content.decode()
    listing = client.get(reverse("participants")).content.decode()
    assert household.name in listing and "Adults" not in listing


def test_a_team_member_cannot_open_the_referral_page_of_a_family_they_see(client, member, family):
    add_to_team(family, member, "nav")
    client.force_login(member)
    assert client.get(reverse("referral", args=[family.referral.pk])).status_code == 404


def test_only_a_parents_consent_covers_the_children(municipality, leader, referrer, member):
    from welfarelab.access import policy
    from welfarelab.people.models import Person

    household = make_participant(
        municipality,
        leader,
        referrer,
        people=[("Aunt", Person.Relation.OTHER_ADULT, "1970-01-01"), ("Child", Person.Relation.CHILD, "2015-01-01")],
    )
    add_to_team(household, member, "nav")
    assert [p.given_name for p in policy.persons(member, household)] == ["Aunt"]


def test_the_timeline_names_no_one_outside_the_members_consent(client, municipality, leader, referrer, member):
    from django.utils import timezone

    from tests.conftest import org
    from welfarelab.people.models import Person

    household = make_participant(
        municipality,
        leader,
        referrer,
        people=[("Kari", Person.Relation.PARENT, "1982-01-30"), ("Perry", Person.Relation.PARENT, "1980-11-08")],
    )
    Consent.objects.create(
        household=household,
        given_by=household.members.get(given_name="Perry"),
        organisation=org(municipality, "bolig"),
        given_on="2026-01-20",
        method="in_app",
        recorded_by=leader,
        withdrawn_at=timezone.now(),
    )
    add_to_team(household, member, "nav")
    client.force_login(member)
    html = client.get(reverse("participant", args=[household.pk])).content.decode()
    assert "Kari" in html and "Perry" not in html


def test_the_admin_site_shows_an_administrator_only_their_own_municipality(client, municipality, other_municipality):
    from welfarelab.access import audit

    outsider = make_user(other_municipality, Role.INVESTMENT_LEADER, username="outsider")
    audit.record(outsider, audit.VIEW, outsider)
    admin = make_user(municipality, Role.ADMINISTRATOR)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    assert "outsider" not in client.get(reverse("admin:access_auditentry_changelist")).content.decode()
    assert "outsider" not in client.get(reverse("admin:people_staffuser_changelist")).content.decode()
    assert "Bærum" not in client.get(reverse("admin:people_municipality_changelist")).content.decode()
    assert client.get(reverse("admin:people_staffuser_change", args=[outsider.pk])).status_code == 302
