"""A worker killed with SIGKILL in the middle of a save leaves no half-written row.

Each test runs the save as the application does, in a real process of its own (tests/reliability/worker.py) on a
real database file (or a PostgreSQL database of its own): the sheet's note saved, the last signature of an
agreement, a line of the investment, each through its page and so in the request's transaction; and the demo's
files, the one bulk load from files the product has, investment lines included. Inside the transaction, after
some rows are written and before the commit, the worker stops and says what its transaction sees; the test kills
it there with SIGKILL, which nothing in the process can catch or tidy up after. Then every table is read again
from the database itself, and must be exactly as before, and `manage.py verify_audit` must find the chain as it
was written.

The product has no bulk import of investments from a file: the demo's loader is the nearest to one (its YAML
files hold investment lines, saved one by one through `investment.save` in one transaction), and the investment
form's save is the one way a line reaches the database.

The check can fail: the same kill after the pause has committed, as a save that was not atomic would, leaves the
half-written rows, and the comparison names them. A kill just after the commit, before the audit entries are sealed,
keeps the save and leaves its entries for `verify_audit --seal`. A signature on paper leaves no scan behind either:
scans are rows of the same transaction (`capture.Scan`), never files beside it.
"""

import json

import pytest

from tests.reliability.databases import counts, differences, kill_in_the_middle, rows, verify_audit, worker

# What the save had written inside its transaction when it was killed, and must not be found afterwards.
HALF_WRITTEN = {
    "sheet": {"mapping_entryrevision": 1},
    "agreement": {"plans_signature": 1},
    "agreement-on-paper": {"plans_signature": 1, "capture_scan": 1},
    "investment": {"money_investment": 1, "access_auditentry": 1},
    "demo": {"people_municipality": 1, "people_household": 1, "money_investment": 3, "access_auditentry": 1},
}
SAVES = list(HALF_WRITTEN)


def killed_in_the_middle(fresh, scenario, mode="atomic"):
    db, tmp = fresh
    setup = worker(db, tmp, "setup", scenario)
    before = rows(db)
    seen = kill_in_the_middle(db, tmp, "save", scenario, "--setup", json.dumps(setup), "--mode", mode)
    return db, tmp, before, seen, rows(db)


def assert_written_inside(scenario, before, seen):
    """The worker was killed after it wrote: its own transaction saw the rows this save writes."""
    assert seen["in_transaction"], seen["where"]
    grown = {t: seen["counts"][t] - n for t, n in counts(before).items() if seen["counts"].get(t, n) != n}
    for table, at_least in HALF_WRITTEN[scenario].items():
        assert grown.get(table, 0) >= at_least, (seen["where"], grown)


@pytest.mark.parametrize("scenario", SAVES)
def test_a_worker_killed_in_the_middle_of_a_save_leaves_no_half_written_row(fresh, scenario):
    db, tmp, before, seen, after = killed_in_the_middle(fresh, scenario)
    assert_written_inside(scenario, before, seen)
    assert differences(before, after) == {}
    code, out, err = verify_audit(db, tmp)
    assert (code, err) == (0, ""), out + err
    assert out.strip() == "The audit log is as it was written."  # nothing left unsealed either
    if scenario != "demo":
        assert len(after["access_auditseal"]) == len(after["access_auditentry"]) > 0  # a chain that was checked


# The check can fail: a save that commits before its end is caught


@pytest.mark.parametrize("scenario", ["sheet", "agreement"])
def test_the_check_finds_rows_a_save_committed_before_it_was_killed(fresh, scenario):
    """The same kill, but the pause commits first, as a save that was not atomic would have: the test above
    would fail, naming the half-written rows."""
    db, tmp, before, seen, after = killed_in_the_middle(fresh, scenario, mode="commit-early")
    assert seen["committed_early"]
    found = differences(before, after)
    for table in HALF_WRITTEN[scenario]:
        assert table in found and found[table][1], found.keys()
    assert "access_auditentry" not in found  # the pause came before the save's audit entry: a change unaudited
    with pytest.raises(AssertionError):
        assert differences(before, after) == {}


# Killed just after the commit, before sealing: the save stands, its entries wait to be sealed


def test_a_worker_killed_between_commit_and_sealing_leaves_entries_to_seal(fresh):
    db, tmp, before, seen, after = killed_in_the_middle(fresh, "sheet", mode="after-commit")
    assert not seen["in_transaction"]
    found = differences(before, after)
    found.pop("sqlite_sequence", None)  # SQLite's own counters of the ids given
    assert set(found) == {"mapping_entry", "mapping_entryrevision", "access_auditentry"}  # saved, and audited
    assert len(found["access_auditentry"][1]) == 1 and "access_auditseal" not in found  # not yet sealed
    code, out, err = verify_audit(db, tmp)
    assert (code, err) == (0, "") and "1 entries are not sealed yet" in out, out + err
    code, out, err = verify_audit(db, tmp, "--seal")
    assert (code, err) == (0, "") and out.strip() == "The audit log is as it was written.", out + err
    assert len(rows(db)["access_auditseal"]) == len(after["access_auditentry"])
