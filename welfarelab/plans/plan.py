"""The investment plan as the team and the family work on it: situation, goals, measures and decisions.

Goals and measures are mostly made from what was written on the Mapping Tool sheet, keeping the
link back. Every change starts from the version the user saw, so two people never silently
overwrite each other.
"""

import datetime

from django import forms
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from welfarelab.access import audit, changes, minimisation, policy
from welfarelab.checks import check
from welfarelab.forms import DateField, add_problems
from welfarelab.journey.exits import refuse_after_exit
from welfarelab.mapping.models import Entry, LifeArea, Meeting
from welfarelab.people.models import Organisation, Person, StaffUser
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
def save_situation(principal, household, *, situation: str, checkpoint_weeks: int | None, version: int | None):
    """The family's situation in their words and the rhythm of checkpoints, from the version the user saw."""
    refuse_after_exit(household)
    the_plan = plan_of(household)
    the_plan.situation, the_plan.checkpoint_weeks = situation, checkpoint_weeks
    the_plan.full_clean(exclude=["household", "version"])
    return changes.commit(principal, the_plan, household, new=False, version=version, detail="situation")


class GoalForm(changes.VersionedForm):
    class Meta:
        model = Goal
        fields = ["text", "main_goal", "life_area", "indicator", "target_on", "person", "state"]
        field_classes = {"target_on": DateField}

    def __init__(self, *args, user, household, source=None, **kwargs):
        """`source`: the sheet note a new goal is made from; the goal starts with its words, life area and person."""
        kwargs["initial"] = initial_from(source) | kwargs.get("initial", {})
        super().__init__(*args, **kwargs)
        self.user, self.household = user, household
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
        minimisation.ask(self, "text", "person")

    def clean(self):
        cleaned = super().clean()
        minimisation.check(self, cleaned)
        goal = self.instance if self.instance.pk else None
        values = {k: v for k, v in self.values().items() if k != "version"}
        add_problems(self, goal_problems(self.user, self.household, goal, **values))
        return cleaned


def goal_problems(principal, household, goal=None, *, target_on=None, main_goal=None, person=None, **_fields):
    """{field: messages}: a goal's date lies ahead (when it is set), a sub-goal is reached by its main goal's date
    and a main goal after its sub-goals; a goal with sub-goals stays a main goal; the goal is the whole family's
    or of someone `principal` may see."""
    errors = {}
    visible = policy.goals(principal, household)
    stored = Goal.objects.filter(pk=goal.pk).values_list("target_on", flat=True).first() if goal else None
    if target_on and target_on < timezone.localdate() and target_on != stored:
        errors["target_on"] = [_("The target date has passed. Choose a date ahead, with the family.")]
    if main_goal is not None:
        if goal is not None and goal.sub_goals.exists():
            errors["main_goal"] = [_("This goal has sub-goals of its own, so it stays a main goal.")]
        elif not visible.filter(pk=main_goal.pk, main_goal__isnull=True).exclude(pk=getattr(goal, "pk", None)).exists():
            errors["main_goal"] = [_("Choose one of the plan's main goals.")]
    later = visible.filter(main_goal=goal.pk, target_on__gt=target_on).first() if goal and target_on else None
    if later:
        errors["target_on"] = [
            _("The sub-goal “%(goal)s” is due %(date)s: a main goal cannot be reached before its sub-goals.")
            % {"goal": later.text, "date": date_format(later.target_on, "SHORT_DATE_FORMAT")}
        ]
    if main_goal is not None and target_on and target_on > main_goal.target_on:
        errors["target_on"] = [
            _("A sub-goal must be reached by its main goal's date: choose %(date)s or earlier.")
            % {"date": date_format(main_goal.target_on, "SHORT_DATE_FORMAT")}
        ]
    if person is not None and not policy.persons(principal, household).filter(pk=person.pk).exists():
        errors["person"] = [_("Choose someone of the family.")]
    return errors


@transaction.atomic
def save_goal(
    principal,
    household,
    *,
    text: str,
    life_area: LifeArea,
    indicator: str,
    target_on: datetime.date,
    main_goal: Goal | None = None,
    person: Person | None = None,
    state: str | None = None,
    goal: Goal | None = None,
    version: int | None = None,
    source: Entry | None = None,
) -> Goal:
    """A goal of the plan, set with the family (or a change of `goal`, from `version`); `source` is the sheet note
    a new goal is made from. A goal marked reached is dated the day it was first marked."""
    refuse_after_exit(household)
    new = goal is None
    errors = goal_problems(principal, household, goal, target_on=target_on, main_goal=main_goal, person=person)
    goal = goal or Goal(plan=plan_of(household), source=source)
    goal.text, goal.life_area, goal.indicator, goal.target_on = text, life_area, indicator, target_on
    goal.main_goal, goal.person = main_goal, person
    if not new and state:
        goal.state = state
    if life_area.municipality_id != household.municipality_id:
        errors["life_area"] = [_("Choose one of the municipality's life areas.")]
    check(goal, errors, exclude=["plan", "source", "version", "main_goal", "person", "life_area"])
    reached = goal.state == Goal.State.REACHED
    goal.reached_on = (goal.reached_on or timezone.localdate()) if reached else None
    detail = f"goal from note {source.pk}" if source else "goal"
    return changes.commit(principal, goal, household, new=new, version=version, detail=detail)


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
        self.fields["organisation"].queryset = Organisation.objects.choosable(
            household.municipality_id, self.instance.organisation_id
        )
        team = household.team.current().values("member")
        self.fields["responsible"].queryset = StaffUser.objects.filter(
            Q(pk=household.investment_leader_id) | Q(pk__in=team) | Q(pk=self.instance.responsible_id)
        )
        self.fields["family_member"].queryset = policy.persons(user, household)
        minimisation.ask(self, "text", "family_member")
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
        minimisation.check(self, cleaned)
        values = {k: v for k, v in self.values().items() if k != "version"}
        add_problems(self, measure_problems(self.household, new=not self.instance.pk, **values))
        return cleaned


