"""The audit log cannot be changed or hidden: the database refuses to change or delete a row, and each entry is
sealed into its municipality's chain, so that an entry changed (or deleted) by someone with the database
owner's rights breaks the chain where it stood, and `verify_audit` names it."""

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from tests.conftest import Role, make_user
from welfarelab.access import append_only, audit, chain, retention
from welfarelab.access.models import AuditEntry, AuditPruning, AuditSeal


def tampering():
    """As someone with the database owner's rights, who can take the triggers away."""
    return append_only.lifted(connection)


def write(principal, n, committed):
    """`n` entries, sealed as they would be once their request commits."""
    with committed(execute=True):
        return [audit.record(principal, audit.VIEW, principal, detail=f"look {i}") for i in range(n)]


@pytest.fixture
def leader(municipality):
    return make_user(municipality, Role.INVESTMENT_LEADER, "koordinerende")


@pytest.mark.parametrize("table", append_only.TABLES)
@pytest.mark.parametrize("sql", ["UPDATE {table} SET id = id", "DELETE FROM {table}"])
def test_the_database_refuses_to_change_or_delete_a_row(leader, django_capture_on_commit_callbacks, table, sql):
    write(leader, 2, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        retention.prune(before=AuditEntry.objects.order_by("id")[1].at)  # a pruning marker, the first entry gone
    refused = pytest.raises(DatabaseError, match="append-only|Cannot update or delete")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql.format(table=table))
    assert AuditEntry.objects.count() == AuditSeal.objects.count() == 2  # the second and the pruning's own
    assert AuditPruning.objects.count() == 1


def test_entries_are_sealed_in_order_per_municipality_once_committed(
    leader, municipality, other_municipality, django_capture_on_commit_callbacks
):
    other = make_user(other_municipality, Role.INVESTMENT_LEADER, "koordinerende")
    first = write(leader, 3, django_capture_on_commit_callbacks)
    write(other, 2, django_capture_on_commit_callbacks)
    later = write(leader, 1, django_capture_on_commit_callbacks)
    sealed = AuditSeal.objects.filter(chain_id=municipality.pk).order_by("sequence")
    assert [s.entry_id for s in sealed] == [e.pk for e in first + later]
    assert [s.sequence for s in sealed] == [1, 2, 3, 4]
    assert AuditSeal.objects.filter(chain_id=other_municipality.pk).count() == 2
    assert chain.verify() == ([], 0)


def test_an_entry_that_never_committed_is_never_sealed(leader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        audit.record(leader, audit.VIEW, leader)
    assert len(callbacks) == 1 and not AuditSeal.objects.exists()  # the request's commit has not come


def test_a_changed_entry_breaks_the_chain_and_verify_audit_names_it(
    leader, municipality, django_capture_on_commit_callbacks, capsys
):
    entries = write(leader, 4, django_capture_on_commit_callbacks)
    with tampering(), connection.cursor() as cursor:
        cursor.execute("UPDATE access_auditentry SET detail = 'nothing to see' WHERE id = %s", [entries[1].pk])
    breaks, _unsealed = chain.verify()
    assert [(b.chain, b.sequence, b.entry_id) for b in breaks] == [(municipality.pk, 2, entries[1].pk)]
    assert breaks[0].why == "changed after it was written"
    with pytest.raises(CommandError) as failed:
        call_command("verify_audit")
    assert failed.value.returncode == 1
    assert f"entry {entries[1].pk}" in capsys.readouterr().err


def test_an_entry_deleted_with_its_seal_breaks_the_chain(leader, municipality, django_capture_on_commit_callbacks):
    entries = write(leader, 3, django_capture_on_commit_callbacks)
    with tampering(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM access_auditseal WHERE entry_id = %s", [entries[1].pk])
        cursor.execute("DELETE FROM access_auditentry WHERE id = %s", [entries[1].pk])
    breaks, _unsealed = chain.verify()
    assert [(b.sequence, b.why) for b in breaks] == [(2, "missing: deleted, with its seal")]


def test_entries_left_unsealed_are_counted_and_sealed_on_request(leader, django_capture_on_commit_callbacks, capsys):
    write(leader, 2, django_capture_on_commit_callbacks)
    audit.record(leader, audit.VIEW, leader)  # its seal was to come after a commit that a crash prevented
    assert chain.verify() == ([], 1)
    call_command("verify_audit")
    assert "1 entries are not sealed yet" in capsys.readouterr().out
    call_command("verify_audit", "--seal")
    assert chain.verify() == ([], 0)
    assert "The audit log is as it was written." in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_two_writers_at_once_never_fork_a_chain(municipality):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time; the race is PostgreSQL's")
    leader = make_user(municipality, Role.INVESTMENT_LEADER, "koordinerende")
    start = threading.Barrier(4)

    def writer():
        start.wait()
        for _ in range(10):
            with transaction.atomic():
                audit.record(leader, audit.VIEW, leader)
        connection.close()

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sequences = sorted(AuditSeal.objects.filter(chain_id=municipality.pk).values_list("sequence", flat=True))
    assert sequences == list(range(1, 41))
    assert chain.verify() == ([], 0)
