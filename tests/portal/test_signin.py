"""Who may come in on the family's door: a person is found by the `pid` claim alone, among the participating
families of the municipality whose ID-porten they logged in with; synthetic numbers in a test environment only."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import make_household
from tests.portal.conftest import door, numbered
from welfarelab.access.models import AuditEntry
from welfarelab.people import identity
from welfarelab.people.models import Person
from welfarelab.portal import signin
from welfarelab.portal.models import IdentityProvider

pytestmark = pytest.mark.django_db


def test_an_adult_of_a_participating_family_is_found_by_their_number(municipality, people):
    assert signin.match(municipality, people["Mother"].national_id) == people["Mother"]
    assert signin.match(municipality, people["Father"].national_id) == people["Father"]


def test_a_child_under_15_has_no_door_of_their_own(municipality, people):
    assert people["Child"].birth_date == datetime.date(2012, 1, 1)  # 14 years old
    assert signin.match(municipality, people["Child"].national_id) is None


def test_a_young_person_from_15_comes_in_for_their_own_part(municipality, family):
    Person.objects.filter(household=family, given_name="Child").update(birth_date=datetime.date(2011, 1, 1))
    child = numbered(family)["Child"]
    assert signin.match(municipality, child.national_id) == child


def test_nobody_comes_in_from_a_family_that_has_not_joined(municipality, referrer):
    referred = numbered(make_household(municipality, referrer))
    assert signin.match(municipality, referred["Mother"].national_id) is None


def test_a_number_is_looked_for_in_the_municipality_of_the_provider_only(other_municipality, people):
    assert signin.match(other_municipality, people["Mother"].national_id) is None


@pytest.mark.parametrize("pid", [None, "", "123", "not a number", "01018012345"])
def test_no_number_or_a_wrong_one_finds_nobody(municipality, people, pid):
    assert signin.match(municipality, pid) is None


def test_a_number_matches_exactly_and_by_nothing_else(municipality, people):
    mother = people["Mother"]
    other = identity.synthetic(mother.birth_date, 299)  # valid, the same birth date, nobody's
    assert other != mother.national_id and signin.match(municipality, other) is None


def test_synthetic_numbers_are_refused_outside_a_test_environment(settings, municipality, people):
    number = people["Mother"].national_id
    assert identity.parse(number).is_synthetic and identity.parse(number).month == 1
    settings.TEST_ENVIRONMENT = False
    with pytest.raises(identity.InvalidIdentityNumber):
        identity.parse(number)
    assert signin.match(municipality, number) is None


def test_synthetic_numbers_are_valid_and_different():
    numbers = [identity.synthetic(datetime.date(1990, 12, 31), serial) for serial in range(40)]
    assert len(set(numbers)) == 40
    for number in numbers:
        parsed = identity.parse(number, synthetic=True)
        assert parsed.is_synthetic and (parsed.day, parsed.month) == (31, 12)
        assert number[2:4] == "92" and identity.is_valid_current_rule(number)


def test_a_citizen_session_ends_after_the_longest_time_whatever_happens(settings, people):
    client = Client()
    session = client.session
    long_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=settings.CITIZEN_SESSION_MAX + 1)
    session[signin.SESSION] = {"person": people["Mother"].pk, "acr": signin.HIGH, "since": long_ago.isoformat()}
    session.save()
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("portal:door"))
    assert signin.SESSION not in client.session


def test_a_citizen_session_is_short_and_renewed_by_each_request(settings, people):
    client = door(people["Mother"])
    client.get(reverse("portal:home"))
    assert client.session.get_expiry_age() == settings.CITIZEN_SESSION_IDLE


def test_the_door_lists_the_municipalities_that_have_opened_it(municipality, other_municipality, provider):
    IdentityProvider.objects.create(municipality=other_municipality, client_id="x", enabled=False)
    page = Client().get(reverse("portal:door"))
    assert page.status_code == 200
    assert reverse("portal:start", args=["asker"]).encode() in page.content
    assert reverse("portal:start", args=["baerum"]).encode() not in page.content
    assert Client().get(reverse("portal:start", args=["baerum"])).status_code == 404


def test_coming_back_from_id_porten_without_a_login_says_so(provider):
    response = Client().get(reverse("portal:done", args=["asker"]), {"error": "access_denied", "state": "x"})
    assert response.status_code == 400
    assert b"The login was not finished" in response.content


def test_a_callback_that_this_browser_never_started_is_refused(provider):
    response = Client().get(reverse("portal:done", args=["asker"]), {"code": "stolen", "state": "somebody-elses"})
    assert response.status_code == 400 and not AuditEntry.objects.exists()


def test_an_id_porten_that_does_not_answer_gets_a_page_that_says_so(provider):
    provider.issuer = "http://127.0.0.1:9"  # nothing listens there
    provider.save()
    response = Client().get(reverse("portal:start", args=["asker"]))
    assert response.status_code == 503
    assert b"ID-porten" in response.content


def test_production_has_no_stand_in_for_id_porten_and_takes_no_synthetic_number():
    from tests.test_operations import PRODUCTION, manage

    script = (
        "from django.urls import Resolver404, resolve\n"
        "from welfarelab.people import identity\n"
        "try:\n    resolve('/o/.well-known/openid-configuration'); print('served')\n"
        "except Resolver404:\n    print('no provider')\n"
        "try:\n    identity.parse('30818200036'); print('accepted')\n"
        "except identity.InvalidIdentityNumber:\n    print('refused')\n"
    )
    result = manage("shell", "-v", "0", "-c", script, env=PRODUCTION)
    assert result.stdout.splitlines() == ["no provider", "refused"], result.stderr
