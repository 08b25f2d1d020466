"""The investment team, the investment plan (goals, measures, decisions) and the signed agreement."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfarelab.mapping.models import Entry, LifeArea, Meeting
from welfarelab.people.models import TEXT_LIMIT, Household, Organisation, Person

STAFF = settings.AUTH_USER_MODEL


class TeamMembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(left_on__isnull=True)


class TeamMembership(models.Model):
    """A staff member on a participant's investment or implementation team, for one organisation."""

    class Team(models.TextChoices):
        INVESTMENT = "investment", _("Investment team: decides in the meeting")
        IMPLEMENTATION = "implementation", _("Implementation team: follows up day to day")

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="team")
    member = models.ForeignKey(
        STAFF, on_delete=models.PROTECT, related_name="team_memberships", verbose_name=_("member")
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, verbose_name=_("organisation"))
    team = models.CharField(_("team"), max_length=20, choices=Team.choices, default=Team.INVESTMENT)
    authority = models.CharField(
        _("may decide on"),
        max_length=300,
        blank=True,
        help_text=_("What this member has authority to decide in the meeting."),
    )
    joined_on = models.DateField(_("joined the team on"))
    reason = models.CharField(_("why they joined"), max_length=300, blank=True)
    left_on = models.DateField(_("left the team on"), null=True, blank=True)
    left_reason = models.CharField(_("why they left"), max_length=300, blank=True)

    objects = TeamMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("team membership")
        ordering = ["joined_on", "id"]
        indexes = [
            models.Index(
                fields=["member", "household"], condition=models.Q(left_on__isnull=True), name="current_team_idx"
            )
        ]


