"""Small builders for tests: a municipality with its catalogue, staff by role, households."""

import datetime
import itertools
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from welfarelab.capture.models import Consent, ParticipationAgreement, Qualification, Referral
from welfarelab.demo import catalogue
from welfarelab.mapping import life_areas
from welfarelab.money.models import Parameter, install_parameters
from welfarelab.people.models import Household, Municipality, Person, StaffUser
from welfarelab.plans.models import TeamMembership

# The suite shares the machine's cores with Chromium: properties are judged on what they find, not how fast
# examples are drawn or run (a loaded CI machine made both health checks fail at random).
hypothesis_settings.register_profile("suite", suppress_health_check=[HealthCheck.too_slow], deadline=None)
hypothesis_settings.load_profile("suite")

Role = StaffUser.Role
_counter = itertools.count(1)
BROWSER_TESTS = Path(__file__).parent / "browser"

# The queries a request adds on PostgreSQL: binding the connection to the user's municipality and back
# (`access.row_security`); SQLite has no row-level security.
ROW_SECURITY = 2 if connection.vendor == "postgresql" else 0


def pytest_collection_modifyitems(items):
    """Everything under tests/browser drives Chromium: marked `browser`, so CI runs it on one database only."""
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True, scope="session")
def emptying_sqlite_keeps_the_log_append_only():
    """After a browser test the database is emptied: PostgreSQL with TRUNCATE, which the audit log's triggers
    let through, SQLite with DELETE, which they refuse. On SQLite the triggers step aside for that alone."""
    from django.db import connection

    from welfarelab.access import append_only

    if connection.vendor != "sqlite":
        yield
        return
    DatabaseOperations = type(connection.ops)
    empty = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        append_only.uninstall(self.connection)
        try:
            empty(self, sql_list)
        finally:
            append_only.install(self.connection)

    DatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    DatabaseOperations.execute_sql_flush = empty


@pytest.fixture(autouse=True)
def language():
    """Each test starts in the suite's language: a page served in bokmål leaves its thread in bokmål."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def valuation_parameters(request):
    """The parameters a migration stored are gone after a browser test empties the database: put them back."""
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
    elif "db" in request.fixturenames or marker:
        request.getfixturevalue("db")
    else:
        return
    if not Parameter.objects.exists():
        install_parameters()


# The test municipalities' staff read English, as the assertions do; tests/test_language.py covers a
# municipality whose default (bokmål) wins.
@pytest.fixture
def municipality(db):
    m = Municipality.objects.create(slug="asker", name="Asker", default_language="en")
    life_areas.install(m)
    catalogue.install(m)
    return m


@pytest.fixture
def other_municipality(db):
    m = Municipality.objects.create(slug="baerum", name="Bærum", default_language="en")
    life_areas.install(m)
    catalogue.install(m)
    return m


def org(municipality, code):
    return municipality.organisations.get(code=code)


def make_user(municipality, role, organisation_code=None, username=None):
    username = username or f"{role}-{next(_counter)}"
    user = StaffUser.objects.create_user(
        username=username,
        password="a long test password",
        first_name=username.title(),
        role=role,
        municipality=municipality,
        organisation=org(municipality, organisation_code) if organisation_code else None,
    )
    return user


@pytest.fixture
def leader(municipality):
    return make_user(municipality, Role.INVESTMENT_LEADER, "koordinerende", "leader")


@pytest.fixture
def referrer(municipality):
    return make_user(municipality, Role.REFERRER, "skole", "referrer")


@pytest.fixture
def member(municipality):
    return make_user(municipality, Role.TEAM_MEMBER, "nav", "member")


def make_household(municipality, referrer, people=None, name=None, taken_by=None):
    household = Household.objects.create(municipality=municipality, name=name or f"Family {next(_counter)}")
    people = people or [
        ("Mother", Person.Relation.PARENT, datetime.date(1985, 1, 1)),
        ("Child", Person.Relation.CHILD, datetime.date(2015, 1, 1)),
    ]
    for given, relation, born in people:
        Person.objects.create(
            household=household, municipality=municipality, given_name=given, relation=relation, birth_date=born
        )
    Referral.objects.create(
        household=household,
        referred_by=referrer,
        referring_organisation=org(municipality, "skole"),
        why_now="Why now",
        what_is_known="Known",
        family_told="Told",
        agreed_to_contact=True,
        taken_by=taken_by,
    )
    return household


def qualify(household, leader, outcome=Qualification.Outcome.QUALIFIED):
    return Qualification.objects.create(
        referral=household.referral,
        wants_change=True,
        lifts_confidentiality=True,
        complex_needs=True,
        long_term_plan=True,
        outcome=outcome,
        reason="Reason",
        assessed_by=leader,
        assessed_on=datetime.date(2026, 1, 10),
    )


def make_participant(municipality, leader, referrer, consents=("nav",), **kwargs):
    """A household that has joined; the first adult consents to each organisation code given."""
    household = make_household(municipality, referrer, taken_by=leader, **kwargs)
    qualify(household, leader)
    ParticipationAgreement.objects.create(
        household=household, signed_on=datetime.date(2026, 1, 20), method="in_app", recorded_by=leader
    )
    adult = household.members.exclude(relation=Person.Relation.CHILD).order_by("pk").first()
    for code in consents:
        Consent.objects.create(
            household=household,
            given_by=adult,
            organisation=org(municipality, code),
            given_on=datetime.date(2026, 1, 20),
            method="in_app",
            recorded_by=leader,
        )
    household.joined_on = datetime.date(2026, 1, 20)
    household.investment_leader = leader
    household.save()
    return household


def add_to_team(household, user, organisation_code):
    return TeamMembership.objects.create(
        household=household,
        member=user,
        organisation=org(household.municipality, organisation_code),
        joined_on=datetime.date(2026, 1, 21),
    )


FAMILY = [
    ("Mother", Person.Relation.PARENT, datetime.date(1985, 1, 1)),
    ("Father", Person.Relation.PARENT, datetime.date(1983, 1, 1)),
    ("Child", Person.Relation.CHILD, datetime.date(2012, 1, 1)),
]


@pytest.fixture
def family(municipality, leader, referrer, member):
    """A participant whose mother (only) consented to NAV; the NAV member is on the team."""
    household = make_participant(municipality, leader, referrer, consents=("nav",), people=FAMILY)
    add_to_team(household, member, "nav")
    return household
