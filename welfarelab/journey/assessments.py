"""Situation assessments: recording one, and drawing the journey they make."""

import datetime
from dataclasses import dataclass

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfarelab.access import changes
from welfarelab.forms import EMPTY_CHOICE, DateField
from welfarelab.journey.models import Assessment, Domain, DomainLevel, Level
from welfarelab.people.models import Person

LEVELS = [("", EMPTY_CHOICE), *Level.choices]


class AssessmentForm(changes.VersionedForm):
    class Meta:
        model = Assessment
        fields = ["occasion", "assessed_on", "meeting", "level", "reason", "family_level", "family_reason"]
        fields += ["vulnerability", "vulnerability_reason", "goal_level", "goal_on"]
        field_classes = {"assessed_on": DateField, "goal_on": DateField}

    def __init__(self, *args, household, occasion=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.household = household
        self.fields["meeting"].queryset = household.meetings.held()
        has_children = household.members.filter(relation=Person.Relation.CHILD).exists()
        for domain in Domain:
            required = domain != Domain.CHILDREN or has_children
            self.fields[f"{domain}_level"] = forms.TypedChoiceField(
                label=_("Level"), choices=LEVELS, coerce=int, required=required, empty_value=None
            )
            self.fields[f"{domain}_reason"] = forms.CharField(label=_("Why"), max_length=500, required=False)
            self.fields[f"{domain}_family_level"] = forms.TypedChoiceField(
                label=_("The family's own view"), choices=LEVELS, coerce=int, required=False, empty_value=None
            )
            self.fields[f"{domain}_family_reason"] = forms.CharField(
                label=_("In the family's words"), max_length=500, required=False
            )
        if self.instance.pk and not self.is_bound:
            for row in self.instance.domains.all():
                for name in ("level", "reason", "family_level", "family_reason"):
                    self.initial[f"{row.domain}_{name}"] = getattr(row, name)
        elif not self.is_bound:  # what is known is carried forward: the goal stands until it is changed
            latest = household.assessments.last()
            self.initial |= {"assessed_on": timezone.localdate(), "occasion": Assessment.Occasion.JOINING}
            if latest:
                self.initial |= {"occasion": Assessment.Occasion.CHECKPOINT, "goal_level": latest.goal_level}
                self.initial["goal_on"] = latest.goal_on
            if household.has_left:
                self.initial["occasion"] = Assessment.Occasion.FOLLOW_UP
            elif occasion in Assessment.Occasion.values:
                self.initial["occasion"] = occasion

    def groups(self):
        """(legend, fields, whether the fields pair up as the team's and the family's view) in the order the
        form is filled in: when, the overall picture, each domain, vulnerability, the goal."""
        views = ("level", "reason", "family_level", "family_reason")
        return [
            (_("Date and meeting"), [self[name] for name in ("occasion", "assessed_on", "meeting")], False),
            (_("The situation overall"), [self[name] for name in views], True),
            *((label, [self[f"{domain}_{name}"] for name in views], True) for domain, label in Domain.choices),
            (_("Vulnerability"), [self["vulnerability"], self["vulnerability_reason"]], True),
            (_("The goal, set with the family"), [self["goal_level"], self["goal_on"]], True),
        ]

    def clean(self):
        cleaned = super().clean()
        day, goal_on = cleaned.get("assessed_on"), cleaned.get("goal_on")
        if day and day > timezone.localdate():
            self.add_error("assessed_on", _("An assessment is made on a day that has come. Choose today or earlier."))
        if day and goal_on and goal_on <= day:
            self.add_error("goal_on", _("The goal lies ahead: choose a date after the assessment."))
        occasion, follow_up = cleaned.get("occasion"), Assessment.Occasion.FOLLOW_UP
        if not self.instance.pk and self.household.has_left and occasion != follow_up:
            self.add_error("occasion", _("The participant has left: record a follow-up after exit, or re-open first."))
        if not self.household.has_left and occasion == follow_up and not self.instance.pk:
            self.add_error("occasion", _("A follow-up after exit comes once the participant has left."))
        return cleaned


@transaction.atomic
def save(user, household, form):
    assessment = form.instance
    if not assessment.pk:
        assessment.household, assessment.recorded_by = household, user
    assessment = changes.save(user, form, household, assessment.occasion)
    for domain in Domain:
        values = {name: form.cleaned_data[f"{domain}_{name}"] for name in ("level", "reason", "family_level")}
        values["family_reason"] = form.cleaned_data[f"{domain}_family_reason"]
        DomainLevel.objects.update_or_create(assessment=assessment, domain=domain, defaults=values)
    return assessment


# The journey as a chart: time across, the four situations up (sustainable at the top).

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 240, 110, 20, 20, 40


@dataclass
class Point:
    x: float
    y: float
    day: datetime.date
    level: int

    @property
    def corner(self):
        """Where a 12-unit marker centred on the point starts."""
        return round(self.x - 6, 1), round(self.y - 6, 1)


@dataclass
class Chart:
    team: list
    family: list
    goal: Point | None
    rows: list  # (y, level label) for the axis
    ticks: list  # (x, label) along the time axis
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT

    @property
    def team_path(self):
        return " ".join(f"{p.x},{p.y}" for p in self.team)


def chart(assessments, today=None):
    """Where the participant started, where they are and the goal (from the latest assessment), placed on the grid."""
    if not assessments:
        return None
    today = today or timezone.localdate()
    latest = assessments[-1]
    first, last = assessments[0].assessed_on, max(latest.goal_on, today)
    span = max((last - first).days, 1)

    def x(day):
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span, 1)

    def y(level):
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (Level.SUSTAINABLE - level) / (Level.SUSTAINABLE - 1), 1)

    years = range(first.year + (first.month > 1 or first.day > 1), last.year + 1)
    return Chart(
        team=[Point(x(a.assessed_on), y(a.level), a.assessed_on, a.level) for a in assessments],
        family=[
            Point(x(a.assessed_on), y(a.family_level), a.assessed_on, a.family_level)
            for a in assessments
            if a.views_differ
        ],
        goal=Point(x(latest.goal_on), y(latest.goal_level), latest.goal_on, latest.goal_level),
        rows=[(y(value), label) for value, label in Level.choices],
        ticks=[(x(first), first), *((x(datetime.date(year, 1, 1)), datetime.date(year, 1, 1)) for year in years)],
    )
