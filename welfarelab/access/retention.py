"""The audit log is kept as long as the law asks (`settings.AUDIT_RETENTION_YEARS`) and no longer. Pruning takes
the oldest links of a chain, as long as every one of them was written before the cut, and leaves a marker signed
with the installation's key (django.core.signing): the last pruned link's number and digest, from which the chain
verifies on. A chain that is broken is never pruned: what shows the break must stay for whoever looks into it.
The pruning itself is written to the log."""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from welfarelab.access import append_only, audit, chain
from welfarelab.access.models import AuditChain, AuditEntry, AuditPruning, AuditSeal
from welfarelab.access.principals import System
from welfarelab.people.models import Municipality


def cut(years=None, now=None):
    """The moment `years` (the setting, unless given) before now: entries written before it are past keeping."""
    years = settings.AUDIT_RETENTION_YEARS if years is None else years
    now = now or timezone.now()
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February in a year without one
        return now.replace(year=now.year - years, day=28)


@dataclass
class Pruned:
    chain: int
    entries: int
    through: int


def prune(before, dry_run=False):
    """Prune each chain's links written before `before`. Returns what was (or, with `dry_run`, would be) pruned,
    and the chains that were left alone because they are broken."""
    chain.seal()  # an old entry left unsealed is sealed first, so that it is pruned with its neighbours
    breaks, _unsealed = chain.verify()
    broken = {found.chain for found in breaks}
    done = []
    for chain_id in AuditChain.objects.exclude(pk__in=broken).order_by("pk").values_list("pk", flat=True):
        pruned = _prune_chain(chain_id, before, dry_run)
        if pruned:
            done.append(pruned)
    return done, breaks


@transaction.atomic
def _prune_chain(chain_id, before, dry_run):
    AuditChain.objects.select_for_update().get(pk=chain_id)  # no link is added while the chain is cut
    through, _digest = chain.start(chain_id)
    links = AuditSeal.objects.filter(chain_id=chain_id, sequence__gt=through)
    kept = links.filter(entry__at__gte=before).order_by("sequence").values_list("sequence", flat=True).first()
    last = links.filter(sequence__lt=kept) if kept else links
    last = last.order_by("-sequence").first()
    if last is None:
        return None
    pruned = Pruned(chain_id, last.sequence - through, last.sequence)
    if dry_run:
        return pruned
    links = [chain_id, through, last.sequence]
    with append_only.lifted(connection), connection.cursor() as cursor:
        # The entries first, then their seals: the key between them is checked when the transaction commits.
        cursor.execute(
            f"DELETE FROM {AuditEntry._meta.db_table} WHERE id IN (SELECT entry_id FROM {AuditSeal._meta.db_table} "
            "WHERE chain_id = %s AND sequence > %s AND sequence <= %s)",
            links,
        )
        cursor.execute(
            f"DELETE FROM {AuditSeal._meta.db_table} WHERE chain_id = %s AND sequence > %s AND sequence <= %s", links
        )
    marker = chain.sign(
        AuditPruning(chain_id=chain_id, through=last.sequence, digest=last.digest, before=before, pruned=pruned.entries)
    )
    marker.save()
    municipality = Municipality.objects.filter(pk=chain_id).first()
    audit.record(
        System("pruning the audit log", municipality.pk if municipality else None),
        audit.DELETE,
        marker,
        detail=f"pruned {pruned.entries} entries written before {before:%Y-%m-%d} "
        f"(links {through + 1} to {last.sequence} of the chain)",
    )
    return pruned
