from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from welfarelab.people.models import Household, Organisation


class TeamMembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(left_on__isnull=True)


class TeamMembership(models.Model):
    """A staff member on a participant's investment team, for one organisation."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="team")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="team_memberships", verbose_name=_("member")
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, verbose_name=_("organisation"))
    authority = models.CharField(
        _("may decide on"),
        max_length=300,
        blank=True,
        help_text=_("What this member has authority to decide in the meeting."),
    )
    joined_on = models.DateField(_("joined the team on"))
    left_on = models.DateField(_("left the team on"), null=True, blank=True)
    reason = models.CharField(_("reason for the change"), max_length=300, blank=True)

    objects = TeamMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("team membership")
        ordering = ["joined_on", "id"]
        indexes = [
            models.Index(
                fields=["member", "household"], condition=models.Q(left_on__isnull=True), name="current_team_idx"
            )
        ]
