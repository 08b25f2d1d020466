"""The execution plan: goals and their measures in order, and on a timeline."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone

from welfarelab.access import policy
from welfarelab.mapping.models import Meeting
from welfarelab.plans.models import Goal, InvestmentPlan, Status


@dataclass
class Branch:
    goal: object
    measures: list
    sub_goals: list = field(default_factory=list)


def tree(goals, measures):
    """Main goals, each with its measures and its sub-goals (with theirs)."""
    by_goal = {}
    for m in measures:
        by_goal.setdefault(m.goal_id, []).append(m)
    branches = {g.pk: Branch(g, by_goal.get(g.pk, [])) for g in goals}
    roots = []
    for g in goals:
        parent = branches.get(g.main_goal_id)
        (parent.sub_goals if parent else roots).append(branches[g.pk])
    return roots


@dataclass
class Row:
    kind: str  # "goal", "sub_goal" or "measure"
    item: object
    left: float  # percent of the chart's width
    width: float
    late: bool = False


@dataclass
class Chart:
    start: datetime.date
    end: datetime.date
    rows: list
    months: list  # (date, left %, labelled)
    today: float


def is_overdue(item, today):
    """A goal still worked towards after its target date, or a measure not finished by its end."""
    if hasattr(item, "target_on"):
        return item.state == "open" and item.target_on < today
    return item.status in (Status.PLANNED, Status.UNDER_WAY) and item.ends_on is not None and item.ends_on < today


def _month_starts(start, end):
    day = start.replace(day=1)
    while day <= end:
        yield day
        day = (day + datetime.timedelta(days=32)).replace(day=1)


def chart(goals, measures, today=None):
    """Rows positioned in percent between the first start and the last date, one month per tick."""
    today = today or timezone.localdate()
    dates = [today] + [g.target_on for g in goals] + [m.starts_on for m in measures]
    dates += [m.ends_on for m in measures if m.ends_on]
    start, end = min(dates).replace(day=1), max(dates) + datetime.timedelta(days=31)
    span = (end - start).days

    def at(day):
        return round(100 * (day - start).days / span, 2)

    rows = []

    def add_measure(m):
        left = at(m.starts_on)
        rows.append(Row("measure", m, left, max(0.8, at(m.ends_on or end) - left), is_overdue(m, today)))

    def add(branch, kind):
        goal = branch.goal
        rows.append(Row(kind, goal, at(goal.target_on), 0, is_overdue(goal, today)))
        for m in branch.measures:
            add_measure(m)
        for sub in branch.sub_goals:
            add(sub, "sub_goal")

    for branch in tree(goals, measures):
        add(branch, "goal")
    for m in measures:
        if m.goal_id is None:
            add_measure(m)
    starts = list(_month_starts(start, end))
    step = 1 if len(starts) <= 9 else 3 if len(starts) <= 27 else 6  # labels that do not run into each other
    months = [(d, at(d), d.month % step == 1 % step) for d in starts]
    return Chart(start, end, rows, months, at(today))


@dataclass
class FollowUp:
    """One participant on the leader's start page: what is due or overdue, and the next meeting."""

    household: object
    next_meeting: object = None
    due: list = field(default_factory=list)  # goals and measures, oldest date first
    checkpoint_due: datetime.date | None = None  # by the rhythm agreed with the family
    checkpoint_late: bool = False

    @property
    def overdue(self):
        return sum(1 for item in self.due if item.late) + self.checkpoint_late


DUE_WITHIN = datetime.timedelta(days=14)


def follow_up(user, households, today=None):
    """For each household `user` leads: goals and measures due within two weeks or overdue, its next meeting, and when
    its next checkpoint is due by the rhythm agreed with the family.

    Five queries however many households: goals, measures, meetings, rhythms and last checkpoints for all at once.
    """
    today = today or timezone.localdate()
    rows = {h.pk: FollowUp(h) for h in households}
    soon = today + DUE_WITHIN
    goals = policy.led_goals(user).filter(plan__household__in=rows, state=Goal.State.OPEN, target_on__lte=soon)
    measures = (
        policy.led_measures(user)
        .filter(plan__household__in=rows, status__in=[Status.PLANNED, Status.UNDER_WAY], ends_on__lte=soon)
        .select_related("family_member")
    )
    for item in [*goals.select_related("plan", "person"), *measures.select_related("plan")]:
        item.late = is_overdue(item, today)
        item.due_on = getattr(item, "target_on", None) or item.ends_on
        rows[item.plan.household_id].due.append(item)
    upcoming = Meeting.objects.filter(
        household__in=rows, status=Meeting.Status.PLANNED, planned_at__gte=timezone.now()
    ).order_by("planned_at")
    for meeting in upcoming:
        rows[meeting.household_id].next_meeting = rows[meeting.household_id].next_meeting or meeting
    for household_id, due in checkpoints_due(rows).items():
        rows[household_id].checkpoint_due, rows[household_id].checkpoint_late = due, due < today
    for row in rows.values():
        row.due.sort(key=lambda item: item.due_on)
    return list(rows.values())


def checkpoints_due(households):
    """{household id: the day its next checkpoint is due}: the last plan meeting or checkpoint held, plus the
    rhythm agreed with the family. Households without a rhythm, or without a meeting held yet, are left out."""
    rhythm = dict(
        InvestmentPlan.objects.filter(household__in=households, checkpoint_weeks__isnull=False).values_list(
            "household_id", "checkpoint_weeks"
        )
    )
    held = (
        Meeting.objects.filter(
            household__in=rhythm, status=Meeting.Status.HELD, kind__in=[Meeting.Kind.PLAN, Meeting.Kind.CHECKPOINT]
        )
        .values("household_id")
        .annotate(last=Max("planned_at"))
    )
    return {
        row["household_id"]: timezone.localdate(row["last"]) + datetime.timedelta(weeks=rhythm[row["household_id"]])
        for row in held
    }
