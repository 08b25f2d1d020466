"""Situation assessments: recording one, and drawing the journey they make."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfarelab.access import changes
from welfarelab.checks import model_problems
from welfarelab.forms import EMPTY_CHOICE, DateField, add_problems
from welfarelab.journey.models import Assessment, Domain, DomainLevel, Level
from welfarelab.mapping.models import Meeting
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

    def values(self):
        """What `save` takes: the assessment's own fields, and each domain's as `domains`."""
        data = self.cleaned_data
        domains = {domain: {name: data.get(f"{domain}_{name}") for name in DOMAIN_FIELDS} for domain in Domain}
        fields = {name: data.get(name) for name in self._meta.fields}
        return fields | {"domains": domains, "version": data.get("version")}

    def clean(self):
        cleaned = super().clean()
        values = self.values()
        del values["version"]
        add_problems(self, problems(self.household, self.instance if self.instance.pk else None, **values))
        return cleaned


DOMAIN_FIELDS = ("level", "reason", "family_level", "family_reason")


@transaction.atomic
def save(
    principal,
    household,
    *,
    domains: Mapping[str, Mapping],
    assessment: Assessment | None = None,
    version: int | None = None,
    **fields,
) -> Assessment:
    """Record the situation as the team judged it with the family (or change `assessment`, from `version`).

    `fields` are the assessment's own, typed as `_fill` takes them (occasion, assessed_on, level, vulnerability,
    goal_level and goal_on are needed). `domains` gives each domain's level, reason, family_level and
    family_reason. A wrong value is named by its field, a domain's as `<domain>_<field>` (children may be left
    out only in a family without children).
    """
    new = assessment is None
    assessment = assessment or Assessment(household=household, recorded_by=principal)
    _fill(assessment, **fields)
    errors = _errors(assessment, household, new, domains)
    if errors:
        raise ValidationError(errors)
    changes.commit(principal, assessment, household, new=new, version=version, detail=assessment.occasion)
    for domain in Domain:
        values = {name: domains.get(domain, {}).get(name) for name in DOMAIN_FIELDS}
        values["reason"], values["family_reason"] = values["reason"] or "", values["family_reason"] or ""
        DomainLevel.objects.update_or_create(assessment=assessment, domain=domain, defaults=values)
    return assessment


def problems(household, assessment=None, *, domains, **fields):
    """{field: messages}: what is not yet as it must be in the assessment `fields` and `domains` (parsed so far)."""
    new = assessment is None
    provisional = Assessment(household=household) if new else assessment
    return _errors(_fill(provisional, **fields), household, new, domains)


def _fill(
    assessment,
    *,
    occasion: str,
    assessed_on: datetime.date,
    level: int,
    vulnerability: int,
    goal_level: int,
    goal_on: datetime.date,
    meeting: Meeting | None = None,
    reason: str = "",
    family_level: int | None = None,
    family_reason: str = "",
    vulnerability_reason: str = "",
):
    values = {"occasion": occasion, "assessed_on": assessed_on, "meeting": meeting, "level": level, "reason": reason}
    values |= {"family_level": family_level, "family_reason": family_reason, "vulnerability": vulnerability}
    values |= {"vulnerability_reason": vulnerability_reason or "", "goal_level": goal_level, "goal_on": goal_on}
    for name, value in values.items():
        setattr(assessment, name, value)
    return assessment


def _errors(assessment, household, new, domains):
    errors = model_problems(assessment, ["household", "recorded_by", "meeting", "version"])
    day, goal_on, occasion = assessment.assessed_on, assessment.goal_on, assessment.occasion
    if day and day > timezone.localdate():
        errors["assessed_on"] = [_("An assessment is made on a day that has come. Choose today or earlier.")]
    if day and goal_on and goal_on <= day:
        errors["goal_on"] = [_("The goal lies ahead: choose a date after the assessment.")]
    follow_up = Assessment.Occasion.FOLLOW_UP
    if new and household.has_left and occasion != follow_up:
        errors["occasion"] = [_("The participant has left: record a follow-up after exit, or re-open first.")]
    if new and not household.has_left and occasion == follow_up:
        errors["occasion"] = [_("A follow-up after exit comes once the participant has left.")]
    if assessment.meeting is not None and not household.meetings.held().filter(pk=assessment.meeting.pk).exists():
        errors["meeting"] = [_("Choose a meeting of the family that has been held.")]
    has_children = household.members.filter(relation=Person.Relation.CHILD).exists()
    for domain in Domain:
        given = domains.get(domain, {})
        if given.get("level") is None and (domain != Domain.CHILDREN or has_children):
            errors[f"{domain}_level"] = [_("This field is required.")]
        for name in ("level", "family_level"):
            if given.get(name) not in (None, *Level.values):
                errors[f"{domain}_{name}"] = [_("Choose one of the levels.")]
    return errors


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
