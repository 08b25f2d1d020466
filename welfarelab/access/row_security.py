"""Row-level security on PostgreSQL: the database itself keeps each municipality's rows to that municipality,
so that a filter forgotten in a future view still cannot cross municipalities (`access.policy` decides the rest).

Every table holding a municipality's data has a policy: its rows are those of the municipality the request runs
for, named by a column of their own or through the row they belong to (whose own policy answers in turn). Each
request of a staff user runs as the role `ROLE`, which owns no table and is therefore bound by the policies, with
the user's municipality set (`RowSecurityMiddleware`); an anonymous request runs as that role with none, and sees
no row of any municipality but the staff accounts, among which a login finds its user. The role that logs in and
owns the tables (it runs the migrations, the management commands, and the installation's operator in Django's
admin, who belongs to no municipality) is not bound.

The tables left out hold no municipality's data, or must be read before anyone is known: `EXEMPT` says which and
why, and a test fails for a table that is in neither list. SQLite has no row-level security: there, and wherever
the database is not PostgreSQL, all of this does nothing.
"""

from contextlib import contextmanager, nullcontext

from django.conf import settings
from django.db import DatabaseError, connection, transaction

ROLE = getattr(settings, "WELFARELAB_DATABASE_ROLE", "welfarelab_app")
SETTING = "welfarelab.municipality"
CURRENT = f"nullif(current_setting('{SETTING}', true), '')::bigint"

# Each table that holds a municipality's data, and how its rows name their municipality: None for a column of
# their own (`municipality_id`), or the column that names the row they belong to and that row's table.
TABLES = {
    "people_organisation": None,
    "people_staffuser": None,  # and, before anyone is known, everyone's (see `rows`)
    "people_household": None,
    "people_person": None,
    "mapping_lifearea": None,
    "money_service": None,
    "access_wholefamilytext": ("household_id", "people_household"),
    "access_auditentry": None,  # read by the municipality alone; written by anyone (see `install`)
    "django_admin_log": ("user_id", "people_staffuser"),
    "capture_referral": ("household_id", "people_household"),
    "capture_qualification": ("referral_id", "capture_referral"),
    "capture_conversation": ("referral_id", "capture_referral"),
    "capture_participationagreement": ("household_id", "people_household"),
    "capture_participationagreement_signed_by": ("participationagreement_id", "capture_participationagreement"),
    "capture_consent": ("household_id", "people_household"),
    "capture_scan": None,
    "mapping_meeting": ("household_id", "people_household"),
    "mapping_meeting_family_present": ("meeting_id", "mapping_meeting"),
    "mapping_staffpresence": ("meeting_id", "mapping_meeting"),
    "mapping_entry": ("household_id", "people_household"),
    "mapping_entryrevision": ("household_id", "people_household"),
    "plans_teammembership": ("household_id", "people_household"),
    "plans_trustedperson": ("household_id", "people_household"),
    "plans_investmentplan": ("household_id", "people_household"),
    "plans_goal": ("plan_id", "plans_investmentplan"),
    "plans_decision": ("household_id", "people_household"),
    "plans_measure": ("plan_id", "plans_investmentplan"),
    "plans_agreementversion": ("plan_id", "plans_investmentplan"),
    "plans_signature": ("version_id", "plans_agreementversion"),
    "money_investment": ("household_id", "people_household"),
    "money_benefit": ("goal_id", "plans_goal"),
    "money_measurement": ("benefit_id", "money_benefit"),
    "money_planvalue": ("household_id", "people_household"),
    "journey_assessment": ("household_id", "people_household"),
    "journey_domainlevel": ("assessment_id", "journey_assessment"),
    "journey_unexpectedevent": ("household_id", "people_household"),
    "journey_progresscheck": ("goal_id", "plans_goal"),
    "journey_exit": ("household_id", "people_household"),
}


def rows(table):
    """The policy's condition: the rows of `table` the request's municipality sees."""
    if table == "people_staffuser":
        # A login or an invitation finds its user by name before anyone is known; the installation's operators
        # belong to no municipality.
        return f"municipality_id = {CURRENT} OR {CURRENT} IS NULL OR municipality_id IS NULL"
    if TABLES[table] is None:
        return f"municipality_id = {CURRENT}"
    column, parent = TABLES[table]
    # The parent's policy answers; but staff accounts are seen before login, so theirs is asked for its own.
    own = f" AND {parent}.municipality_id = {CURRENT}" if parent == "people_staffuser" else ""
    return f"EXISTS (SELECT 1 FROM {parent} WHERE {parent}.id = {table}.{column}{own})"


