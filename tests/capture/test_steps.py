"""Taking, qualifying, the conversation, joining, and withdrawing consent, through the views."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import Role, make_household, make_participant, make_user, org, qualify
from welfarelab.capture.models import Consent, ParticipationAgreement, Qualification
from welfarelab.people.models import Household

TODAY = datetime.date.today().isoformat()


@pytest.fixture
def referred(municipality, referrer):
    return make_household(municipality, referrer)


@pytest.fixture
def as_leader(client, leader):
    client.force_login(leader)
    return client


def test_a_leader_takes_a_referral_from_the_inbox(as_leader, leader, referred):
    as_leader.post(reverse("referral_take", args=[referred.referral.pk]))
    referred.referral.refresh_from_db()
    assert referred.referral.taken_by == leader


def test_a_referral_taken_by_one_leader_cannot_be_taken_by_another(client, municipality, leader, referred):
    other = make_user(municipality, Role.INVESTMENT_LEADER)
    client.force_login(leader)
    client.post(reverse("referral_take", args=[referred.referral.pk]))
    client.force_login(other)
    response = client.post(reverse("referral_take", args=[referred.referral.pk]))
    assert response["Location"] == reverse("referrals")
    referred.referral.refresh_from_db()
    assert referred.referral.taken_by == leader


def qualification_data(**overrides):
    data = {
        "wants_change": "on",
        "lifts_confidentiality": "on",
        "complex_needs": "on",
        "long_term_plan": "on",
        "outcome": "qualified",
        "reason": "All criteria met.",
        "assessed_on": TODAY,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_a_family_is_qualified_when_every_criterion_is_met(as_leader, leader, referred):
    referred.referral.taken_by = leader
    referred.referral.save()
    response = as_leader.post(reverse("qualify", args=[referred.referral.pk]), qualification_data())
    assert response.status_code == 302
    assert Qualification.objects.get().outcome == "qualified"


def test_qualifying_with_a_criterion_unmet_names_the_criterion(as_leader, leader, referred):
    referred.referral.taken_by = leader
    referred.referral.save()
    response = as_leader.post(reverse("qualify", args=[referred.referral.pk]), qualification_data(complex_needs=None))
    assert "every criterion is met" in response.context["form"].errors["complex_needs"][0]
    assert not Qualification.objects.exists()


def test_a_declined_family_keeps_its_reason(as_leader, leader, referred):
    referred.referral.taken_by = leader
    referred.referral.save()
    as_leader.post(
        reverse("qualify", args=[referred.referral.pk]),
        qualification_data(outcome="declined", reason="Wants to try alone first.", wants_change=None),
    )
    qualification = Qualification.objects.get()
    assert qualification.outcome == "declined" and qualification.reason == "Wants to try alone first."
    assert referred.referral.status == "declined"


def test_a_stale_qualification_edit_is_refused_and_the_newer_one_kept(as_leader, leader, referred):
    referred.referral.taken_by = leader
    referred.referral.save()
    url = reverse("qualify", args=[referred.referral.pk])
    as_leader.post(url, qualification_data(outcome="not_now", reason="First"))
    as_leader.post(url, qualification_data(outcome="qualified", reason="Second", version=1))
    stale = as_leader.post(url, qualification_data(outcome="not_suitable", reason="Stale", version=1))
    assert "Someone else changed" in stale.content.decode()
    assert Qualification.objects.get().reason == "Second"


def test_only_the_leader_who_took_the_referral_may_qualify_it(client, municipality, leader, referred):
    referred.referral.taken_by = leader
    referred.referral.save()
    client.force_login(make_user(municipality, Role.INVESTMENT_LEADER))
    assert client.get(reverse("qualify", args=[referred.referral.pk])).status_code == 404


def test_the_explanatory_conversation_is_recorded(as_leader, leader, referred):
    referred.referral.taken_by = leader
    referred.referral.save()
    response = as_leader.post(
        reverse("conversation", args=[referred.referral.pk]),
        {"held_on": TODAY, "explained": "What the lab is.", "answer": "wants_to_join", "present": "Mother"},
    )
    assert response.status_code == 302
    assert referred.referral.conversations.get().held_by == leader


def joining_data(household, municipality, **overrides):
    mother = household.members.get(relation="parent")
    data = {
        "signed_on": TODAY,
        "method": "in_app",
        "signed_by": [mother.pk],
        f"consent_{mother.pk}": [org(municipality, "nav").pk, org(municipality, "barnevern").pk],
    }
    data.update(overrides)
    return data


@pytest.fixture
def qualified(leader, referred):
    referred.referral.taken_by = leader
    referred.referral.save()
    qualify(referred, leader)
    return referred


def test_joining_records_the_agreement_and_a_consent_per_organisation(as_leader, leader, municipality, qualified):
    response = as_leader.post(reverse("join", args=[qualified.referral.pk]), joining_data(qualified, municipality))
    assert response.status_code == 302
    qualified.refresh_from_db()
    assert qualified.is_participant and qualified.investment_leader == leader
    assert {c.organisation.code for c in Consent.objects.all()} == {"nav", "barnevern"}


def test_a_family_cannot_join_without_consent(as_leader, municipality, qualified):
    mother = qualified.members.get(relation="parent")
    data = joining_data(qualified, municipality, **{f"consent_{mother.pk}": []})
    response = as_leader.post(reverse("join", args=[qualified.referral.pk]), data)
    assert "at least one consent" in response.content.decode()
    assert not ParticipationAgreement.objects.exists()
    assert not Household.objects.get().is_participant


def test_a_family_cannot_join_without_a_signature(as_leader, municipality, qualified):
    response = as_leader.post(
        reverse("join", args=[qualified.referral.pk]), joining_data(qualified, municipality, signed_by=[])
    )
    assert response.context["form"].errors["signed_by"]
    assert not ParticipationAgreement.objects.exists()


def test_signing_on_paper_needs_a_scan(as_leader, municipality, qualified):
    response = as_leader.post(
        reverse("join", args=[qualified.referral.pk]), joining_data(qualified, municipality, method="paper")
    )
    assert response.context["form"].errors["scan"]
    assert not Consent.objects.exists()


def test_a_paper_agreement_keeps_its_scan(as_leader, municipality, qualified):
    scan = SimpleUploadedFile("signed.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    as_leader.post(
        reverse("join", args=[qualified.referral.pk]),
        joining_data(qualified, municipality, method="paper", scan=scan),
    )
    agreement = ParticipationAgreement.objects.get()
    assert bytes(agreement.scan.content) == b"%PDF-1.4 test"
    response = as_leader.get(reverse("agreement_scan", args=[qualified.pk]))
    assert response.content == b"%PDF-1.4 test"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="agreement.pdf"'


def test_an_unqualified_family_cannot_join(as_leader, leader, municipality, referred):
    referred.referral.taken_by = leader
    referred.referral.save()
    qualify(referred, leader, outcome="not_now")
    response = as_leader.post(reverse("join", args=[referred.referral.pk]), joining_data(referred, municipality))
    assert "Only a qualified family can join" in response.content.decode()
    assert not ParticipationAgreement.objects.exists()


def test_withdrawing_consent_takes_effect_at_once(client, municipality, leader, referrer, member):
    from tests.conftest import add_to_team

    household = make_participant(municipality, leader, referrer, consents=("nav",))
    add_to_team(household, member, "nav")
    client.force_login(member)
    assert client.get(reverse("participant", args=[household.pk])).status_code == 200
    consent = Consent.objects.get()
    client.force_login(leader)
    client.post(reverse("withdraw_consent", args=[household.pk, consent.pk]), {"note": "Changed her mind"})
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawal_note == "Changed her mind"
    client.force_login(member)
    assert client.get(reverse("participant", args=[household.pk])).status_code == 404


def test_the_leader_confirms_the_target_group(as_leader, municipality, leader, referrer):
    household = make_participant(municipality, leader, referrer)
    as_leader.post(reverse("target_group", args=[household.pk]), {"target_group": "C"})
    household.refresh_from_db()
    assert household.target_group == "C"


def test_a_team_member_cannot_change_the_target_group(client, municipality, leader, referrer, member):
    from tests.conftest import add_to_team

    household = make_participant(municipality, leader, referrer)
    add_to_team(household, member, "nav")
    client.force_login(member)
    assert client.post(reverse("target_group", args=[household.pk]), {"target_group": "C"}).status_code == 403


def test_the_leader_adds_a_team_member(as_leader, municipality, leader, referrer, member):
    household = make_participant(municipality, leader, referrer)
    response = as_leader.post(
        reverse("team_add", args=[household.pk]),
        {
            "member": member.pk,
            "organisation": org(municipality, "nav").pk,
            "team": "investment",
            "joined_on": TODAY,
            "authority": "AAP",
            "reason": "NAV decides on work assessment allowance",
        },
    )
    assert response.status_code == 302
    membership = household.team.get()
    assert (membership.member, membership.team, membership.reason) == (
        member,
        "investment",
        "NAV decides on work assessment allowance",
    )


def test_a_scan_that_is_not_really_a_pdf_is_refused(as_leader, municipality, qualified):
    fake = SimpleUploadedFile("evil.html", b"<script>alert(1)</script>", content_type="application/pdf")
    response = as_leader.post(
        reverse("join", args=[qualified.referral.pk]), joining_data(qualified, municipality, method="paper", scan=fake)
    )
    assert "must be a PDF, JPEG or PNG" in response.context["form"].errors["scan"][0]
    assert not ParticipationAgreement.objects.exists()


def test_a_scan_is_stored_under_a_name_of_its_real_type(as_leader, municipality, qualified):
    png = SimpleUploadedFile("photo.html", b"\x89PNG\r\n\x1a\n" + b"0" * 20, content_type="text/html")
    as_leader.post(
        reverse("join", args=[qualified.referral.pk]), joining_data(qualified, municipality, method="paper", scan=png)
    )
    assert ParticipationAgreement.objects.get().scan.name.endswith(".png")


def test_joining_twice_is_refused_with_a_message(as_leader, leader, municipality, qualified):
    from welfarelab.capture import steps
    from welfarelab.capture.forms import JoiningForm
    from welfarelab.people.models import Organisation

    def form():
        f = JoiningForm(
            joining_data(qualified, municipality),
            household=qualified,
            organisations=Organisation.objects.filter(municipality=municipality),
        )
        assert f.is_valid(), f.errors
        return f

    steps.join(leader, qualified.referral, **form().values())
    with pytest.raises(Exception, match="already joined"):
        steps.join(leader, qualified.referral, **form().values())
    assert ParticipationAgreement.objects.count() == 1


def test_a_member_is_added_for_their_own_organisation_only(as_leader, municipality, leader, referrer, member):
    household = make_participant(municipality, leader, referrer)
    response = as_leader.post(
        reverse("team_add", args=[household.pk]),
        {"member": member.pk, "organisation": org(municipality, "barnevern").pk, "joined_on": TODAY},
    )
    assert "their own organisation" in response.context["form"].errors["organisation"][0]
    assert not household.team.exists()


def test_only_investment_leaders_may_take_referrals(client, referrer, referred):
    client.force_login(referrer)
    assert client.post(reverse("referral_take", args=[referred.referral.pk])).status_code == 403


def test_a_member_added_without_an_organisation_represents_their_own(as_leader, municipality, leader, referrer, member):
    household = make_participant(municipality, leader, referrer)
    as_leader.post(
        reverse("team_add", args=[household.pk]),
        {"member": member.pk, "organisation": "", "team": "investment", "joined_on": TODAY, "reason": "NAV"},
    )
    assert household.team.get().organisation == org(municipality, "nav")


def test_the_member_choices_say_which_organisation_each_represents(as_leader, municipality, leader, referrer, member):
    household = make_participant(municipality, leader, referrer)
    html = as_leader.get(reverse("team_add", args=[household.pk])).content.decode()
    assert f'value="{member.pk}" data-organisation="{org(municipality, "nav").pk}"' in html
