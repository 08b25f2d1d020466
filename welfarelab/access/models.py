import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from welfarelab.access.principals import Kind


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


# Also in the database itself, not only here: PostgreSQL refuses to change or delete a row (django-pgtrigger);
# SQLite gets the same from `access.append_only`.
APPEND_ONLY = pgtrigger.Protect(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete)


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
        # The log is read newest first, a page at a time from an id (access.log): by municipality, staff or family.
        indexes = [
            models.Index(fields=["municipality", "-at"]),
            models.Index(fields=["household", "-at"]),
            models.Index(fields=["municipality", "-id"], name="audit_municipality_newest"),
            models.Index(fields=["user", "-id"], name="audit_user_newest"),
        ]
        triggers = [APPEND_ONLY]

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


class AuditChain(models.Model):
    """One chain of seals per municipality (`chain` 0 for what belongs to none); its row is locked while the
    chain grows, so that two writers never fork it."""

    id = models.PositiveBigIntegerField(primary_key=True)


class AuditSeal(models.Model):
    """An audit entry's link in its municipality's chain: the hash of the entry and of the link before it, so
    that an entry changed, or deleted with its seal, breaks the chain (`access.chain`, `manage.py verify_audit`).
    """

    entry = models.OneToOneField(AuditEntry, on_delete=models.PROTECT, related_name="seal")
    chain = models.ForeignKey(AuditChain, on_delete=models.PROTECT, related_name="seals")
    sequence = models.PositiveBigIntegerField()
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["chain", "sequence"], name="one_link_per_place_in_a_chain")]
        triggers = [APPEND_ONLY]


class AuditPruning(models.Model):
    """Where a chain begins again after its oldest links were pruned past the retention period
    (`access.retention`): the last pruned link's number and digest, signed with the installation's key, so that
    the chain still verifies from here and nobody without the key can cut a chain and call it pruned."""

    chain = models.ForeignKey(AuditChain, on_delete=models.PROTECT, related_name="prunings")
    through = models.PositiveBigIntegerField(help_text="The last link pruned.")
    digest = models.CharField(max_length=64, help_text="Its digest: what the next link follows.")
    before = models.DateTimeField(help_text="Entries written before this were past the retention period.")
    pruned = models.PositiveBigIntegerField(help_text="How many entries were pruned.")
    at = models.DateTimeField(auto_now_add=True)
    signature = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["chain", "through"], name="one_pruning_per_link")]
        triggers = [APPEND_ONLY]

    def signed(self):
        """What the signature covers, in a fixed form."""
        return f"{self.chain_id}:{self.through}:{self.digest}:{self.before.isoformat()}:{self.pruned}"


class WholeFamilyText(models.Model):
    """The word of a writer, or of the investment leader who reviewed it, that a text written for the whole family
    which names a member is meant for everyone who sees the family (`access.minimisation`). It holds the text's
    digest, not the text: a changed text is a new question."""

    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=30)  # the model's name: "goal", "measure", "entry", ...
    object_id = models.PositiveBigIntegerField()
    digest = models.CharField(max_length=64)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "digest"], name="one_word_per_text_for_the_family")
        ]
