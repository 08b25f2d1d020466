"""Every page of the family's door, read from the URL configuration, for every kind of visitor: the citizen, another
adult of the same family, a citizen of another family and of another municipality, staff, and nobody. A citizen
gets their own family only, and every page they get leaves a look in the audit log; the rest are sent to the
door's login, and what is not theirs answers 404."""

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from tests.conftest import FAMILY, Role, make_participant, make_user
from tests.plans.conftest import make_goal, make_measure, prepare
from tests.portal.conftest import door, numbered
from welfarelab.access.models import AuditEntry
from welfarelab.access.principals import Kind
from welfarelab.capture.models import Consent
from welfarelab.portal import signin, urls

pytestmark = pytest.mark.django_db

PUBLIC = {"door", "start", "done", "logout"}  # the way in and out, before and after anybody is known
PAGES = [p.name for p in urls.urlpatterns if isinstance(p, URLPattern) and p.name not in PUBLIC]


def test_every_page_of_the_door_is_known_here():
    assert set(PAGES) == {"home", "sign", "consents", "withdraw", "looked"}, "a new page: add it to the tests below"


@pytest.fixture
def world(municipality, other_municipality, leader, referrer, people, neighbours):
    theirs = [make_user(other_municipality, role, "koordinerende") for role in (Role.INVESTMENT_LEADER, Role.REFERRER)]
    far = numbered(make_participant(other_municipality, *theirs, consents=(), people=FAMILY, name="Far"))
    mothers_consent = Consent.objects.get(household=people["Mother"].household, given_by=people["Mother"])
    make_measure(people["Mother"].household, goal=make_goal(people["Mother"].household))
    waiting = prepare(leader, people["Mother"].household)  # for the parents' signatures
    staff = Client()
    staff.force_login(leader)
    return {
        "visitors": {
            "mother": door(people["Mother"], acr=signin.HIGH),
            "father": door(people["Father"]),
            "neighbour": door(neighbours["Mother"]),
            "far away": door(far["Mother"]),
            "staff": staff,
            "nobody": Client(),
        },
        "consent": mothers_consent,
        "waiting": waiting,
        "people": people,
    }


def url(name, world):
    kwargs = {"withdraw": {"pk": world["consent"].pk}, "sign": {"number": world["waiting"].number}}
    return reverse(f"portal:{name}", kwargs=kwargs.get(name, {}))


@pytest.mark.parametrize("name", PAGES)
def test_staff_and_nobody_are_sent_to_the_door(world, name):
    for who in ("staff", "nobody"):
        for method in ("get", "post"):
            response = getattr(world["visitors"][who], method)(url(name, world))
            assert response.status_code == 302, (who, method)
            assert response["Location"].startswith(reverse("portal:door") + "?next="), (who, method)
    assert not AuditEntry.objects.filter(actor_kind=Kind.CITIZEN).exists()
    assert Consent.objects.get(pk=world["consent"].pk).withdrawn_at is None


@pytest.mark.parametrize("name", PAGES)
def test_the_mother_gets_her_own_familys_page_and_the_look_is_logged(world, name):
    mother = world["people"]["Mother"]
    response = world["visitors"]["mother"].get(url(name, world))
    assert response.status_code == 200
    assert response.context["household"] == mother.household
    looks = AuditEntry.objects.filter(actor_kind=Kind.CITIZEN, actor_id=str(mother.pk), household=mother.household)
    assert looks.filter(action=AuditEntry.Action.VIEW).exists()


@pytest.mark.parametrize("name", ["home", "consents", "looked"])
def test_everyone_else_gets_their_own_family_never_hers(world, name):
    household = world["people"]["Mother"].household
    for who in ("father", "neighbour", "far away"):
        response = world["visitors"][who].get(url(name, world))
        assert response.status_code == 200, who
        assert (response.context["household"] == household) == (who == "father"), who
        assert f"/my/consents/{world['consent'].pk}/withdraw/".encode() not in response.content, who


def test_nobody_but_the_mother_may_withdraw_her_consent(world):
    for who in ("father", "neighbour", "far away"):
        for method in ("get", "post"):
            assert getattr(world["visitors"][who], method)(url("withdraw", world)).status_code == 404, (who, method)
    assert Consent.objects.get(pk=world["consent"].pk).withdrawn_at is None


def test_a_citizen_never_reaches_the_staffs_pages(world):
    household = world["people"]["Mother"].household
    mother = world["visitors"]["mother"]
    for page in [reverse("home"), reverse("participants"), reverse("participant", args=[household.pk])]:
        response = mother.get(page)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), page
