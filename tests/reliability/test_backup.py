"""A backup restored gives back every row as it was, and an audit log that verifies and stays append-only.

The demo (welfarelab.demo.loader: two municipalities, their staff and families, and the audit log of all they did)
is loaded by a worker into a database of the tests' own, backed up and restored as an operator would: with
SQLite's online backup (sqlite3.Connection.backup), or with `pg_dump -Fc` and `pg_restore` into a new database.
Every table is then read from both, ordered by primary key, and must be equal; `manage.py verify_audit` must find
the restored log as it was written, and find it when it is not. Each test runs on both, whichever database this run
of the suite is on; without a PostgreSQL server or its client tools, the PostgreSQL ones skip and say what is
missing.
"""

import re
import subprocess

import pytest

from tests.reliability import databases
from tests.reliability.databases import differences, rows, tool, verify_audit, worker

AS_WRITTEN = "The audit log is as it was written."
REFUSED = re.compile(r"append-only|Cannot update or delete")


def postgresql_tools():
    """pg_dump and pg_restore, of the server's major version or later; else the test skips, saying what is missing."""
    found = {name: tool(name) for name in ("pg_dump", "pg_restore")}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not found: the PostgreSQL backup round trip needs the client tools")
    with databases.admin() as conn:
        server = int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000
    for name, path in found.items():
        version = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout
        major = int(re.search(r"\(PostgreSQL\) (\d+)", version).group(1))
        if major < server:
            pytest.skip(f"{name} is version {major}, older than the server's {server}: it cannot dump or restore it")
    return found


def reachable():
    """Whether the PostgreSQL server is there to make databases on; else the test skips, saying where it looked."""
    try:
        with databases.admin():
            return
    except Exception as error:
        server = databases.server()
        pytest.skip(
            f"no PostgreSQL server at {server['host']}:{server['port']} ({error.__class__.__name__}): "
            "the pg_dump round trip needs one"
        )


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo(request, tmp_path_factory):
    """The demo, loaded by a worker into a migrated database of each kind, whichever this run is on; the tests only
    read it."""
    if request.param == "postgresql":
        reachable()
        postgresql_tools()
    tmp = tmp_path_factory.mktemp("demo")
    db = databases.new(request.param, "demo", tmp)
    try:
        databases.manage(db, tmp, "migrate", "--verbosity", "0")
        assert worker(db, tmp, "demo") == {"loaded": True}
        yield db
    finally:
        db.drop()


