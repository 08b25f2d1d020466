"""The audit log is kept for the retention period and then pruned: only what is past it goes, a signed marker
keeps the chain verifying, nobody without the installation's key can cut a chain and call it pruned, and a broken
chain is never pruned."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from tests.conftest import Role, make_user
from welfarelab.access import append_only, audit, chain, retention
from welfarelab.access.models import AuditEntry, AuditPruning, AuditSeal
from welfarelab.access.principals import Kind

YEARS = datetime.timedelta(days=365)


@pytest.fixture
def leader(municipality):
    return make_user(municipality, Role.INVESTMENT_LEADER, "koordinerende")


def written(principal, n, ago, committed):
    """`n` entries written `ago` (backdated before they are sealed, as if written then), sealed in order."""
    with committed(execute=False):
        entries = [audit.record(principal, audit.VIEW, principal, detail=f"look {i}") for i in range(n)]
    with append_only.lifted(connection), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE access_auditentry SET at = %s WHERE id BETWEEN %s AND %s",
            [timezone.now() - ago, entries[0].pk, entries[-1].pk],
        )
    chain.seal()
    return entries


def prune(committed, **options):
    with committed(execute=True):
        call_command("prune_audit", **options)


@pytest.fixture
def keyed():
    """An installation with its own SECRET_KEY, as pruning demands."""
    with override_settings(SECRET_KEY="the municipality's own key " * 3, SECRET_KEY_FROM_ENVIRONMENT=True):
        yield


def test_only_what_is_past_the_retention_period_is_pruned_and_the_chain_still_verifies(
    leader, municipality, keyed, django_capture_on_commit_callbacks, capsys
):
    old = written(leader, 3, 11 * YEARS, django_capture_on_commit_callbacks)
    recent = written(leader, 2, 9 * YEARS, django_capture_on_commit_callbacks)
    prune(django_capture_on_commit_callbacks)
    assert "Pruned 3 entries of chain" in capsys.readouterr().out
    assert not AuditEntry.objects.filter(pk__in=[e.pk for e in old]).exists()
    assert AuditEntry.objects.filter(pk__in=[e.pk for e in recent]).count() == 2
    marker = AuditPruning.objects.get()
    assert (marker.chain_id, marker.through, marker.pruned) == (municipality.pk, 3, 3)
    assert chain.verify() == ([], 0)
    # The pruning is itself in the log, by the system, as the chain's next link.
    said = AuditEntry.objects.get(actor_kind=Kind.SYSTEM)
    assert said.action == audit.DELETE and said.municipality_id == municipality.pk
    assert said.detail.startswith("pruned 3 entries written before ") and "links 1 to 3" in said.detail
    assert said.seal.sequence == 6
    # Pruning again finds nothing more; the log goes on where it was.
    prune(django_capture_on_commit_callbacks)
    assert "nothing to prune" in capsys.readouterr().out
    write_more = written(leader, 1, datetime.timedelta(0), django_capture_on_commit_callbacks)
    assert write_more[0].seal.sequence == 7 and chain.verify() == ([], 0)


def test_a_chain_pruned_to_its_end_goes_on_after_the_marker(leader, keyed, django_capture_on_commit_callbacks):
    written(leader, 2, 12 * YEARS, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=False):  # the pruning's own entry waits, unsealed
        retention.prune(retention.cut())
    assert not AuditSeal.objects.exists()
    chain.seal()
    assert AuditSeal.objects.get().sequence == 3
    assert chain.verify() == ([], 0)


def test_a_dry_run_prunes_nothing(leader, keyed, django_capture_on_commit_callbacks, capsys):
    written(leader, 2, 11 * YEARS, django_capture_on_commit_callbacks)
    prune(django_capture_on_commit_callbacks, dry_run=True)
    assert "Would prune 2 entries" in capsys.readouterr().out
    assert AuditEntry.objects.count() == 2 and not AuditPruning.objects.exists()


@override_settings(AUDIT_RETENTION_YEARS=5)
def test_the_retention_period_is_the_installations_setting(leader, keyed, django_capture_on_commit_callbacks):
    written(leader, 1, 6 * YEARS, django_capture_on_commit_callbacks)
    kept = written(leader, 1, 4 * YEARS, django_capture_on_commit_callbacks)
    prune(django_capture_on_commit_callbacks)
    assert list(AuditEntry.objects.exclude(actor_kind=Kind.SYSTEM)) == kept


def test_a_marker_not_signed_with_the_installations_key_breaks_the_chain(
    leader, municipality, keyed, django_capture_on_commit_callbacks
):
    written(leader, 3, 11 * YEARS, django_capture_on_commit_callbacks)
    written(leader, 1, YEARS, django_capture_on_commit_callbacks)
    # Someone with the database's rights but not the key cuts the chain and leaves a marker of their own.
    first = AuditSeal.objects.get(chain_id=municipality.pk, sequence=2)
    with append_only.lifted(connection), connection.cursor() as cursor:
        gone = "SELECT entry_id FROM access_auditseal WHERE sequence <= 2"
        cursor.execute(f"DELETE FROM access_auditentry WHERE id IN ({gone})")
        cursor.execute("DELETE FROM access_auditseal WHERE sequence <= 2")
    with override_settings(SECRET_KEY="a key that is not the municipality's " * 2):
        forged = chain.sign(
            AuditPruning(chain_id=municipality.pk, through=2, digest=first.digest, before=timezone.now(), pruned=2)
        )
    forged.save()
    breaks, _unsealed = chain.verify()
    assert [(b.chain, b.sequence, b.why) for b in breaks] == [
        (municipality.pk, 2, "pruned without this installation's key")
    ]


def test_a_marker_deleted_leaves_the_chain_missing_its_links(leader, keyed, django_capture_on_commit_callbacks):
    written(leader, 2, 11 * YEARS, django_capture_on_commit_callbacks)
    prune(django_capture_on_commit_callbacks)
    with append_only.lifted(connection), connection.cursor() as cursor:
        cursor.execute("DELETE FROM access_auditpruning")
    breaks, _unsealed = chain.verify()
    assert [(b.sequence, b.why) for b in breaks] == [(1, "missing: deleted, with its seal")]


def test_a_marker_signed_before_the_key_was_rotated_still_verifies(leader, keyed, django_capture_on_commit_callbacks):
    written(leader, 2, 11 * YEARS, django_capture_on_commit_callbacks)
    prune(django_capture_on_commit_callbacks)
    with override_settings(SECRET_KEY="the new key " * 5, SECRET_KEY_FALLBACKS=["the municipality's own key " * 3]):
        assert chain.verify() == ([], 0)
    with override_settings(SECRET_KEY="the new key " * 5):
        assert chain.verify()[0][0].why == "pruned without this installation's key"


def test_a_broken_chain_is_not_pruned(leader, municipality, keyed, django_capture_on_commit_callbacks, capsys):
    entries = written(leader, 3, 11 * YEARS, django_capture_on_commit_callbacks)
    with append_only.lifted(connection), connection.cursor() as cursor:
        cursor.execute("UPDATE access_auditentry SET detail = 'nothing to see' WHERE id = %s", [entries[0].pk])
    with pytest.raises(CommandError) as failed:
        prune(django_capture_on_commit_callbacks)
    assert failed.value.returncode == 1
    assert f"Not pruned, the chain is broken: chain {municipality.pk}, link 1" in capsys.readouterr().err
    assert AuditEntry.objects.count() == 3 and not AuditPruning.objects.exists()


def test_pruning_needs_the_installations_own_key(leader, django_capture_on_commit_callbacks):
    written(leader, 2, 11 * YEARS, django_capture_on_commit_callbacks)
    with (
        override_settings(SECRET_KEY_FROM_ENVIRONMENT=False, DEBUG=False),
        pytest.raises(CommandError, match="SECRET_KEY"),
    ):
        prune(django_capture_on_commit_callbacks)
    with (
        override_settings(AUDIT_RETENTION_YEARS=0, SECRET_KEY_FROM_ENVIRONMENT=True),
        pytest.raises(CommandError, match="at least a year"),
    ):
        prune(django_capture_on_commit_callbacks)
    assert AuditEntry.objects.count() == 2


def test_the_cut_falls_on_the_same_day_years_before():
    leap = datetime.datetime(2028, 2, 29, 12, tzinfo=datetime.UTC)
    assert retention.cut(10, now=leap) == datetime.datetime(2018, 2, 28, 12, tzinfo=datetime.UTC)
    assert retention.cut(4, now=leap) == datetime.datetime(2024, 2, 29, 12, tzinfo=datetime.UTC)
