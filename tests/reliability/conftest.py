"""The reliability tests' databases: their own (tests/reliability/databases.py), on the database this run of the suite
is on, never pytest-django's. A migrated one is made once per run and copied for each test."""

import pytest

from tests.reliability import databases


@pytest.fixture(scope="session")
def migrated(tmp_path_factory):
    """An empty database, migrated by `manage.py migrate` in a process of its own."""
    folder = tmp_path_factory.mktemp("reliability")
    db = databases.new(databases.vendor(), "migrated", folder)
    try:
        databases.manage(db, folder / "tmp", "migrate", "--verbosity", "0")
        yield db
    finally:
        db.drop()


@pytest.fixture
def fresh(migrated, tmp_path):
    """A copy of the migrated database for one test, dropped after it; and the test's folder for its workers."""
    db = migrated.copy("test")
    try:
        yield db, tmp_path
    finally:
        db.drop()
