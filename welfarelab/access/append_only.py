"""The audit log is append-only in the database itself. PostgreSQL's triggers come from django-pgtrigger
(`models.APPEND_ONLY`); SQLite, which it does not serve, gets the same here: a row of the log or of its chain
can be added, never changed or deleted, whatever reaches the database."""

TABLES = ("access_auditentry", "access_auditseal")
REFUSAL = "The audit log is append-only."


def _triggers():
    for table in TABLES:
        for operation in ("UPDATE", "DELETE"):
            yield f"{table}_append_only_{operation.lower()}", table, operation


def install(connection):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name, table, operation in _triggers():
            cursor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {operation} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
            )


def uninstall(connection):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name, _table, _operation in _triggers():
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
