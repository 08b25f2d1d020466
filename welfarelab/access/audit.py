"""Every read or write of a person's data leaves an entry here, naming the principal who did it."""

from django.db.models import Model

from welfarelab.access import chain, row_security
from welfarelab.access.models import AuditEntry
from welfarelab.access.principals import is_staff
from welfarelab.people.models import Household

VIEW = AuditEntry.Action.VIEW
CREATE = AuditEntry.Action.CREATE
UPDATE = AuditEntry.Action.UPDATE
DELETE = AuditEntry.Action.DELETE


def _actor(principal):
    staff = is_staff(principal)
    return {
        "actor_kind": principal.principal_kind,
        "actor_id": "" if principal.pk is None else str(principal.pk),
        "actor_name": principal.principal_name,
        "user": principal if staff else None,
        "role": principal.role if staff else "",
        "municipality_id": principal.municipality_id,
    }


def record(principal, action, obj, household=None, detail=""):
    """Log `action` on `obj` (a record, or a model for a list of it) by `principal`. `household` ties the entry to
    the family it concerns."""
    if household is None and isinstance(obj, Model):
        household = obj if isinstance(obj, Household) else getattr(obj, "household", None)
    with row_security.writing_for(principal.municipality_id):
        entry = AuditEntry.objects.create(
            **_actor(principal),
            action=action,
            object_type=obj._meta.model_name,
            object_id=str(obj.pk) if isinstance(obj, Model) else "",  # a model itself: its list
            household=household,
            detail=str(detail)[:300],
        )
    chain.seal_when_committed([entry.pk])
    return entry


def record_list(principal, households, detail):
    """One view entry per household shown on a list page, written in one query."""
    actor = _actor(principal)
    with row_security.writing_for(principal.municipality_id):
        entries = AuditEntry.objects.bulk_create(
            AuditEntry(
                **actor,
                action=VIEW,
                object_type="household",
                object_id=str(h.pk),
                household=h,
                detail=detail,
            )
            for h in households
        )
    chain.seal_when_committed(entry.pk for entry in entries)
