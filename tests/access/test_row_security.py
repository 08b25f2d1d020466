"""Row-level security (`access.row_security`): on PostgreSQL the database itself keeps each municipality's rows
to that municipality, whatever a view forgets to filter; on every database, no table is left unaccounted for."""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test import Client

from welfarelab.access import row_security
from welfarelab.access.row_security import EXEMPT, ROLE, TABLES
from welfarelab.demo import loader as demo
from welfarelab.people.models import Municipality, StaffUser

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row-level security is PostgreSQL's; SQLite has none"
)


def test_every_table_has_a_policy_or_a_reason_not_to(db):
    tables = set(connection.introspection.table_names())
    assert not TABLES.keys() & EXEMPT.keys()
    assert tables - TABLES.keys() - EXEMPT.keys() == set(), "a new table: give it a policy or say why it needs none"
    assert TABLES.keys() | EXEMPT.keys() <= tables, "a table that is no more"


def test_each_request_is_bound_from_the_moment_the_user_is_known():
    middleware = settings.MIDDLEWARE
    bound = middleware.index("welfarelab.access.row_security.RowSecurityMiddleware")
    known = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    assert middleware[known + 1] == "welfarelab.portal.signin.CitizenMiddleware"  # a citizen on the family's door
    assert bound == known + 2


def _models():
    return {model._meta.db_table: model for model in apps.get_models(include_auto_created=True)}


def _path(table, models):
    """The ORM's way from a row of `table` to its municipality, found independently of the SQL policies."""
    if TABLES[table] is None:
        return "municipality"
    column, parent = TABLES[table]
    field = next(f.name for f in models[table]._meta.fields if f.column == column)
    return f"{field}__{_path(parent, models)}"


BIND = "SELECT set_config('role', %s, false), set_config(%s, %s, false)"


def _ids_as(municipality, table):
    """The ids a raw `SELECT *` of `table` returns as the request's role, bound to `municipality` ("": none)."""
    with connection.cursor() as cursor:
        cursor.execute(BIND, [ROLE, row_security.SETTING, municipality])
        try:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (the table is one of ours)
            names = [column.name for column in cursor.description]
            return {row[names.index("id")] for row in cursor.fetchall()}
        finally:
            cursor.execute(BIND, ["none", row_security.SETTING, ""])


@pytest.fixture
def two_municipalities(transactional_db):
    demo.load()
    return Municipality.objects.get(slug="asker"), Municipality.objects.get(slug="baerum")


@postgresql_only
def test_a_raw_select_of_each_table_sees_only_its_own_municipality(two_municipalities):
    models = _models()
    empty = []
    for table in TABLES:
        model = models[table]
        for municipality in two_municipalities:
            own = set(model.objects.filter(**{_path(table, models): municipality}).values_list("pk", flat=True))
            if municipality.slug == "asker" and not own:
                empty.append(table)
            assert _ids_as(str(municipality.pk), table) == own, f"{table} as {municipality.slug}"
        # Before anyone is known, nothing; but the staff accounts, for the login to find its user.
        anonymous = set(model.objects.values_list("pk", flat=True)) if table == "people_staffuser" else set()
        assert _ids_as("", table) == anonymous, f"{table} with no municipality"
    # The demo's Asker has rows in every table but the admin's log (nobody used Django's admin yet) and the
    # progress checks (the demo's follow-up is in its assessments).
    assert empty == ["django_admin_log", "journey_progresscheck"]


@postgresql_only
def test_the_role_is_bound_by_the_policies_and_owns_nothing(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = %s", [ROLE])
        assert cursor.fetchone() == (False, False, False)
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = %s", [ROLE])
        assert cursor.fetchall() == []
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relname = ANY(%s) AND (NOT relrowsecurity OR relforcerowsecurity)",
            [list(TABLES)],
        )
        assert cursor.fetchall() == [], "every table of TABLES has its policy on, for the role alone"


@postgresql_only
@pytest.mark.urls("tests.access.forgotten_filter")
def test_a_view_that_forgot_its_filter_still_shows_one_municipality(two_municipalities):
    def everything(username):
        client = Client()
        if username:
            client.force_login(StaffUser.objects.get(username=username))
        return client.get("/everything/").json()

    assert everything("outsider") == {"households": ["baerum"], "people": ["baerum"]}
    assert everything("leader") == {"households": ["asker"], "people": ["asker"]}
    # The login page and any other page before login: no family of any municipality.
    assert everything(None) == {"households": [], "people": []}
    # After the request the connection is its own again: the operator's commands see every municipality.
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user = session_user, current_setting(%s, true)", [row_security.SETTING])
        assert cursor.fetchone() == (True, "")


@postgresql_only
@pytest.mark.urls("tests.access.forgotten_filter")
def test_the_installations_operator_works_across_municipalities(two_municipalities):
    client = Client()
    client.force_login(StaffUser.objects.create_superuser("operator", password="a long operator's password"))
    assert client.get("/everything/").json()["households"] == ["asker", "baerum"]
