"""Situation assessments: recording one with the family's own view beside the team's, and the journey they draw."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.conftest import ROW_SECURITY, Role, make_participant, make_user
from tests.plans.conftest import days
from welfarelab.access.models import AuditEntry
from welfarelab.journey import assessments
from welfarelab.journey.models import Assessment, Domain, Level
from welfarelab.people.models import Person

DOMAINS = [domain.value for domain in Domain]


def assessment_data(**overrides):
    """What the form posts: vulnerable today (the family says untenable), aiming for stable in a year."""
    data = {
        "occasion": "joining",
        "assessed_on": days(0).isoformat(),
        "meeting": "",
        "level": Level.VULNERABLE,
        "reason": "Unstable housing, no daytime activity",
        "family_level": Level.UNTENABLE,
        "family_reason": "We cannot go on like this",
        "vulnerability": 3,
        "vulnerability_reason": "",
        "goal_level": Level.STABLE,
        "goal_on": days(365).isoformat(),
    }
    for domain in DOMAINS:
        data |= {f"{domain}_level": Level.VULNERABLE, f"{domain}_reason": "", f"{domain}_family_level": ""}
        data[f"{domain}_family_reason"] = ""
    return data | overrides


def post(client, household, data, aid=None):
    url = (
        reverse("assessment_edit", args=[household.pk, aid]) if aid else reverse("assessment_new", args=[household.pk])
    )
    return client.post(url, data)


def test_an_assessment_keeps_the_familys_view_beside_the_teams(client, leader, family):
    client.force_login(leader)

    response = post(client, family, assessment_data(housing_family_level=Level.UNTENABLE, housing_family_reason="Damp"))

    assert response.status_code == 302
    assessment = Assessment.objects.get(household=family)
    assert (assessment.level, assessment.family_level, assessment.views_differ) == (2, 1, True)
    housing = assessment.domains.get(domain="housing")
    assert (housing.level, housing.family_level, housing.family_reason, housing.views_differ) == (2, 1, "Damp", True)
    assert assessment.domains.count() == len(DOMAINS)
    page = client.get(reverse("journey", args=[family.pk])).content.decode()
    assert "The family: Untenable" in page
    assert "Damp" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("level", "7", "Select a valid choice."),
        ("housing_level", "0", "Select a valid choice."),
        ("work_level", "", "This field is required."),
        ("assessed_on", days(1).isoformat(), "An assessment is made on a day that has come."),
        ("goal_on", days(0).isoformat(), "The goal lies ahead: choose a date after the assessment."),
    ],
)
def test_a_bad_assessment_names_the_field_keeps_what_was_typed_and_saves_nothing(
    client, leader, family, field, value, message
):
    client.force_login(leader)

    response = post(client, family, assessment_data(**{field: value}))

    assert response.status_code == 400
    assert message in " ".join(str(e) for e in response.context["form"].errors[field])
    assert "Unstable housing, no daytime activity" in response.content.decode()
    assert not Assessment.objects.exists()


def test_the_childrens_domain_is_only_asked_for_where_there_are_children(client, leader, municipality, referrer):
    young = make_participant(
        municipality, leader, referrer, people=[("Jonas", Person.Relation.YOUNG_PERSON, datetime.date(2005, 1, 1))]
    )
    client.force_login(leader)

    response = post(client, young, assessment_data(children_level=""))

    assert response.status_code == 302


def test_a_new_assessment_carries_the_goal_forward_and_is_a_checkpoint(client, leader, family):
    client.force_login(leader)
    post(client, family, assessment_data(goal_on=days(200).isoformat()))

    form = client.get(reverse("assessment_new", args=[family.pk])).context["form"]

    assert form.initial["occasion"] == Assessment.Occasion.CHECKPOINT
    assert (form.initial["goal_level"], form.initial["goal_on"]) == (Level.STABLE, days(200))


def test_changing_an_assessment_from_an_old_version_is_refused(client, leader, family):
    client.force_login(leader)
    post(client, family, assessment_data())
    assessment = Assessment.objects.get()
    post(client, family, assessment_data(level=Level.STABLE, version=1), aid=assessment.pk)

    response = post(client, family, assessment_data(level=Level.UNTENABLE, version=1), aid=assessment.pk)

    assert response.status_code == 400
    assert "Someone else changed this" in response.content.decode()
    assessment.refresh_from_db()
    assert (assessment.level, assessment.version) == (Level.STABLE, 2)


# Who may see and record assessments


def test_team_members_see_the_journey_but_only_the_leader_records_assessments(client, member, family):
    client.force_login(member)

    assert client.get(reverse("journey", args=[family.pk])).status_code == 200
    assert client.get(reverse("assessment_new", args=[family.pk])).status_code == 403
    assert post(client, family, assessment_data()).status_code == 403
    assert not Assessment.objects.exists()


def test_staff_of_another_municipality_find_nothing(client, family, other_municipality):
    client.force_login(make_user(other_municipality, Role.INVESTMENT_LEADER))

    assert client.get(reverse("journey", args=[family.pk])).status_code == 404
    assert post(client, family, assessment_data()).status_code == 404


def test_viewing_and_recording_are_audited(client, leader, family):
    client.force_login(leader)

    post(client, family, assessment_data())
    client.get(reverse("journey", args=[family.pk]))

    entries = AuditEntry.objects.filter(household=family, user=leader)
    assert entries.filter(action="create", object_type="assessment").exists()
    assert entries.filter(action="view", detail="journey").exists()


# The journey page


def test_the_chart_places_the_start_the_latest_and_the_goal(client, leader, family):
    client.force_login(leader)
    first = assessment_data(assessed_on=days(-100).isoformat(), level=Level.UNTENABLE, family_level=Level.VULNERABLE)
    post(client, family, first)
    post(client, family, assessment_data(occasion="checkpoint", level=Level.STABLE, family_level=""))

    chart = client.get(reverse("journey", args=[family.pk])).context["chart"]

    start, latest = chart.team
    assert start.y > latest.y, "higher on the chart is better"
    assert start.x < latest.x < chart.goal.x
    assert chart.goal.level == Level.STABLE and chart.goal.y == latest.y
    assert [p.level for p in chart.family] == [Level.VULNERABLE], "the family's view only where it differs"


def test_the_chart_has_a_text_alternative_and_the_table_every_assessment(client, leader, family):
    client.force_login(leader)
    post(client, family, assessment_data(assessed_on=days(-100).isoformat(), level=Level.UNTENABLE))
    post(client, family, assessment_data(occasion="checkpoint"))

    page = client.get(reverse("journey", args=[family.pk])).content.decode()

    assert 'role="img" aria-labelledby="chart-title chart-desc"' in page
    assert "Started Untenable on" in page and "the goal is Stable by" in page
    assert page.count("At a checkpoint") >= 1 and "Situation assessed" in page


def test_the_journey_page_queries_do_not_grow_with_the_assessments(
    client, leader, family, django_assert_max_num_queries
):
    client.force_login(leader)
    for n in range(12):
        post(client, family, assessment_data(assessed_on=days(-300 + 20 * n).isoformat()))

    with django_assert_max_num_queries(16 + ROW_SECURITY):
        client.get(reverse("journey", args=[family.pk]))


def test_without_assessments_the_page_says_what_to_do(client, leader, family):
    client.force_login(leader)

    response = client.get(reverse("journey", args=[family.pk]))

    assert response.context["chart"] is None
    assert "Not assessed yet." in response.content.decode()


def test_the_chart_is_none_without_assessments():
    assert assessments.chart([]) is None


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_charts_coordinates_are_numbers_in_every_language(client, leader, family, language):
    """Norwegian writes 12,5 for 12.5: the drawing must not, or the points land anywhere."""
    client.force_login(leader)
    post(client, family, assessment_data(assessed_on=days(-97).isoformat(), family_level=Level.STABLE))
    client.cookies["django_language"] = language

    page = client.get(reverse("journey", args=[family.pk])).content.decode()

    svg = page[page.index("<svg") : page.index("</svg>")]
    number = r"-?\d+(\.\d+)?"
    values = re.findall(r'\b(?:cx|cy|x|y|x1|x2|y1|y2)="([^"]*)"', svg)
    points = re.search(r'points="([^"]*)"', svg).group(1).split(" ")
    assert values and all(re.fullmatch(number, value) for value in values), values
    assert all(re.fullmatch(f"{number},{number}", point) for point in points), points
