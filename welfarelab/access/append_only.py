"""The audit log is append-only in the database itself. PostgreSQL's triggers come from django-pgtrigger
(`models.APPEND_ONLY`); SQLite, which it does not serve, gets the same here: a row of the log, of its chain or
of a pruning marker can be added, never changed or deleted, whatever reaches the database. Only pruning past
the retention period (`access.retention`) lifts the rule, inside its own transaction."""

from contextlib import contextmanager

import pgtrigger

TABLES = ("access_auditentry", "access_auditseal", "access_auditpruning")
MODELS = ("access.AuditEntry", "access.AuditSeal", "access.AuditPruning")
REFUSAL = "The audit log is append-only."


def _triggers(tables):
    for table in tables:
        for operation in ("UPDATE", "DELETE"):
            yield f"{table}_append_only_{operation.lower()}", table, operation


def install(connection, tables=TABLES):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name, table, operation in _triggers(tables):
            cursor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {operation} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
            )


def uninstall(connection, tables=TABLES):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name, _table, _operation in _triggers(tables):
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


@contextmanager
def lifted(connection):
    """The rule lifted for what runs inside, as the database's owner can: on PostgreSQL for this transaction's
    statements only (pgtrigger.ignore); on SQLite the triggers are dropped and put back (in the same transaction,
    which holds the database's write lock, so no other writer sees them gone)."""
    if connection.vendor == "postgresql":
        with pgtrigger.ignore(*(f"{model}:append_only" for model in MODELS)):
            yield
        return
    uninstall(connection)
    try:
        yield
    finally:
        install(connection)