def backed_up_and_restored(source, tmp):
    """The backup of `source`, restored into a new database of its kind."""
    if source.vendor == "sqlite":
        target = databases.new(source.vendor, "restored", tmp)
        databases.online_backup(source, target)
        return target
    tools = postgresql_tools()
    dump = tmp / "backup.dump"
    target = databases.new(source.vendor, "restored", tmp)
    try:
        for command in (
            [tools["pg_dump"], "--format=custom", f"--file={dump}", f"--dbname={source.url}"],
            [tools["pg_restore"], "--exit-on-error", f"--dbname={target.url}", str(dump)],
        ):
            done = subprocess.run(command, capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, f"{command[0]} exited {done.returncode}: {done.stderr}"
    except BaseException:
        target.drop()
        raise
    return target


@pytest.fixture
def restored(demo, tmp_path):
    db = None
    try:
        db = backed_up_and_restored(demo, tmp_path)
        yield db, tmp_path
    finally:
        if db is not None:
            db.drop()


def assert_round_trip(source, restored_db, tmp):
    before, after = rows(source), rows(restored_db)
    assert len(before) > 30 and differences(before, after) == {}
    entries, seals = before["access_auditentry"], before["access_auditseal"]
    assert len(entries) == len(seals) > 500  # the demo's whole log, every entry sealed
    code, out, err = verify_audit(restored_db, tmp)
    assert (code, out.strip(), err) == (0, AS_WRITTEN, ""), out + err


# What else a restore must give back: SQLite's schema, the append-only triggers included; PostgreSQL's sequences,
# whose ids must go on where they were (a sequence restored behind its table would collide with the next row).
KEPT = {
    "sqlite": "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name",
    "postgresql": "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename",
}


def test_a_backup_restored_gives_identical_rows_and_a_verifying_audit_chain(demo, restored):
    """SQLite's online backup, or pg_dump and pg_restore."""
    db, tmp = restored
    assert_round_trip(demo, db, tmp)
    with demo.connect() as a, db.connect() as b:
        assert a.execute(KEPT[db.vendor]).fetchall() == b.execute(KEPT[db.vendor]).fetchall()


TRIGGERS = {
    "sqlite": "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' ORDER BY tbl_name, name",
    "postgresql": "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D' "
    "ORDER BY 1, 2",
}


def test_the_restored_audit_log_is_still_append_only(demo, restored):
    db, _tmp = restored
    with demo.connect() as a, db.connect() as b:
        triggers = b.execute(TRIGGERS[db.vendor]).fetchall()
        assert triggers == a.execute(TRIGGERS[db.vendor]).fetchall()
    assert {table for table, _name in triggers} >= {"access_auditentry", "access_auditseal", "access_auditpruning"}
    for sql in (
        "UPDATE access_auditentry SET detail = 'nothing to see'",
        "DELETE FROM access_auditentry",
        "UPDATE access_auditseal SET digest = digest",
        "DELETE FROM access_auditseal",
    ):
        with db.connect() as conn, pytest.raises(Exception, match=REFUSED):
            conn.execute(sql)
    assert differences(rows(demo), rows(db)) == {}


def test_verification_finds_an_entry_changed_in_the_restored_copy(demo, restored):
    """The check can fail: one entry changed by someone who lifted the rule, and verify_audit names it."""
    db, tmp = restored
    changed = worker(db, tmp, "tamper")
    code, out, err = verify_audit(db, tmp)
    assert code == 1, out + err
    assert f"chain {changed['chain']}, link {changed['sequence']} (entry {changed['entry']})" in err
    assert "changed after it was written" in err and AS_WRITTEN not in out
    found = differences(rows(demo), rows(db))
    assert list(found) == ["access_auditentry"] and len(found["access_auditentry"][1]) == 1
    assert verify_audit(demo, tmp)[0] == 0  # the source is untouched


def test_the_restored_copy_goes_on_writing_and_sealing(demo, restored):
    """A restore to carry on with: a new entry takes the next id and the next link, and the chain verifies."""
    db, tmp = restored
    before = rows(db)
    added = worker(db, tmp, "append")
    assert added["entry"] == max(entry[0] for entry in before["access_auditentry"]) + 1
    sealed = [seal for seal in rows(db)["access_auditseal"] if seal not in before["access_auditseal"]]
    assert len(sealed) == 1
    code, out, err = verify_audit(db, tmp)
    assert (code, out.strip(), err) == (0, AS_WRITTEN, ""), out + err


def test_a_backup_taken_while_a_writer_is_inside_its_transaction_holds_only_what_was_committed(demo, tmp_path):
    """Online: when the backup is taken, a writer has renamed every family and emptied the sheets' history, in a
    transaction it has not committed. The backup holds the committed database, as it was before."""
    committed = rows(demo)
    with demo.connect() as writer:
        writer.execute("BEGIN IMMEDIATE" if demo.vendor == "sqlite" else "BEGIN")
        writer.execute("UPDATE people_household SET name = 'Written, not committed'")
        writer.execute("DELETE FROM mapping_entryrevision")
        assert writer.execute("SELECT count(*) FROM mapping_entryrevision").fetchone()[0] == 0
        assert len(committed["mapping_entryrevision"]) > 100
        restored_db = backed_up_and_restored(demo, tmp_path)
        writer.execute("ROLLBACK")
    try:
        assert differences(committed, rows(restored_db)) == {}
        code, out, err = verify_audit(restored_db, tmp_path)
        assert (code, out.strip(), err) == (0, AS_WRITTEN, ""), out + err
    finally:
        restored_db.drop()
