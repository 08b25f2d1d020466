"""Every read or write of a person's data leaves an entry here."""

from welfarelab.access.models import AuditEntry
from welfarelab.people.models import Household

VIEW = AuditEntry.Action.VIEW
CREATE = AuditEntry.Action.CREATE
UPDATE = AuditEntry.Action.UPDATE
DELETE = AuditEntry.Action.DELETE


def record(user, action, obj, household=None, detail=""):
    """Log `action` on `obj` by `user`. `household` ties the entry to the family it concerns."""
    if household is None:
        household = obj if isinstance(obj, Household) else getattr(obj, "household", None)
    return AuditEntry.objects.create(
        user=user,
        username=user.get_username(),
        role=user.role,
        municipality_id=user.municipality_id,
        action=action,
        object_type=obj._meta.model_name,
        object_id=str(obj.pk),
        household=household,
        detail=str(detail)[:300],
    )


def record_list(user, households, detail):
    """One view entry per household shown on a list page, written in one query."""
    AuditEntry.objects.bulk_create(
        AuditEntry(
            user=user,
            username=user.get_username(),
            role=user.role,
            municipality_id=user.municipality_id,
            action=VIEW,
            object_type="household",
            object_id=str(h.pk),
            household=h,
            detail=detail,
        )
        for h in households
    )
