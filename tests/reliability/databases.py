"""Databases of the reliability tests' own, beside pytest-django's: a SQLite file, or a PostgreSQL database on the
suite's server, that real worker processes (tests/reliability/worker.py, manage.py) open through DATABASE_URL.

The test process itself reads them with the drivers alone (sqlite3, psycopg), never through Django, so that what it
sees is what is on disk, whatever a worker had in its memory when it died.
"""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
WAIT = 60  # seconds a worker may take to reach its pause, on a loaded machine


def vendor():
    """The database this run of the suite is on: "sqlite" or "postgresql"."""
    engine = settings.DATABASES["default"]["ENGINE"]
    return "postgresql" if "postgresql" in engine else "sqlite"


def server():
    """How to reach the suite's PostgreSQL server (its host, port and user, never its test database)."""
    db = settings.DATABASES["default"]
    return {
        "host": db.get("HOST") or "127.0.0.1",
        "port": int(db.get("PORT") or 5432),
        "user": db.get("USER") or "postgres",
        "password": db.get("PASSWORD") or None,
    }


def admin():
    """A connection to the server's maintenance database, to make and drop databases."""
    import psycopg

    return psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=10, **server())


_names = iter(range(1, 10**6))


def unique_name(label):
    """A database name no other run on the server uses: the suite's database, this process and a counter."""
    base = settings.DATABASES["default"]["NAME"] if vendor() == "postgresql" else "welfarelab"
    return f"{Path(str(base)).name}_{os.getpid()}_{label}_{next(_names)}"[:63]


@dataclass
class Database:
    vendor: str
    name: str  # the file's path for SQLite

    @property
    def url(self):
        if self.vendor == "sqlite":
            return f"sqlite:///{self.name}"
        s = server()
        password = f":{s['password']}" if s["password"] else ""
        return f"postgres://{s['user']}{password}@{s['host']}:{s['port']}/{self.name}"

    def connect(self):
        """A connection of the driver's own, in autocommit: what a reader after the crash sees."""
        if self.vendor == "sqlite":
            return sqlite3.connect(self.name, isolation_level=None)
        import psycopg

        return psycopg.connect(dbname=self.name, autocommit=True, **server())

    def copy(self, label):
        """A copy of this database (which nobody is using) to spoil: a file copy, or a PostgreSQL template."""
        other = new(self.vendor, label, Path(self.name).parent if self.vendor == "sqlite" else None, create=False)
        if self.vendor == "sqlite":
            online_backup(self, other)
            return other
        for attempt in range(50):  # the last worker's connection may take a moment to go
            try:
                with admin() as conn:
                    conn.execute(f'CREATE DATABASE "{other.name}" TEMPLATE "{self.name}"')
                return other
            except Exception as error:
                if "being accessed by other users" not in str(error) or attempt == 49:
                    raise
                time.sleep(0.1)
        raise AssertionError("unreachable")

    def drop(self):
        if self.vendor == "sqlite":
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(self.name + suffix).unlink(missing_ok=True)
            return
        with admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    _SESSIONS = "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND backend_type = 'client backend'"

    def wait_until_unused(self, timeout=10):
        """On PostgreSQL, until the server has ended every session on the database (a killed worker's included),
        so that its transaction is over, rolled back, and not just out of sight."""
        if self.vendor != "postgresql":
            return
        deadline = time.monotonic() + timeout
        with admin() as conn:
            while conn.execute(self._SESSIONS, [self.name]).fetchone()[0]:
                assert time.monotonic() < deadline, f"sessions on {self.name} still open after {timeout} s"
                time.sleep(0.05)


def new(vendor_name, label, folder=None, create=True):
    """A new, empty database (on PostgreSQL made from template0, as pg_restore wants it)."""
    if vendor_name == "sqlite":
        return Database("sqlite", str(Path(folder) / f"{unique_name(label)}.sqlite3"))
    db = Database("postgresql", unique_name(label))
    if create:
        with admin() as conn:
            conn.execute(f'CREATE DATABASE "{db.name}" TEMPLATE template0')
    return db


