"""The whole login, as in production: the door asks ID-porten (here the installation's own OpenID provider,
django-oauth-toolkit's) by the authorisation code flow with PKCE, and the ID token it signs with RS256 says who
logged in (`pid`) and how surely (`acr`). Driven over HTTP against the live server, as a browser would."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from oauth2_provider.models import get_application_model

from tests.plans.conftest import make_goal, make_measure, prepare
from welfarelab.access.models import AuditEntry
from welfarelab.access.principals import Kind
from welfarelab.people import identity
from welfarelab.portal import signin, test_idporten

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def id_porten(live_server, provider):
    test_idporten.register_client([f"{live_server.url}/my/login/asker/done/"])
    return live_server.url


def log_in(base, pid, acr=signin.SUBSTANTIAL, start="/my/login/asker/"):
    """Go through the door and ID-porten's login page as `pid`: the browser's session and the last response."""
    browser = requests.Session()
    login = browser.get(base + start, timeout=10)
    assert urlsplit(login.url).path == "/o/login/", login.url
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    done = browser.post(login.url, {"csrfmiddlewaretoken": token, "pid": pid, "acr": acr}, timeout=10)
    return browser, done, login


def test_the_discovery_document_advertises_the_code_flow_with_pkce_and_rs256(id_porten):
    found = requests.get(f"{id_porten}/o/.well-known/openid-configuration", timeout=10).json()
    assert found["issuer"] == f"{id_porten}/o"
    assert found["code_challenge_methods_supported"] == ["S256"]
    assert "RS256" in found["id_token_signing_alg_values_supported"]
    keys = requests.get(found["jwks_uri"], timeout=10).json()["keys"]
    assert keys and keys[0]["kty"] == "RSA"


def test_a_mother_logs_in_with_id_porten_and_reads_her_plan(id_porten, people):
    mother = people["Mother"]
    browser, page, login = log_in(id_porten, mother.national_id)
    assert page.status_code == 200 and page.url == f"{id_porten}/my/"
    assert "Hello, Mother." in page.text
    asked = parse_qs(urlsplit(parse_qs(urlsplit(login.url).query)["next"][0]).query)
    assert asked["code_challenge_method"] == ["S256"] and asked["scope"] == ["openid profile"]
    assert asked["acr_values"] == [signin.SUBSTANTIAL]
    entry = AuditEntry.objects.filter(actor_kind=Kind.CITIZEN, actor_id=str(mother.pk)).order_by("id").first()
    assert entry.detail == f"logged in on the family's door ({signin.SUBSTANTIAL})"
    assert browser.post(f"{id_porten}/my/logout/", timeout=10, headers={"Referer": id_porten}).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    out = browser.post(f"{id_porten}/my/logout/", {"csrfmiddlewaretoken": token}, timeout=10)
    assert out.url.startswith(f"{id_porten}/my/login/")
    assert browser.get(f"{id_porten}/my/", timeout=10).url.startswith(f"{id_porten}/my/login/")


def test_the_client_takes_id_tokens_signed_with_rs256_only(id_porten, people):
    client = get_application_model().objects.get(client_id=test_idporten.CLIENT_ID)
    assert client.algorithm == "RS256"  # checked by Authlib against the provider's published RSA key
    _browser, page, _login = log_in(id_porten, people["Father"].national_id)
    assert page.url == f"{id_porten}/my/"


def test_a_login_at_level_high_is_kept_on_the_session(id_porten, people):
    father = people["Father"]
    _browser, page, login = log_in(id_porten, father.national_id, acr=signin.HIGH, start="/my/login/asker/?level=high")
    assert 'value="idporten-loa-substantial"' not in login.text  # only the ways in that give level high
    assert page.url == f"{id_porten}/my/"
    assert AuditEntry.objects.filter(actor_id=str(father.pk), detail__contains=signin.HIGH).exists()


def test_an_unknown_number_gets_a_polite_page_that_reveals_nothing(id_porten, people):
    nobody = identity.synthetic(people["Mother"].birth_date, 299)
    for pid in [people["Child"].national_id, nobody]:  # a child of 14, and a number nobody in the lab has
        browser, page, _login = log_in(id_porten, pid)
        assert page.status_code == 200 and "We did not find you" in page.text
        assert browser.get(f"{id_porten}/my/", timeout=10).url.startswith(f"{id_porten}/my/login/")
    assert not AuditEntry.objects.filter(actor_kind=Kind.CITIZEN).exists()


def test_a_page_asked_for_before_the_login_is_shown_after_it(id_porten, people):
    browser = requests.Session()
    door = browser.get(f"{id_porten}/my/consents/", timeout=10)
    assert urlsplit(door.url).path == "/my/login/"
    login = browser.get(f"{id_porten}/my/login/asker/?next=/my/consents/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    chosen = {"csrfmiddlewaretoken": token, "pid": people["Mother"].national_id, "acr": signin.SUBSTANTIAL}
    page = browser.post(login.url, chosen, timeout=10)
    assert page.url == f"{id_porten}/my/consents/"


def test_only_synthetic_numbers_log_in_at_the_stand_in(id_porten):
    browser = requests.Session()
    login = browser.get(f"{id_porten}/my/login/asker/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    real = next(n for n in (f"010185123{s:02d}" for s in range(100)) if _valid(n))  # a real person's kind
    refused = browser.post(login.url, {"csrfmiddlewaretoken": token, "pid": real, "acr": signin.HIGH}, timeout=10)
    assert urlsplit(refused.url).path == "/o/login/"
    assert "Only synthetic test numbers log in here" in refused.text
    assert not AuditEntry.objects.exists()


def _valid(number):
    try:
        return not identity.parse(number).is_synthetic
    except identity.InvalidIdentityNumber:
        return False


def test_signing_steps_up_to_level_high_through_id_porten_and_comes_back_to_sign(id_porten, people, leader, family):
    make_measure(family, goal=make_goal(family))
    version = prepare(leader, family)
    browser, page, _login = log_in(id_porten, people["Mother"].national_id, acr=signin.SUBSTANTIAL)
    assert f"/my/agreement/{version.number}/sign/" in page.text
    again = browser.get(f"{id_porten}/my/agreement/{version.number}/sign/", timeout=10)
    assert urlsplit(again.url).path == "/o/login/"
    assert 'value="idporten-loa-substantial"' not in again.text and 'value="idporten-loa-high"' in again.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', again.text).group(1)
    chosen = {"csrfmiddlewaretoken": token, "pid": people["Mother"].national_id, "acr": signin.HIGH}
    sign_page = browser.post(again.url, chosen, timeout=10)
    assert sign_page.url == f"{id_porten}/my/agreement/{version.number}/sign/"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', sign_page.text).group(1)
    done = browser.post(sign_page.url, {"csrfmiddlewaretoken": token, "agrees": "on"}, timeout=10)
    assert done.url == f"{id_porten}/my/" and "You have signed version 1 of the plan." in done.text
    assert version.signatures.get().person == people["Mother"]
