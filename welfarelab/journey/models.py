"""Where a participant stands on the journey from untenable to sustainable, judged again and again."""

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from welfarelab.mapping.models import Meeting
from welfarelab.people.models import Household

STAFF = settings.AUTH_USER_MODEL
REASON = {"max_length": 500, "blank": True}


class Level(models.IntegerChoices):
    """The four situations of the journey, worst first."""

    UNTENABLE = 1, _("Untenable")
    VULNERABLE = 2, _("Vulnerable")
    STABLE = 3, _("Stable")
    SUSTAINABLE = 4, _("Sustainable")


class Vulnerability(models.IntegerChoices):
    """How much the family's own resources let it change its situation: high vulnerability is few resources."""

    HIGH = 3, _("High")
    MEDIUM = 2, _("Medium")
    LOW = 1, _("Low")


class Domain(models.TextChoices):
    HOUSING = "housing", _("Housing")
    WORK = "work", _("Work and education")
    NETWORK = "network", _("Network")
    ECONOMY = "economy", _("Economy")
    HEALTH = "health", _("Health")
    CHILDREN = "children", _("The children's conditions for growing up")


class Assessment(models.Model):
    """The situation as the team judged it, with the family's own view beside it where it differs."""

    class Occasion(models.TextChoices):
        JOINING = "joining", _("At joining")
        CHECKPOINT = "checkpoint", _("At a checkpoint")
        EXIT = "exit", _("At exit")
        FOLLOW_UP = "follow_up", _("Follow-up after exit")

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="assessments")
    occasion = models.CharField(_("when"), max_length=12, choices=Occasion.choices)
    assessed_on = models.DateField(_("assessed on"))
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("in the meeting")
    )
    level = models.PositiveSmallIntegerField(_("overall situation"), choices=Level.choices)
    reason = models.CharField(_("why"), **REASON)
    family_level = models.PositiveSmallIntegerField(
        _("the family's own view"),
        choices=Level.choices,
        null=True,
        blank=True,
        help_text=_("Ask the family. Where they see it differently, both views are kept."),
    )
    family_reason = models.CharField(_("in the family's words"), **REASON)
    vulnerability = models.PositiveSmallIntegerField(
        _("degree of vulnerability"),
        choices=Vulnerability.choices,
        help_text=_(
            "The family's combined resources and ability to change their own situation: few resources is high."
        ),
    )
    vulnerability_reason = models.CharField(_("why"), **REASON)
    goal_level = models.PositiveSmallIntegerField(_("the situation we aim for"), choices=Level.choices)
    goal_on = models.DateField(_("by"), help_text=_("Set with the family, at their pace."))
    recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("situation assessment")
        ordering = ["assessed_on", "id"]
        indexes = [models.Index(fields=["household", "assessed_on"])]

    def __str__(self):
        day = date_format(self.assessed_on, "SHORT_DATE_FORMAT")
        return f"{self.get_occasion_display()} {day}: {self.get_level_display()}"

    @property
    def views_differ(self):
        return self.family_level is not None and self.family_level != self.level


class DomainLevel(models.Model):
    """One domain of an assessment: the team's level and the family's, each with its reason."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(_("domain"), max_length=10, choices=Domain.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, null=True, blank=True)
    reason = models.CharField(_("why"), **REASON)
    family_level = models.PositiveSmallIntegerField(
        _("the family's own view"), choices=Level.choices, null=True, blank=True
    )
    family_reason = models.CharField(_("in the family's words"), **REASON)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["assessment", "domain"], name="domain_once_per_assessment")]

    @property
    def views_differ(self):
        return self.family_level is not None and self.level is not None and self.family_level != self.level


class UnexpectedEvent(models.Model):
    """Something unexpected happened: a setback or a surprise the plan may have to answer."""

    class Seriousness(models.TextChoices):
        MINOR = "minor", _("Minor: the plan holds")
        SERIOUS = "serious", _("Serious: the plan needs adjusting")
        CRITICAL = "critical", _("Critical: act now")

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="unexpected_events")
    happened_on = models.DateField(_("when it happened"))
    what = models.CharField(_("what happened"), max_length=500)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("whom it concerns"),
        help_text=_("Leave empty if it concerns the whole family."),
    )
    seriousness = models.CharField(_("how serious"), max_length=10, choices=Seriousness.choices)
    recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unexpected event")
        ordering = ["happened_on", "id"]
        indexes = [models.Index(fields=["household", "happened_on"])]

    def __str__(self):
        return self.what


class ProgressCheck(models.Model):
    """How a goal is going, judged against what success looks like for it."""

    class Progress(models.TextChoices):
        REACHED = "reached", _("Reached")
        ON_TRACK = "on_track", _("On track")
        SLOWER = "slower", _("Slower than hoped")
        STUCK = "stuck", _("Not moving")

    goal = models.ForeignKey("plans.Goal", on_delete=models.PROTECT, related_name="progress_checks")
    checked_on = models.DateField(_("checked on"))
    progress = models.CharField(_("how it is going"), max_length=10, choices=Progress.choices)
    note = models.CharField(_("what shows it"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress check")
        ordering = ["checked_on", "id"]
        indexes = [models.Index(fields=["goal", "checked_on"])]


class Exit(models.Model):
    """Leaving the lab: celebrated and closed when the family manages on its own, or left early with a reason.

    Coming back re-opens the participant and keeps this record: the door stays open and the history whole.
    """

    class Kind(models.TextChoices):
        CLOSED = "closed", _("Celebrated and closed")
        EARLY = "early", _("Left early")

    class ConsentReview(models.TextChoices):
        KEPT = "kept", _("Kept for a follow-up period")
        WITHDRAWN = "withdrawn", _("Withdrawn now")

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="exits")
    kind = models.CharField(_("how"), max_length=10, choices=Kind.choices)
    left_on = models.DateField(_("closed on"))
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("assessment")
    )
    goals_reached = models.BooleanField(_("The goals are reached and the family manages on its own"), default=False)
    handed_over = models.CharField(
        _("handed over to ordinary services"),
        max_length=500,
        blank=True,
        help_text=_("Who follows up from now on, e.g. the GP, NAV's ordinary follow-up, the school nurse."),
    )
    volunteers = models.CharField(
        _("and to volunteers"),
        max_length=300,
        blank=True,
        help_text=_("Only where the family wants it: a sports club, a visiting friend, a mentor."),
    )
    consent = models.CharField(_("the consents"), max_length=10, choices=ConsentReview.choices)
    consent_until = models.DateField(_("kept until"), null=True, blank=True)
    benefits_checked = models.BooleanField(_("The benefits are checked against the realisation plan"), default=False)
    peer_work = models.BooleanField(_("Would like to help others later (peer work)"), default=False)
    reason = models.CharField(_("why"), max_length=500, blank=True)
    follow_up_on = models.DateField(
        _("follow-up assessment on"),
        null=True,
        blank=True,
        help_text=_("Some months on: does the situation hold?"),
    )
    recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    reopened_on = models.DateField(_("came back on"), null=True, blank=True)
    reopen_reason = models.CharField(_("why they came back"), max_length=500, blank=True)
    reopened_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("exit")
        ordering = ["left_on", "id"]
        indexes = [models.Index(fields=["household", "left_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} {date_format(self.left_on, 'SHORT_DATE_FORMAT')}"