def measure_problems(
    household, *, new, organisation=None, responsible=None, family_member=None, starts_on=None, ends_on=None, **rest
):
    """{field: messages}: someone is responsible (an organisation, a person on the team, or for the family's own
    task a family member), a responsible person works for the organisation named, the end is not before the
    start, and a new measure is decided in a meeting by someone who may decide."""
    errors = {}
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = [_("The end comes before the start. Choose an end on or after the start.")]
    if not (organisation or responsible or family_member):
        errors["organisation"] = [
            _(
                "Say who is responsible: an organisation, a person on the team or, for the family's own task, "
                "a family member."
            )
        ]
    if responsible and organisation and responsible.organisation_id not in (None, organisation.pk):
        errors["responsible"] = [
            _("%(person)s works for %(org)s.") % {"person": responsible, "org": responsible.organisation}
        ]
    if new and rest.get("decided_by") is not None and rest["decided_by"].pk not in authorities(household):
        errors["decided_by"] = [_("Choose the investment leader or someone on the investment team.")]
    return errors


@transaction.atomic
def save_measure(
    principal,
    household,
    *,
    text: str,
    starts_on: datetime.date,
    goal: Goal | None = None,
    organisation: Organisation | None = None,
    responsible: StaffUser | None = None,
    family_member: Person | None = None,
    how_often: str = "",
    ends_on: datetime.date | None = None,
    additional: bool = False,
    status: str | None = None,
    meeting: Meeting | None = None,
    decided_by: StaffUser | None = None,
    measure: Measure | None = None,
    version: int | None = None,
    source: Entry | None = None,
) -> Measure:
    """A measure of the plan (or a change of `measure`, from `version`): a new one is decided in `meeting` by
    `decided_by`, and the decision is logged with it. `source` is the sheet note it is made from."""
    refuse_after_exit(household)
    new = measure is None
    people = {"organisation": organisation, "responsible": responsible, "family_member": family_member}
    dates = {"starts_on": starts_on, "ends_on": ends_on}
    errors = measure_problems(household, new=new, decided_by=decided_by, **people, **dates)
    if new and (meeting is None or decided_by is None):
        errors["meeting"] = [_("A measure is decided in a meeting: say in which, and by whom.")]
    if goal is not None and not policy.goals(principal, household).filter(pk=goal.pk).exists():
        errors["goal"] = [_("Choose one of the plan's goals.")]
    if family_member is not None and not policy.persons(principal, household).filter(pk=family_member.pk).exists():
        errors["family_member"] = [_("Choose someone of the family.")]
    measure = measure or Measure(plan=plan_of(household), source=source)
    for name, value in (people | dates | {"text": text, "goal": goal, "how_often": how_often or ""}).items():
        setattr(measure, name, value)
    measure.additional = additional
    measure.organisation = organisation or (responsible.organisation if responsible else None)
    if not new and status:
        measure.status = status
    exclude = ["plan", "source", "version", "goal", "organisation", "responsible", "family_member", "decision"]
    check(measure, errors, exclude=exclude)
    if new:
        measure.decision = Decision.objects.create(
            household=household,
            meeting=meeting,
            text=gettext("Measure: %(what)s") % {"what": text},
            decided_by=decided_by,
            authority=authorities(household)[decided_by.pk],
            recorded_by=principal,
        )
        audit.record(principal, audit.CREATE, measure.decision, household=household)
    detail = f"measure from note {source.pk}" if source else "measure"
    return changes.commit(principal, measure, household, new=new, version=version, detail=detail)


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["meeting", "text", "decided_by"]

    def __init__(self, *args, user, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.household = household
        choose_meeting(self.fields["meeting"], household)
        choose_decider(self.fields["decided_by"], household)
        minimisation.ask(self, "text", persons=policy.persons(user, household))

    def clean(self):
        cleaned = super().clean()
        minimisation.check(self, cleaned)
        return cleaned

    def values(self):
        """What `record_decision` takes."""
        return {name: self.cleaned_data.get(name) for name in self._meta.fields}


@transaction.atomic
def record_decision(principal, household, *, meeting: Meeting, text: str, decided_by: StaffUser) -> Decision:
    """A decision made in a meeting by someone who may decide for the plan, kept with their authority then."""
    refuse_after_exit(household)
    may_decide = authorities(household)
    decision = Decision(household=household, meeting=meeting, text=text, decided_by=decided_by, recorded_by=principal)
    errors = {}
    if decided_by.pk not in may_decide:
        errors["decided_by"] = [_("Choose the investment leader or someone on the investment team.")]
    if meeting.household_id != household.pk or meeting.status == Meeting.Status.CANCELLED:
        errors["meeting"] = [_("Choose one of the family's meetings.")]
    check(decision, errors, exclude=["household", "meeting", "decided_by", "recorded_by", "authority"])
    decision.authority = may_decide[decided_by.pk]
    decision.save()
    audit.record(principal, audit.CREATE, decision, household=household)
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
