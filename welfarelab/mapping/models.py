"""Meetings and the Mapping Tool: one living sheet per participant, written on at every meeting.

The sheet is a set of notes (`Entry`), each in one place on the sheet (a box, a circle of the
network, or a cell of the life-area grid) and optionally belonging to one family member. A note
is never overwritten without a trace: every change is an `EntryRevision`, so the sheet can be
shown as it stood after any meeting.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from welfarelab.people.models import Household, Municipality, NamedInOurLanguages, Organisation, Person


class LifeArea(NamedInOurLanguages):
    """A row of the sheet's grid (work, housing, ...); each municipality keeps its own list."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="life_areas")
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(
        _("in use"), default=True, help_text=_("Untick to retire it: it stays on the sheets that use it.")
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("life area")
        verbose_name_plural = _("life areas")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="life_area_code_unique_per_municipality")
        ]


class MeetingQuerySet(models.QuerySet):
    def held(self):
        return self.filter(status=Meeting.Status.HELD)


class Meeting(models.Model):
    class Kind(models.TextChoices):
        INTRODUCTION = "introduction", _("Introduction meeting")
        MAPPING = "mapping", _("360° mapping meeting")
        PLAN = "plan", _("Plan meeting")
        CHECKPOINT = "checkpoint", _("Checkpoint")
        TEAM = "team", _("Team coordination")
        EXIT = "exit", _("Exit and celebration")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("type of meeting"), max_length=20, choices=Kind.choices)
    planned_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    staff_present = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="StaffPresence", related_name="meetings_attended", blank=True
    )
    family_present = models.ManyToManyField(
        Person, related_name="meetings_attended", blank=True, verbose_name=_("family members present")
    )
    trusted_person = models.CharField(
        _("trusted person present"),
        max_length=200,
        blank=True,
        help_text=_("Someone the family has invited to support them, if they came."),
    )
    interpreter = models.CharField(
        _("interpreter present"), max_length=200, blank=True, help_text=_("Name and language, if an interpreter came.")
    )
    # When the sheet was put away: "the sheet after this meeting" is the sheet at this moment.
    finished_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        ordering = ["planned_at", "id"]
        indexes = [models.Index(fields=["household", "planned_at"], name="meeting_household_idx")]

    def __str__(self):
        # Read by people (the meeting a decision was made in, in a select): the date as the language writes it.
        day = timezone.localtime(self.planned_at).date()
        return f"{self.get_kind_display()} {date_format(day, 'SHORT_DATE_FORMAT')}"


class StaffPresence(models.Model):
    """A staff member at a meeting, with the organisation they represented that day."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="staff")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["member__first_name", "member__last_name", "id"]  # the same order on every database
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="staff_present_once")]


class Entry(models.Model):
    """One note on the sheet, in the state it was left in last."""

    class Section(models.TextChoices):
        GOOD_AT = "good_at", _("What I am good at")
        DREAMS = "dreams", _("What I dream of")
        DIFFICULT = "difficult", _("What is difficult")
        WORKS = "works", _("What works")
        SUCCEED = "succeed", _("What are we doing to succeed?")
        NETWORK = "network", _("The people around me")
        GRID = "grid", _("Life areas")

    class Circle(models.TextChoices):
        FAMILY = "family", _("Family")
        FRIENDS = "friends", _("Friends")
        LEISURE = "leisure", _("Leisure")
        HOME = "home", _("Home")
        WORK = "work", _("Work")
        PUBLIC = "public", _("Public sector")

    class Column(models.TextChoices):
        TODAY = "today", _("Situation today")
        NOW = "now", _("What we will do now")
        SHORT_TERM = "short_term", _("Short term")
        LONG_TERM = "long_term", _("Long term")
        WHO = "who", _("Who / when")

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="sheet_entries")
    section = models.CharField(max_length=20, choices=Section.choices)
    circle = models.CharField(max_length=20, choices=Circle.choices, blank=True)
    # A grid note has a column; a note in a column with no life area is the column's "by (date)".
    life_area = models.ForeignKey(LifeArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    column = models.CharField(max_length=20, choices=Column.choices, blank=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    trusted = models.BooleanField(default=False)
    text = models.TextField(blank=True)
    removed = models.BooleanField(default=False)
    # Set when two people wrote on the same note at once: this note holds the second text.
    written_alongside = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("note on the sheet")
        ordering = ["id"]

    def __str__(self):
        return self.text[:60]


class EntryRevision(models.Model):
    """A note as one person left it at one moment. Append-only: this is the sheet's memory."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="revisions")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, null=True, related_name="revisions")
    version = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, related_name="+")
    trusted = models.BooleanField(default=False)
    removed = models.BooleanField(default=False)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["household", "written_at"], name="revision_household_idx")]
        constraints = [models.UniqueConstraint(fields=["entry", "version"], name="one_revision_per_version")]
