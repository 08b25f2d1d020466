"""Every route of a family, read from the URL configuration: who may open it, who gets nothing, and that every
look is logged.

The routes are the URL configuration's own, so a new one is checked without anyone listing it. Each id a route
takes is named by the word before it (`meetings/<int:mid>` is a meeting, `measures/<int:mid>` a measure): a word
this module does not know fails `test_every_id_in_a_route_names_something_known`, so a new kind of id cannot
slip by. Every route of a family is asked for with GET and with an empty POST by every persona of the demo, and
by a team member nobody consented to: who has no right to the family is refused and nothing is written; who may
see it gets the page, and every page they get (a form refused with 400 too) leaves a view of the family in the
audit log.
"""

import datetime
import inspect
import re
import types
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.conftest import FAMILY, Role, add_to_team, make_household, make_participant, make_user
from tests.journey.test_exit import assessment
from tests.mapping.conftest import person, plan_meeting
from tests.money.conftest import make_line
from tests.money.test_benefits import make_benefit
from tests.plans.conftest import make_goal, make_measure, note, prepare
from welfarelab.access.models import AuditEntry
from welfarelab.capture.models import Consent, ParticipationAgreement, Scan
from welfarelab.demo import catalogue
from welfarelab.mapping import life_areas, paper
from welfarelab.money.models import Parameter, install_parameters
from welfarelab.people.models import Municipality
from welfarelab.plans.models import AgreementVersion, TrustedPerson

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def scan(household, name):
    return Scan.objects.create(municipality=household.municipality, name=name, content=PDF)


# The words that name an id of a family or of something of one; those that name what is no family's (the
# administrator's users, organisations, life areas and services, an invitation, the portfolio's file format, the
# municipality whose ID-porten a citizen logs in with).
OF_A_FAMILY = (
    "participants",
    "referrals",
    "consents",
    "meetings",
    "notes",
    "goals",
    "measures",
    "agreement",
    "assessments",
    "benefits",
    "investment",
    "team",
    "trusted",
    "persons",
)
OF_NO_FAMILY = ("organisations", "users", "life-areas", "services", "invitation", "export", "login")


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    view: types.FunctionType

    def __str__(self):
        return self.name

    @property
    def ids(self):
        """Each id the route takes, with the word before it that says what it is: [("meetings", "mid"), ...]."""
        word, found, start = "", [], 0
        for match in re.finditer(r"<(?:\w+:)?(\w+)>", self.route):
            words = re.findall(r"[\w-]+", self.route[start : match.start()])
            word = words[-1] if words else word
            found.append((word, match.group(1)))
            start = match.end()
        return found

    @property
    def room(self):
        """A participant's route ("participants") or a referral's ("referrals")."""
        return self.ids[0][0] if self.ids else ""

    @property
    def acts(self):
        """More than a look: the view asks the policy for the family's leader, or for an action."""
        return _names(self.view, "led_participant") or _names(self.view, "require")


def _names(view, name):
    """Whether `view`, or a function of its own module that it calls, names `name`."""
    todo, seen = [view.__code__], set()
    while todo:
        code = todo.pop()
        if code in seen:
            continue
        seen.add(code)
        if name in code.co_names:
            return True
        todo += [const for const in code.co_consts if isinstance(const, types.CodeType)]
        called = (view.__globals__.get(n) for n in code.co_names)
        todo += [f.__code__ for f in called if inspect.isfunction(f) and f.__module__ == view.__module__]
    return False