def online_backup(source, target):
    """SQLite's online backup API: a consistent copy of the committed database, page by page."""
    with sqlite3.connect(source.name) as src, sqlite3.connect(target.name) as dst:
        src.backup(dst)
    src.close()
    dst.close()


# Workers


def environment(db, tmp):
    """The environment of a worker on `db`: the tests' settings, and its temporary files (media, SQLite's test
    folder the settings make) kept in `tmp`, where a test can look at them and pytest removes them."""
    Path(tmp).mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "DJANGO_"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": db.url,
        "TMPDIR": str(tmp),
        "PYTHONPATH": str(ROOT),
        "SECRET_KEY": os.environ.get("SECRET_KEY", "tests-only-secret-key"),
    }


def run(args, db, tmp, check=True, timeout=300):
    """Run a worker to its end: `python -m tests.reliability.worker ...` or `manage.py ...`."""
    done = subprocess.run(
        [PYTHON, *args], cwd=ROOT, env=environment(db, tmp), capture_output=True, text=True, timeout=timeout
    )
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def manage(db, tmp, *args, check=True):
    return run(["manage.py", *args], db, tmp, check=check)


def worker(db, tmp, *args):
    """Run tests/reliability/worker.py to its end; what it hands back (JSON)."""
    out = Path(tmp) / f"out-{time.monotonic_ns()}.json"
    run(["-m", "tests.reliability.worker", *args, "--out", str(out)], db, tmp)
    return json.loads(out.read_text())


def kill_in_the_middle(db, tmp, *args):
    """Start a worker that pauses inside its save (tests/reliability/worker.py), wait until it says where it is,
    and kill it with SIGKILL there: no handler, no rollback of its own, no atexit. What it saw inside its
    transaction, in its last words before the pause."""
    marker = Path(tmp) / f"paused-{time.monotonic_ns()}.json"
    output = marker.with_suffix(".log")
    command = [PYTHON, "-m", "tests.reliability.worker", *args, "--marker", str(marker)]
    with output.open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=environment(db, tmp), stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + WAIT
        while not marker.exists():
            if process.poll() is not None:
                raise AssertionError(f"the worker ended ({process.returncode}) before its pause:\n{output.read_text()}")
            assert time.monotonic() < deadline, f"the worker did not reach its pause in {WAIT} s"
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=WAIT)
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == -signal.SIGKILL, f"the worker ended with {process.returncode}, not by SIGKILL"
    db.wait_until_unused()
    return json.loads(marker.read_text())


# What is in a database


def tables(conn, vendor_name):
    if vendor_name == "sqlite":
        found = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    else:
        found = conn.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
        ).fetchall()
    return [name for (name,) in found]


def _key(conn, vendor_name, table):
    """The table's primary key columns, to order its rows by (every column where it has none)."""
    if vendor_name == "sqlite":
        info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
        key = [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]]
        return key or [row[1] for row in info]
    key = conn.execute(
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
        "WHERE i.indrelid = %s::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)",
        [f'"{table}"'],
    ).fetchall()
    if key:
        return [name for (name,) in key]
    columns = conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position", [table]
    ).fetchall()
    return [name for (name,) in columns]


def rows(db):
    """Every row of every table, ordered by primary key: {table: [row, ...]}."""
    with db.connect() as conn:
        found = {}
        for table in tables(conn, db.vendor):
            order = ", ".join(f'"{column}"' for column in _key(conn, db.vendor, table))
            found[table] = [tuple(row) for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}')]
    return found


def counts(found):
    return {table: len(table_rows) for table, table_rows in found.items()}


def differences(before, after):
    """{table: (rows only before, rows only after)} for each table that differs."""
    changed = {}
    for table in sorted(set(before) | set(after)):
        old, new_rows = before.get(table, []), after.get(table, [])
        if old != new_rows:
            changed[table] = ([r for r in old if r not in new_rows], [r for r in new_rows if r not in old])
    return changed


def verify_audit(db, tmp, *args):
    """`manage.py verify_audit` on `db`, as an operator runs it after a restore: (exit code, stdout, stderr)."""
    done = manage(db, tmp, "verify_audit", *args, check=False)
    return done.returncode, done.stdout, done.stderr


def tool(name):
    """A PostgreSQL client program, or None."""
    return shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