# The tables without a policy, and why.
EXEMPT = {
    "people_municipality": "the municipalities themselves: a user's language and name are read before login",
    "people_staffuser_groups": "Django's permissions of staff accounts",
    "people_staffuser_user_permissions": "Django's permissions of staff accounts",
    "django_session": "sessions are read to learn who the user is",
    "axes_accessattempt": "failed logins, counted before anyone is known",
    "axes_accessattemptexpiration": "failed logins, counted before anyone is known",
    "axes_accessfailurelog": "failed logins, counted before anyone is known",
    "axes_accesslog": "logins, recorded before anyone is known",
    "access_auditchain": "the chains' numbers: no content of any entry",
    "access_auditseal": "the seals' hashes: no content of any entry",
    "access_auditpruning": "the pruning markers' numbers and hashes",
    "money_parameter": "the national valuation parameters, the same for every municipality",
    "auth_group": "Django's permission groups",
    "auth_group_permissions": "Django's permission groups",
    "auth_permission": "Django's permissions",
    "django_content_type": "Django's list of models",
    "django_migrations": "the migrations applied",
    "portal_identityprovider": "where a municipality's citizens log in: read before anyone is known",
    # The installation's own stand-in for ID-porten (test environments): made-up people's codes and tokens.
    "oauth2_provider_application": "the OpenID provider's clients, asked before anyone is known",
    "oauth2_provider_grant": "the OpenID provider's codes, asked before anyone is known",
    "oauth2_provider_accesstoken": "the OpenID provider's tokens, asked before anyone is known",
    "oauth2_provider_refreshtoken": "the OpenID provider's tokens, asked before anyone is known",
    "oauth2_provider_idtoken": "the OpenID provider's tokens, asked before anyone is known",
    "oauth2_provider_devicegrant": "the OpenID provider's device codes (not used)",
}


def _postgresql(schema_editor):
    return schema_editor.connection.vendor == "postgresql"


def install(apps, schema_editor):
    """Create the role (if it is not there yet), grant it the tables, and put a policy on each of `TABLES` that
    the migrations so far have made. Run again (by the migration after the one that makes a table added to
    `TABLES`), it puts each policy anew."""
    if not _postgresql(schema_editor):
        return
    execute, tables = schema_editor.execute, _made(schema_editor)
    # Roles belong to the whole server: another database (a parallel test run's) may create it at the same time.
    execute(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ROLE}') THEN "
        f"CREATE ROLE {ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS; END IF; "
        "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
    )
    execute(f"GRANT {ROLE} TO CURRENT_USER")
    execute(f"GRANT USAGE ON SCHEMA public TO {ROLE}")
    execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {ROLE}")
    execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {ROLE}")
    execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {ROLE}")
    execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {ROLE}")
    _drop_policies(execute, tables)
    for table in tables:
        execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        if table == "access_auditentry":
            # Anyone may add to the log (a failed login is written before anyone is known); only the
            # municipality reads its own. Nobody changes it (`access.append_only`).
            execute(f"CREATE POLICY municipality_reads ON {table} FOR SELECT TO {ROLE} USING ({rows(table)})")
            execute(f"CREATE POLICY anyone_writes ON {table} FOR INSERT TO {ROLE} WITH CHECK (true)")
        else:
            execute(f"CREATE POLICY municipality ON {table} TO {ROLE} USING ({rows(table)}) WITH CHECK ({rows(table)})")


def _made(schema_editor):
    """The tables of `TABLES` that are there, in this migration's state."""
    made = set(schema_editor.connection.introspection.table_names())
    return [table for table in TABLES if table in made]


def _drop_policies(execute, tables):
    for table in tables:
        for policy in ("municipality", "municipality_reads", "anyone_writes"):
            execute(f"DROP POLICY IF EXISTS {policy} ON {table}")


def uninstall(apps, schema_editor):
    if not _postgresql(schema_editor):
        return
    tables = _made(schema_editor)
    _drop_policies(schema_editor.execute, tables)
    for table in tables:
        schema_editor.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")


def _set(role, municipality):
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('role', %s, false), set_config(%s, %s, false)", [role, SETTING, municipality])


def enter(user):
    """Run from now on as `ROLE` for `user`'s municipality (none if anonymous)."""
    municipality = getattr(user, "municipality_id", None)
    _set(ROLE, str(municipality or ""))
    connection.welfarelab_bound_to = municipality


def leave():
    """Back to the role that logged in."""
    _set("none", "")
    del connection.welfarelab_bound_to


def _bound(user):
    # The installation's operator (a superuser of no municipality) works across municipalities.
    return connection.vendor == "postgresql" and not (user.is_authenticated and user.municipality_id is None)


class RowSecurityMiddleware:
    """Each request runs bound by the policies, for the municipality of the staff user or citizen logged in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        principal = getattr(request, "citizen", None) or request.user  # a citizen on the family's door, or staff
        if not _bound(principal):
            return self.get_response(request)
        enter(principal)
        try:
            return self.get_response(request)
        finally:
            try:
                leave()
            except DatabaseError:
                connection.close()  # a connection whose role cannot be reset serves no other request


@contextmanager
def as_installation():
    """Inside a transaction: the work the installation does for everyone (the audit log's seals), unbound by the
    policies until the block ends."""
    with transaction.atomic():
        if connection.vendor != "postgresql":
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user <> session_user, current_user")
            bound, role = cursor.fetchone()
            if bound:
                cursor.execute("SET LOCAL ROLE NONE")
        yield
        if bound:  # within a longer transaction, SET LOCAL would last until its end
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('role', %s, true)", [role])


def writing_for(municipality_id):
    """Where the audit log is written for a municipality the request is not bound to (a login, an invitation's
    password: the user is known only now), the entry is written by the installation: a row written is read
    back, and the request may not read it."""
    if getattr(connection, "welfarelab_bound_to", municipality_id) == municipality_id:
        return nullcontext()
    return as_installation()
