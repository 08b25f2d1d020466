"""Signing the plan on the family's own door: each adult signs their own signature, after ID-porten at level high;
the leader sees it at once; the leader's screen and paper still work, and nobody signs for another there."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.plans.conftest import make_goal, make_measure, prepare, sign
from tests.portal.conftest import door
from welfarelab.access.models import AuditEntry
from welfarelab.access.principals import Citizen, Kind
from welfarelab.plans import agreement
from welfarelab.plans.models import Signature
from welfarelab.portal import signin

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(family, leader, people):
    """Version 1 of the family's plan, prepared and waiting for the parents' and the leader's signatures."""
    make_measure(family, goal=make_goal(family))
    return prepare(leader, family)


def sign_url(version):
    return reverse("portal:sign", args=[version.number])


def test_the_plan_waiting_for_my_signature_offers_to_sign_it(waiting, people):
    page = door(people["Mother"]).get(reverse("portal:home"))
    assert page.status_code == 200 and page.context["my_turn"]
    assert sign_url(waiting).encode() in page.content


def test_signing_asks_id_porten_for_level_high_first(waiting, people):
    mother = door(people["Mother"], acr=signin.SUBSTANTIAL)
    response = mother.get(sign_url(waiting))
    assert response.status_code == 302
    assert response["Location"] == f"/my/login/asker/?level=high&next=%2Fmy%2Fagreement%2F{waiting.number}%2Fsign%2F"
    assert mother.post(sign_url(waiting), {"agrees": "on"}).status_code == 302
    assert not waiting.signatures.exists()


def test_at_level_high_the_mother_signs_for_herself_and_the_leader_sees_it_at_once(client, waiting, people, leader):
    mother = people["Mother"]
    browser = door(mother, acr=signin.HIGH)
    page = browser.get(sign_url(waiting))
    assert page.status_code == 200 and b"A permanent job" in page.content  # the plan itself, to read first
    refused = browser.post(sign_url(waiting), {})
    assert refused.status_code == 400 and "agrees" in refused.context["form"].errors
    assert b'id="error-summary"' in refused.content and b'href="#id_agrees"' in refused.content
    assert not waiting.signatures.exists()

    signed = browser.post(sign_url(waiting), {"agrees": "on"}, follow=True)
    assert b"You have signed version 1 of the plan." in signed.content
    assert signed.context["signed_by_me"] and not signed.context["my_turn"]
    assert b"You have signed it. It takes effect when everyone has signed." in signed.content
    signature = waiting.signatures.get()
    assert (signature.person, signature.method, signature.recorded_by) == (mother, Signature.Method.ID_PORTEN, None)
    assert AuditEntry.objects.filter(
        actor_kind=Kind.CITIZEN, actor_id=str(mother.pk), action=AuditEntry.Action.CREATE, object_type="signature"
    ).exists()
    client.force_login(leader)
    leaders_page = client.get(reverse("agreement", args=[waiting.plan.household_id, waiting.number]))
    assert [s["name"] for s in leaders_page.context["missing"]] == ["Father", str(leader)]
    assert b"with id-porten, on their own page" in leaders_page.content.lower()
    assert browser.get(sign_url(waiting)).status_code == 404  # signed once, not twice


def test_the_last_signature_on_the_door_makes_the_version_the_agreement(waiting, people, leader):
    sign(leader, waiting.plan.household, waiting, f"staff:{leader.pk}")
    sign(leader, waiting.plan.household, waiting, f"person:{people['Father'].pk}")
    door(people["Mother"], acr=signin.HIGH).post(sign_url(waiting), {"agrees": "on"})
    waiting.refresh_from_db()
    assert waiting.signed_at is not None
    page = door(people["Mother"]).get(reverse("portal:home"))
    assert page.context["in_force"] == waiting and not page.context["my_turn"]


@pytest.mark.parametrize("who", ["Child", "neighbour"])
def test_nobody_signs_who_is_not_waited_for(waiting, people, neighbours, who):
    person = people["Child"] if who == "Child" else neighbours["Mother"]
    browser = door(person, acr=signin.HIGH)
    if who == "Child":  # 14: no door of their own, so not even the page
        assert browser.get(sign_url(waiting)).status_code == 302
    else:
        assert browser.get(sign_url(waiting)).status_code == 404
        assert browser.post(sign_url(waiting), {"agrees": "on"}).status_code == 404
    assert not waiting.signatures.exists()


def test_a_replaced_version_is_not_signed_on_the_door(waiting, people, family, leader):
    make_goal(family, text="A driving licence")
    newer = prepare(leader, family)
    waiting.refresh_from_db()
    assert waiting.replaced
    mother = door(people["Mother"], acr=signin.HIGH)
    assert mother.get(sign_url(waiting)).status_code == 404
    assert mother.get(sign_url(newer)).status_code == 200


def test_id_porten_is_the_door_s_own_way_of_signing_and_nobody_elses(waiting, people, leader, family):
    form = agreement.SignForm(version=waiting, user=leader)
    assert Signature.Method.ID_PORTEN not in dict(form.fields["method"].choices)
    today = waiting.prepared_at.date()
    attempts = [
        (leader, people["Mother"], Signature.Method.ID_PORTEN),  # staff cannot record it as if by ID-porten
        (Citizen(people["Mother"]), people["Mother"], Signature.Method.APP),  # a citizen signs by ID-porten only
        (Citizen(people["Mother"]), people["Father"], Signature.Method.ID_PORTEN),  # and for themselves only
    ]
    for principal, signer, method in attempts:
        with pytest.raises(ValidationError):
            agreement.sign(principal, family, waiting, signer=signer, method=method, signed_on=today, agrees=True)
    assert not waiting.signatures.exists()
