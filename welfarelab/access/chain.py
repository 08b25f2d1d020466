"""The audit log's chain: each entry, once its transaction has committed, is sealed as the next link of its
municipality's chain with a hash (SHA-256) of its content and of the link before it. An entry changed after it
was written, or deleted together with its seal, then breaks the chain where it stood, and `verify` finds it.

Sealing happens just after the commit, in a transaction of its own that holds the chain's row locked for a few
milliseconds (not for the whole request), so that two writers never fork a chain: the links of a chain are
numbered 1, 2, 3, ... and the database refuses a second link with the same number.

A chain pruned past the retention period (`access.retention`) begins again after the signed marker its pruning
left, from the last pruned link's number and digest.
"""

import hashlib
import json
from dataclasses import dataclass
from functools import partial

from django.core import signing
from django.db import transaction

from welfarelab.access import row_security
from welfarelab.access.models import AuditChain, AuditEntry, AuditPruning, AuditSeal

GENESIS = "0" * 64  # what the first link of a chain follows
FIELDS = ["id", "at", "actor_kind", "actor_id", "actor_name", "user_id", "role", "municipality_id", "action"]
FIELDS += ["object_type", "object_id", "household_id", "detail"]


def chain_of(entry):
    return entry.municipality_id or 0


def content(entry):
    """The entry as it is hashed: every field, in a fixed order, the time in UTC to the microsecond."""
    values = [getattr(entry, name) for name in FIELDS]
    values[FIELDS.index("at")] = entry.at.isoformat()
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def digest(previous, entry):
    return hashlib.sha256(f"{previous}\n{content(entry)}".encode()).hexdigest()


def _signer():
    return signing.Signer(salt="welfarelab.access.pruning")


def sign(marker):
    """A pruning marker signed with the installation's key (SECRET_KEY; older keys in SECRET_KEY_FALLBACKS)."""
    marker.signature = _signer().signature(marker.signed())
    return marker


def is_signed(marker):
    signer = _signer()
    try:
        signer.unsign(f"{marker.signed()}{signer.sep}{marker.signature}")
    except signing.BadSignature:
        return False
    return True


def start(chain):
    """Where the chain's links begin: after its last pruning (that link's number and digest), or at the first."""
    last = AuditPruning.objects.filter(chain_id=chain).order_by("-through").first()
    return (last.through, last.digest) if last else (0, GENESIS)


def seal_when_committed(entry_ids):
    """Seal these new entries once the transaction writing them has committed (not at all if it rolls back). If
    sealing fails, the committed change stands and the entries wait, unsealed, for `seal()` (verify_audit --seal)."""
    ids = [pk for pk in entry_ids if pk is not None]
    if ids:
        transaction.on_commit(partial(seal, since=min(ids)), robust=True)


def seal(since=None):
    """Add the committed entries not yet sealed (from entry `since` on, or all) to their chains, in the order they
    were written. The first sealing after a commit seals all of that commit's entries; the others find none left."""
    unsealed = AuditEntry.objects.filter(seal__isnull=True)
    if since is not None:
        unsealed = unsealed.filter(id__gte=since)
    by_chain = {}
    # Sealing is the installation's: a request's seals follow whatever entries came before, of any municipality.
    # Chains are locked in their order, so that two sealers never wait for each other.
    with row_security.as_installation():
        for pk, municipality_id in unsealed.order_by("id").values_list("id", "municipality_id"):
            by_chain.setdefault(municipality_id or 0, []).append(pk)
        for chain in sorted(by_chain):
            _seal_chain(chain, by_chain[chain])


@transaction.atomic
def _seal_chain(chain, ids):
    AuditChain.objects.get_or_create(pk=chain)
    AuditChain.objects.select_for_update().get(pk=chain)
    last = AuditSeal.objects.filter(chain_id=chain).order_by("-sequence").first()
    sequence, previous = (last.sequence, last.digest) if last else start(chain)
    seals = []
    # Read again under the lock: another sealer may have sealed some meanwhile.
    for entry in AuditEntry.objects.filter(id__in=ids, seal__isnull=True).order_by("id"):
        sequence += 1
        previous = digest(previous, entry)
        seals.append(AuditSeal(entry=entry, chain_id=chain, sequence=sequence, digest=previous))
    AuditSeal.objects.bulk_create(seals)


@dataclass
class Break:
    """Where a chain is broken first, and how."""

    chain: int
    sequence: int
    entry_id: int | None
    why: str

    def __str__(self):
        entry = f"entry {self.entry_id}" if self.entry_id else "an entry"
        return f"chain {self.chain}, link {self.sequence} ({entry}): {self.why}"


def verify(batch=2000):
    """The first break of each chain, if any (in chain order), and how many entries are not sealed yet."""
    breaks = []
    for chain in AuditChain.objects.order_by("pk").values_list("pk", flat=True):
        found = _first_break(chain, batch)
        if found:
            breaks.append(found)
    return breaks, AuditEntry.objects.filter(seal__isnull=True).count()


def _first_break(chain, batch):
    for marker in AuditPruning.objects.filter(chain_id=chain).order_by("through"):
        if not is_signed(marker):
            return Break(chain, marker.through, None, "pruned without this installation's key")
    through, previous = start(chain)
    expected = through + 1
    seals = AuditSeal.objects.filter(chain_id=chain, sequence__gt=through).select_related("entry").order_by("sequence")
    for link in seals.iterator(chunk_size=batch):
        if link.sequence != expected:
            return Break(chain, expected, None, "missing: deleted, with its seal")
        if chain_of(link.entry) != chain:
            return Break(chain, link.sequence, link.entry_id, "moved to another municipality")
        if digest(previous, link.entry) != link.digest:
            return Break(chain, link.sequence, link.entry_id, "changed after it was written")
        previous, expected = link.digest, expected + 1
    return None