class TrustedPerson(models.Model):
    """Someone the family invited to come with them: to meetings and to the plan."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="trusted_persons")
    name = models.CharField(_("name"), max_length=120)
    who = models.CharField(_("who they are to the family"), max_length=120, help_text=_("E.g. grandmother, a friend."))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    invited_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("invited by")
    )
    joined_on = models.DateField(_("invited on"))
    reason = models.CharField(_("why they were invited"), max_length=300, blank=True)
    left_on = models.DateField(_("no longer with the family from"), null=True, blank=True)
    left_reason = models.CharField(_("why they left"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("trusted person")
        ordering = ["joined_on", "id"]

    def __str__(self):
        return f"{self.name} ({self.who})"


def this_year():
    return timezone.localdate().year


class InvestmentPlan(models.Model):
    """The participant's long-term plan, worked on between signed versions of the agreement."""

    household = models.OneToOneField(Household, on_delete=models.PROTECT, related_name="plan")
    situation = models.TextField(
        _("the situation"),
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=_("What the 360° mapping showed, in words the family recognises."),
    )
    checkpoint_weeks = models.PositiveSmallIntegerField(
        _("weeks between checkpoints"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("The rhythm agreed with the family, e.g. 6. Counted from the last plan meeting or checkpoint."),
    )
    # How the plan's benefits and costs are valued (contracts/valuation.md, "analysis").
    price_year = models.PositiveSmallIntegerField(
        _("kroner of the year"),
        default=this_year,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("Figures left out are taken from the parameters in force in this year."),
    )
    horizon_years = models.PositiveSmallIntegerField(
        _("horizon (years)"), default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    discount_rate = models.DecimalField(
        _("discount rate"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.04"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("A year. The Ministry of Finance sets 4 per cent for the first 40 years."),
    )
    version = models.PositiveIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("investment plan")


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    DONE = "done", _("Done")
    STOPPED = "stopped", _("Stopped")


class Goal(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Working towards it")
        REACHED = "reached", _("Reached")
        DROPPED = "dropped", _("Set aside")

    plan = models.ForeignKey(InvestmentPlan, on_delete=models.PROTECT, related_name="goals")
    main_goal = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_goals",
        verbose_name=_("sub-goal of"),
        help_text=_("Leave empty for a main goal."),
    )
    text = models.CharField(_("goal"), max_length=300)
    life_area = models.ForeignKey(LifeArea, on_delete=models.PROTECT, verbose_name=_("life area"))
    indicator = models.CharField(
        _("what success looks like"),
        max_length=300,
        help_text=_("How the family will know the goal is reached, in their own words."),
    )
    target_on = models.DateField(_("target date"), help_text=_("Chosen with the family, at their pace."))
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("whose goal"),
        help_text=_("Leave empty if the goal is the whole family's."),
    )
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.OPEN)
    reached_on = models.DateField(_("reached on"), null=True, blank=True, editable=False)
    source = models.ForeignKey(Entry, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("goal")
        ordering = ["target_on", "id"]
        indexes = [models.Index(fields=["plan", "state", "target_on"])]

    def __str__(self):
        return self.text

    @property
    def last_progress_check(self):
        """The latest progress check; lists prefetch `progress_checks`."""
        checks = list(self.progress_checks.all())
        return checks[-1] if checks else None


class Decision(models.Model):
    """What the team decided in a meeting, by whom and under what authority."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="decisions")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("meeting"))
    text = models.CharField(_("what was decided"), max_length=500)
    decided_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by"))
    authority = models.CharField(_("under what authority"), max_length=300)
    recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        ordering = ["recorded_at", "id"]

    def __str__(self):
        return self.text


class Measure(models.Model):
    plan = models.ForeignKey(InvestmentPlan, on_delete=models.PROTECT, related_name="measures")
    goal = models.ForeignKey(
        Goal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("goal it works towards"),
    )
    text = models.CharField(_("what will be done"), max_length=300)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("organisation")
    )
    responsible = models.ForeignKey(
        STAFF, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("person responsible")
    )
    family_member = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("done by the family member"),
        help_text=_("For the family's own tasks, and what is expected of them between meetings."),
    )
    how_often = models.CharField(_("how often"), max_length=120, blank=True, help_text=_("E.g. twice a week."))
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(
        _("end"), null=True, blank=True, help_text=_("Leave empty if it goes on until reviewed.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    additional = models.BooleanField(
        _("an additional investment"), default=False, help_text=_("A new round of measures after a setback.")
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="measures", verbose_name=_("decision")
    )
    source = models.ForeignKey(Entry, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("measure")
        ordering = ["starts_on", "id"]
        indexes = [models.Index(fields=["plan", "status", "ends_on"])]

    def __str__(self):
        return self.text

    @property
    def is_family_task(self):
        return self.family_member_id is not None


class AgreementVersion(models.Model):
    """One version of the plan as a document for the family and the municipality to sign; frozen once prepared."""

    class Reason(models.TextChoices):
        FIRST = "first", _("The first agreement")
        LEARNT = "learnt", _("We have learnt what works")
        UNEXPECTED = "unexpected", _("Something unexpected happened")
        GOAL_REACHED = "goal_reached", _("A goal is reached")

    plan = models.ForeignKey(InvestmentPlan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    reason = models.CharField(_("why a new version"), max_length=20, choices=Reason.choices)
    explanation = models.TextField(_("what changed and why"), max_length=TEXT_LIMIT, blank=True)
    language = models.CharField(_("language of the agreement"), max_length=5, choices=settings.LANGUAGES)
    content = models.JSONField()
    prepared_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField(auto_now_add=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    replaced = models.BooleanField(default=False)
    scan = models.ForeignKey("capture.Scan", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("agreement version")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_number_per_agreement_version")]


class Signature(models.Model):
    class Method(models.TextChoices):
        APP = "app", _("In the app")
        PAPER = "paper", _("On paper")
        ID_PORTEN = "idporten", _("With ID-porten, on their own page")

    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="signatures")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    staff = models.ForeignKey(STAFF, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    method = models.CharField(_("how it was signed"), max_length=10, choices=Method.choices)
    signed_on = models.DateField(_("signed on"))
    # The staff member who recorded it; nobody when the person signed on the family's door with ID-porten.
    recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("signature")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recorded_by__isnull=False) | models.Q(method="idporten", person__isnull=False),
                name="recorded_by_staff_or_signed_with_id_porten",
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, staff__isnull=True)
                | models.Q(person__isnull=True, staff__isnull=False),
                name="signed_by_one",
            ),
            models.UniqueConstraint(fields=["version", "person"], name="one_signature_per_person"),
            models.UniqueConstraint(fields=["version", "staff"], name="one_signature_per_staff"),
        ]
