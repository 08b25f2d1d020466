"""The execution plan: goals with their measures and sub-goals, on a timeline where what is late stands out."""

import datetime
import itertools

import pytest

from welfarelab.plans import execution
from welfarelab.plans.models import Goal, Measure

TODAY = datetime.date(2026, 6, 15)
_ids = itertools.count(1)


def day(n):
    return TODAY + datetime.timedelta(days=n)


def goal(text, target, main=None, state="open"):
    """A goal as the chart reads it; the chart needs no database."""
    return Goal(pk=next(_ids), text=text, target_on=target, main_goal_id=main.pk if main else None, state=state)


def measure(text, towards=None, start=TODAY, end=None, status="planned"):
    goal_id = towards.pk if towards else None
    return Measure(pk=next(_ids), text=text, goal_id=goal_id, starts_on=start, ends_on=end, status=status)


def measure_with(status, end):
    return measure(f"{status}, ending {end}", start=day(-30), end=end, status=status)


def rows(chart):
    return [(row.kind, row.item.text) for row in chart.rows]


def test_each_goal_is_followed_by_its_measures_and_then_its_sub_goals():
    a, b = goal("A", day(90)), goal("B", day(60))
    a1 = goal("A1", day(30), main=a)
    goals = [a1, b, a]  # as the database orders them: by target date
    measures = [
        measure("For A1", a1),
        measure("For A", a),
        measure("Loose"),
        measure("For B", b),
    ]

    chart = execution.chart(goals, measures, today=TODAY)

    assert rows(chart) == [
        ("goal", "B"),
        ("measure", "For B"),
        ("goal", "A"),
        ("measure", "For A"),
        ("sub_goal", "A1"),
        ("measure", "For A1"),
        ("measure", "Loose"),
    ]


def test_the_tree_keeps_sub_goals_under_their_main_goal():
    a = goal("A", day(90))
    a1, a2 = goal("A1", day(30), main=a), goal("A2", day(60), main=a)

    (branch,) = execution.tree([a1, a2, a], [measure("For A2", a2)])

    assert branch.goal == a
    assert [sub.goal for sub in branch.sub_goals] == [a1, a2]
    assert [m.text for m in branch.sub_goals[1].measures] == ["For A2"]


@pytest.mark.parametrize(
    "item, late",
    [
        (goal("Open, target passed", day(-1)), True),
        (goal("Open, target today", TODAY), False),
        (goal("Reached after its target", day(-1), state="reached"), False),
        (goal("Set aside after its target", day(-1), state="dropped"), False),
        (measure_with("planned", day(-1)), True),
        (measure_with("under_way", day(-1)), True),
        (measure_with("under_way", TODAY), False),
        (measure_with("done", day(-1)), False),
        (measure_with("stopped", day(-1)), False),
        (measure_with("under_way", None), False),
    ],
)
def test_what_is_late(item, late):
    assert execution.is_overdue(item, TODAY) is late


def test_the_chart_marks_the_late_rows():
    late_goal, on_time = goal("Late goal", day(-10)), goal("On time", day(100))
    late_measure = measure("Late measure", on_time, start=day(-60), end=day(-5))

    chart = execution.chart([late_goal, on_time], [late_measure], today=TODAY)

    assert [(row.item.text, row.late) for row in chart.rows] == [
        ("Late goal", True),
        ("On time", False),
        ("Late measure", True),
    ]


def test_every_position_lies_on_the_chart():
    goals = [goal("Early", day(-200)), goal("Late", day(400))]
    measures = [
        measure("Long ago", goals[0], start=day(-300), end=day(-250)),
        measure("Open ended", goals[1], start=day(10)),
        measure("One day", goals[1], start=day(20), end=day(20)),
    ]

    chart = execution.chart(goals, measures, today=TODAY)

    for row in chart.rows:
        assert 0 <= row.left <= 100, row
        assert 0 <= row.left + row.width <= 100, row
    assert 0 < chart.today < 100
    lefts = [left for _month, left, _labelled in chart.months]
    assert lefts == sorted(lefts)
    assert all(0 <= left <= 100 for left in lefts)


def test_the_earliest_date_starts_the_chart_and_an_open_measure_runs_to_its_end():
    first = measure("From the first of the month", start=datetime.date(2026, 3, 1), end=datetime.date(2026, 4, 1))
    open_ended = measure("Until reviewed", start=TODAY)

    chart = execution.chart([], [first, open_ended], today=TODAY)

    by_text = {row.item.text: row for row in chart.rows}
    assert chart.start == datetime.date(2026, 3, 1)
    assert by_text["From the first of the month"].left == 0
    assert by_text["Until reviewed"].left + by_text["Until reviewed"].width == pytest.approx(100)


def test_a_measure_of_a_single_day_is_still_visible():
    chart = execution.chart([goal("G", day(300))], [measure("One day", start=day(5), end=day(5))], today=TODAY)

    assert chart.rows[-1].width > 0


def test_months_are_labelled_so_that_labels_do_not_run_into_each_other():
    short = execution.chart([goal("Soon", day(90))], [], today=TODAY)
    long = execution.chart([goal("In two years", day(730))], [], today=TODAY)

    assert all(labelled for _month, _left, labelled in short.months)
    labelled = [month for month, _left, is_labelled in long.months if is_labelled]
    assert labelled and all(month.month in (1, 4, 7, 10) for month in labelled)


def test_a_plan_with_nothing_in_it_has_an_empty_chart():
    chart = execution.chart([], [], today=TODAY)

    assert chart.rows == []
    assert 0 <= chart.today <= 100
