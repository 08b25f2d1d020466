from django.db import models
from django.utils.translation import gettext_lazy as _

from welfarelab.access.principals import Kind


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditEntry(models.Model):
    """Who did what to whose data, when, and in which role. Append-only.

    The actor is any principal (`access.principals`): a staff user (also kept as `user`, with their role),
    a citizen, an API client or the system, by kind, id and a readable name.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor_kind = models.CharField(_("kind of actor"), max_length=12, choices=Kind.choices, default=Kind.STAFF)
    actor_id = models.CharField(max_length=40, blank=True)
    actor_name = models.CharField(_("who"), max_length=150)
    user = models.ForeignKey("people.StaffUser", on_delete=models.PROTECT, null=True, related_name="+")
    role = models.CharField(_("role"), max_length=20, blank=True)
    municipality = models.ForeignKey("people.Municipality", on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("what"), max_length=60)
    object_id = models.CharField(max_length=40, blank=True)
    household = models.ForeignKey(
        "people.Household", on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("household")
    )
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["municipality", "-at"]), models.Index(fields=["household", "-at"])]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")

    @property
    def role_label(self):
        """The staff user's role, or what kind of actor it was."""
        from welfarelab.people.models import StaffUser

        if self.role in StaffUser.Role.values:
            return StaffUser.Role(self.role).label
        return self.role or self.get_actor_kind_display()