def _routes(patterns=None, prefix="", namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":  # Django's admin is the operator's, and shows no family's models
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and "<" in str(pattern.pattern):
            yield Route(namespace + pattern.name, prefix + str(pattern.pattern), inspect.unwrap(pattern.callback))


ROUTES = list(_routes())
# The family's own door is for citizens, not staff: tests/portal/test_every_door_route.py.
FAMILY_ROUTES = [r for r in ROUTES if r.room in OF_A_FAMILY and not r.name.startswith("portal:")]
FAMILY_ONLY_ROUTES = [r for r in FAMILY_ROUTES if len(r.ids) == 1]  # of the family itself, or of its referral


def test_every_id_in_a_route_names_something_known():
    unknown = [(r.name, word) for r in ROUTES for word, _kwarg in r.ids if word not in OF_A_FAMILY + OF_NO_FAMILY]
    assert not unknown, f"Routes with ids this test does not know (add them to OF_A_FAMILY or OF_NO_FAMILY): {unknown}"
    mixed = [r.name for r in FAMILY_ROUTES if any(word not in OF_A_FAMILY for word, _kwarg in r.ids)]
    assert not mixed, f"Routes of a family with an id of no family: {mixed}"


def test_the_routes_of_a_family_are_found():
    names = {r.name for r in FAMILY_ROUTES}
    assert {"participant", "referral", "join", "sheet", "note_write", "agreement_sign", "trusted_leave"} <= names
    assert {r.name for r in FAMILY_ROUTES if r.acts} >= {"team_add", "agreement_sign", "meeting_finish", "qualify"}
    assert not {"plan", "sheet", "note_add", "journey", "referral"} & {r.name for r in FAMILY_ROUTES if r.acts}


# The world: the demo's personas around a family that has joined and one whose referral the leader works on.

PERSONAS = ("leader", "member", "teacher", "referrer", "analyst", "admin", "outsider")


@dataclass
class Family:
    household: object
    ids: dict  # the id each word of a route names
    who: dict  # for each room: who may see its pages, and who may also act on them

    def sees(self, route, persona):
        return persona in self.who[route.room][0]

    def allowed(self, route, persona):
        return self.sees(route, persona) and (not route.acts or persona in self.who[route.room][1])

    def url(self, route):
        return reverse(route.name, kwargs={kwarg: self.ids[word] for word, kwarg in route.ids})


def _staff(asker, baerum):
    return {
        "leader": make_user(asker, Role.INVESTMENT_LEADER, "koordinerende", "leader"),
        "member": make_user(asker, Role.TEAM_MEMBER, "nav", "member"),  # on the team, the mother consented
        "teacher": make_user(asker, Role.TEAM_MEMBER, "skole", "teacher"),  # on the team, nobody consented
        "referrer": make_user(asker, Role.REFERRER, "skole", "referrer"),
        "analyst": make_user(asker, Role.ANALYST, username="analyst"),
        "admin": make_user(asker, Role.ADMINISTRATOR, username="admin"),
        "outsider": make_user(baerum, Role.INVESTMENT_LEADER, "koordinerende", "outsider"),
    }


def _joined(asker, staff):
    """A participant with one of everything a route names, each the mother's, whom NAV's consent covers.

    Its pages are seen by its leader and by the NAV member, and acted on by the leader; its referral's page is
    read by the leader and by the referrer who wrote it, and nobody works on the referral any more."""
    leader = staff["leader"]
    household = make_participant(asker, leader, staff["referrer"], consents=("nav",), people=FAMILY)
    ParticipationAgreement.objects.filter(household=household).update(scan=scan(household, "agreement.pdf"))
    membership = add_to_team(household, staff["member"], "nav")
    add_to_team(household, staff["teacher"], "skole")
    mother = person(household, "Mother")
    meeting = plan_meeting(household, leader)
    goal = make_goal(household, person=mother)
    measure = make_measure(household, goal=goal, family_member=mother)
    version = prepare(leader, household)
    AgreementVersion.objects.filter(pk=version.pk).update(scan=scan(household, "version.pdf"))
    trusted = TrustedPerson.objects.create(
        household=household, name="Aunt", who="aunt", invited_by=mother, joined_on=datetime.date(2026, 2, 1)
    )
    ids = {
        "participants": household.pk,
        "referrals": household.referral.pk,
        "consents": Consent.objects.get(household=household).pk,
        "meetings": meeting.pk,
        "notes": note(leader, meeting, "now", "Words of the mother", person=mother).pk,
        "goals": goal.pk,
        "measures": measure.pk,
        "agreement": version.number,
        "assessments": assessment(household, leader).pk,
        "benefits": make_benefit(goal).pk,
        "investment": make_line(household, leader, person=mother).pk,
        "team": membership.pk,
        "trusted": trusted.pk,
        "persons": mother.pk,
    }
    who = {"participants": (("leader", "member"), ("leader",)), "referrals": (("leader", "referrer"), ())}
    return Family(household, ids, who)


def _referred(asker, staff):
    """A family whose referral the leader has taken: no participant pages yet; the referral's, worked on by the
    leader, read by the referrer too."""
    household = make_household(asker, staff["referrer"], taken_by=staff["leader"])
    ids = {"participants": household.pk, "referrals": household.referral.pk}
    return Family(household, ids, {"participants": ((), ()), "referrals": (("leader", "referrer"), ("leader",))})


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the module, undone at its end; each request in it is undone too (see `answer`)."""
    with django_db_blocker.unblock(), transaction.atomic(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(paper, "pdf", lambda *args, **kwargs: PDF)  # what is printed is not the point here
        if not Parameter.objects.exists():
            install_parameters()
        asker = Municipality.objects.create(slug="asker", name="Asker", default_language="en")
        baerum = Municipality.objects.create(slug="baerum", name="Bærum", default_language="en")
        for municipality in (asker, baerum):
            life_areas.install(municipality)
            catalogue.install(municipality)
        staff = _staff(asker, baerum)
        clients = {name: Client() for name in staff}
        for name, client in clients.items():
            client.force_login(staff[name])
        yield {"staff": staff, "clients": clients, "joined": _joined(asker, staff), "referred": _referred(asker, staff)}
        transaction.set_rollback(True)


WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
AUDIT_LOG = AuditEntry._meta.db_table


def answer(client, method, url, user, household):
    """The response, the tables the request wrote to and the views of `household` it logged; then all undone."""
    written = []

    def watch(execute, sql, params, many, context):
        if match := WRITE.match(sql):
            written.append(match.group(1))
        return execute(sql, params, many, context)

    views = AuditEntry.objects.filter(user=user, household=household, action=AuditEntry.Action.VIEW)
    with transaction.atomic():
        before = views.count()
        with connection.execute_wrapper(watch):
            response = getattr(client, method)(url)
        logged = views.count() - before
        transaction.set_rollback(True)
    return response, set(written), logged


def sent_away(response):
    """A redirect to a page that is no family's (the inbox, say): it shows nothing of this one."""
    if response.status_code != 302:
        return False
    return resolve(urlsplit(response["Location"]).path).url_name not in {r.name for r in FAMILY_ROUTES}


def problems(world, family, route, persona):
    """What is wrong with what `route` of `family` answers `persona`, one sentence each; none when all is right."""
    url, user, client = family.url(route), world["staff"][persona], world["clients"][persona]
    found = []
    for method in ("get", "post"):
        response, written, logged = answer(client, method, url, user, family.household)
        status = response.status_code
        said = f"{persona} {method.upper()} {url}: {status}"
        if status >= 500:
            found.append(f"{said}, a server error")
        elif not family.allowed(route, persona):
            # 403 to who sees the family but may not do this; 404 to who does not see it; 405 to a method the
            # route never takes, before anything is looked up.
            refused = status in (403, 405) or (status == 404 and not family.sees(route, persona))
            if not (refused or sent_away(response)):
                found.append(f"{said}, where it is refused (403, or 404 to who cannot see the family)")
            if written:
                found.append(f"{said}, refused but wrote to {sorted(written)}")
        else:
            if status in (403, 404):
                found.append(f"{said}, to someone who may")
            if method == "get" and status not in (200, 302, 405):
                found.append(f"{said}, where a page or a redirect was expected")
            if status in (200, 400) and not logged:
                found.append(f"{said}, a page of the family that left no view in the audit log")
            if method == "get" and written - {AUDIT_LOG}:
                found.append(f"{said}, a look that wrote to {sorted(written - {AUDIT_LOG})}")
    return found


@pytest.mark.parametrize("route", FAMILY_ROUTES, ids=str)
def test_a_participant(world, route):
    found = [p for persona in PERSONAS for p in problems(world, world["joined"], route, persona)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("route", FAMILY_ONLY_ROUTES, ids=str)
def test_a_family_being_referred(world, route):
    found = [p for persona in PERSONAS for p in problems(world, world["referred"], route, persona)]
    assert not found, "\n".join(found)
