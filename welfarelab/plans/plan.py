"""The investment plan as the team and the family work on it: situation, goals, measures and decisions.

Goals and measures are mostly made from what was written on the Mapping Tool sheet, keeping the
link back. Every change starts from the version the user saw, so two people never silently
overwrite each other.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from welfarelab.access import audit, changes, policy
from welfarelab.forms import DateField
from welfarelab.mapping.models import Entry, LifeArea, Meeting
from welfarelab.people.models import Organisation, StaffUser
from welfarelab.plans.models import Decision, Goal, InvestmentPlan, Measure, TeamMembership

# Which columns of the sheet become what in the plan.
MEASURE_COLUMNS = [Entry.Column.NOW]
GOAL_COLUMNS = [Entry.Column.SHORT_TERM, Entry.Column.LONG_TERM]


def plan_of(household):
    plan, _created = InvestmentPlan.objects.get_or_create(household=household)
    return plan


def authorities(household):
    """{staff id: what they may decide on} for who may decide for the plan: the leader and the investment team.

    Kept with each decision, as recorded on the team at the time.
    """
    team = household.team.current().filter(team=TeamMembership.Team.INVESTMENT).select_related("organisation")
    found = {m.member_id: m.authority or str(m.organisation) for m in team}
    found[household.investment_leader_id] = gettext("Investment leader")
    return found


def deciders(household):
    return StaffUser.objects.filter(pk__in=authorities(household))


def choose_decider(field, household):
    may_decide = authorities(household)
    field.queryset = StaffUser.objects.filter(pk__in=may_decide)
    field.label_from_instance = lambda u: f"{u} ({may_decide[u.pk]})"


def choose_meeting(field, household):
    """The meetings a decision can be made in, the one going on or held last chosen first."""
    meetings = household.meetings.exclude(status=Meeting.Status.CANCELLED).order_by("-planned_at")
    field.queryset, field.empty_label = meetings, None
    latest = meetings.filter(planned_at__lte=timezone.now()).first()
    field.initial = latest.pk if latest else None


class SituationForm(changes.VersionedForm):
    class Meta:
        model = InvestmentPlan
        fields = ["situation", "checkpoint_weeks"]
        widgets = {"situation": forms.Textarea(attrs={"rows": 6})}


@transaction.atomic
def save_situation(user, household, form):
    return changes.save(user, form, household, "situation")


class GoalForm(changes.VersionedForm):
    class Meta:
        model = Goal
        fields = ["text", "main_goal", "life_area", "indicator", "target_on", "person", "state"]
        field_classes = {"target_on": DateField}

    def __init__(self, *args, user, household, source=None, **kwargs):
        """`source`: the sheet note a new goal is made from; the goal starts with its words, life area and person."""
        kwargs["initial"] = initial_from(source) | kwargs.get("initial", {})
        super().__init__(*args, **kwargs)
        self.visible_goals = policy.goals(user, household)
        main_goals = self.visible_goals.filter(main_goal__isnull=True)
        if self.instance.pk:
            main_goals = main_goals.exclude(pk=self.instance.pk)
        else:
            del self.fields["state"]
        self.fields["main_goal"].queryset = main_goals
        # The note's row stays on the sheet after the municipality has taken its life area off the list.
        kept = [self.instance.life_area_id, getattr(source, "life_area_id", None)]
        self.fields["life_area"].queryset = LifeArea.objects.filter(municipality_id=household.municipality_id).filter(
            Q(active=True) | Q(pk__in=[pk for pk in kept if pk])
        )
        self.fields["person"].queryset = policy.persons(user, household)
        self.fields["person"].empty_label = gettext("The whole family")

    def clean_target_on(self):
        target = self.cleaned_data["target_on"]
        if target and target < timezone.localdate() and "target_on" in self.changed_data:
            raise ValidationError(_("The target date has passed. Choose a date ahead, with the family."))
        return target

    def clean(self):
        cleaned = super().clean()
        main = cleaned.get("main_goal")
        if main and self.instance.pk and self.instance.sub_goals.exists():
            self.add_error("main_goal", _("This goal has sub-goals of its own, so it stays a main goal."))
        target = cleaned.get("target_on")
        subs = self.visible_goals.filter(main_goal=self.instance.pk, target_on__gt=target) if target else None
        later = subs.first() if self.instance.pk and target else None
        if later:
            self.add_error(
                "target_on",
                _("The sub-goal “%(goal)s” is due %(date)s: a main goal cannot be reached before its sub-goals.")
                % {"goal": later.text, "date": date_format(later.target_on, "SHORT_DATE_FORMAT")},
            )
        if main and cleaned.get("target_on") and cleaned["target_on"] > main.target_on:
            self.add_error(
                "target_on",
                _("A sub-goal must be reached by its main goal's date: choose %(date)s or earlier.")
                % {"date": date_format(main.target_on, "SHORT_DATE_FORMAT")},
            )
        return cleaned


@transaction.atomic
def save_goal(user, household, form, source=None):
    goal = form.instance
    if not goal.pk:
        goal.plan = plan_of(household)
        goal.source = source
    reached = goal.state == Goal.State.REACHED
    goal.reached_on = (goal.reached_on or timezone.localdate()) if reached else None
    return changes.save(user, form, household, f"goal from note {source.pk}" if source else "goal")


class MeasureForm(changes.VersionedForm):
    meeting = forms.ModelChoiceField(
        label=_("Decided in the meeting"), queryset=Meeting.objects.none(), required=False, empty_label=None
    )
    decided_by = forms.ModelChoiceField(label=_("Decided by"), queryset=StaffUser.objects.none(), required=False)

    class Meta:
        model = Measure
        fields = ["text", "goal", "organisation", "responsible", "family_member", "how_often", "starts_on", "ends_on"]
        fields += ["status", "additional"]
        field_classes = {"starts_on": DateField, "ends_on": DateField}

    def __init__(self, *args, user, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.household = household
        self.fields["goal"].queryset = policy.goals(user, household)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipality_id=household.municipality_id
        ).filter(Q(active=True) | Q(pk=self.instance.organisation_id))
        team = household.team.current().values("member")
        self.fields["responsible"].queryset = StaffUser.objects.filter(
            Q(pk=household.investment_leader_id) | Q(pk__in=team) | Q(pk=self.instance.responsible_id)
        )
        self.fields["family_member"].queryset = policy.persons(user, household)
        if self.instance.pk:
            del self.fields["meeting"], self.fields["decided_by"]
            return
        del self.fields["status"]
        self.fields["starts_on"].initial = timezone.localdate()
        choose_meeting(self.fields["meeting"], household)
        self.fields["meeting"].required = self.fields["decided_by"].required = True
        choose_decider(self.fields["decided_by"], household)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end comes before the start. Choose an end on or after the start."))
        if not (cleaned.get("organisation") or cleaned.get("responsible") or cleaned.get("family_member")):
            self.add_error(
                "organisation",
                _(
                    "Say who is responsible: an organisation, a person on the team or, for the family's own task, "
                    "a family member."
                ),
            )
        responsible, organisation = cleaned.get("responsible"), cleaned.get("organisation")
        if responsible and organisation and responsible.organisation_id not in (None, organisation.pk):
            self.add_error(
                "responsible",
                _("%(person)s works for %(org)s.") % {"person": responsible, "org": responsible.organisation},
            )
        if responsible and not organisation:
            cleaned["organisation"] = self.instance.organisation = responsible.organisation
        return cleaned


@transaction.atomic
def save_measure(user, household, form, source=None):
    measure = form.instance
    if not measure.pk:
        measure.plan = plan_of(household)
        measure.source = source
        decided_by = form.cleaned_data["decided_by"]
        measure.decision = Decision.objects.create(
            household=household,
            meeting=form.cleaned_data["meeting"],
            text=gettext("Measure: %(what)s") % {"what": form.cleaned_data["text"]},
            decided_by=decided_by,
            authority=authorities(household)[decided_by.pk],
            recorded_by=user,
        )
        audit.record(user, audit.CREATE, measure.decision, household=household)
    return changes.save(user, form, household, f"measure from note {source.pk}" if source else "measure")


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["meeting", "text", "decided_by"]

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.household = household
        choose_meeting(self.fields["meeting"], household)
        choose_decider(self.fields["decided_by"], household)


@transaction.atomic
def record_decision(user, household, form):
    decision = form.save(commit=False)
    decision.household = household
    decision.authority = authorities(household)[decision.decided_by_id]
    decision.recorded_by = user
    decision.save()
    audit.record(user, audit.CREATE, decision, household=household)
    return decision


def from_sheet(user, household):
    """Notes on the sheet under "what we will do now", "short term" and "long term" not yet in the plan."""
    used_by_goal = Goal.objects.filter(source=OuterRef("pk"))
    used_by_measure = Measure.objects.filter(source=OuterRef("pk"))
    notes = (
        policy.notes(user, household)
        .filter(removed=False, life_area__isnull=False, column__in=MEASURE_COLUMNS + GOAL_COLUMNS)
        .exclude(text="")
        .exclude(Exists(used_by_goal))
        .exclude(Exists(used_by_measure))
        .select_related("life_area", "person")
    )
    columns = list(Entry.Column.values)  # in the sheet's order, left to right
    return sorted(notes, key=lambda n: (n.life_area.position, n.life_area_id, columns.index(n.column), n.pk))


def source_note(user, household, entry_id, columns):
    """The sheet note a goal or measure is being made from, if `user` may see it; else None."""
    if not entry_id:
        return None
    try:
        return policy.notes(user, household).filter(removed=False, column__in=columns).get(pk=int(entry_id))
    except (ValueError, Entry.DoesNotExist):
        return None


def initial_from(note):
    """What a new goal or measure takes from its note, so nothing is typed twice."""
    if note is None:
        return {}
    if note.column in MEASURE_COLUMNS:
        return {"text": note.text[:300], "family_member": note.person_id}
    return {"text": note.text[:300], "life_area": note.life_area_id, "person": note.person_id}
