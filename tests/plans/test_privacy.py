"""Who sees the plan: the team within the family's consent, the leader in full, nobody else; every look is audited."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import Role, make_user
from tests.mapping.conftest import person
from tests.plans.conftest import (
    goal_data,
    make_decision,
    make_goal,
    make_measure,
    measure_data,
    note,
    prepare,
    sign_all,
    today,
)
from welfarelab.access import policy
from welfarelab.access.models import AuditEntry
from welfarelab.capture.models import Scan
from welfarelab.plans import agreement
from welfarelab.plans.models import AgreementVersion, Decision, Goal, Measure, Signature, TrustedPerson

SHOWN = ["Goal of the family", "Goal of the mother", "Measure of the family", "Task of the mother"]
HIDDEN = ["Goal of the father", "Measure towards the goal of the father", "Task of the father"]


@pytest.fixture
def split_plan(family, leader, meeting):
    """Goals and measures of the whole family, of the mother (consented to NAV) and of the father (did not)."""
    mother, father = person(family, "Mother"), person(family, "Father")
    ours = make_goal(family, text="Goal of the family")
    mothers = make_goal(family, text="Goal of the mother", person=mother)
    fathers = make_goal(family, text="Goal of the father", person=father)
    measures = [
        make_measure(family, text="Measure of the family", goal=ours),
        make_measure(family, text="Task of the mother", goal=mothers, family_member=mother),
        make_measure(family, text="Measure towards the goal of the father", goal=fathers),
        make_measure(family, text="Task of the father", goal=ours, family_member=father),
    ]
    for measure in measures:
        measure.decision = make_decision(family, meeting, leader, text=f"Decided: {measure.text}")
        measure.save()
    return {"family": ours, "mother": mothers, "father": fathers, "measures": measures}


def shown_and_hidden(page):
    return [text for text in SHOWN if text in page], [text for text in HIDDEN if text in page]


# Within the family, the consent decides


def test_a_member_sees_on_the_plan_only_what_the_consent_covers(client, member, leader, family, split_plan):
    client.force_login(member)
    assert shown_and_hidden(client.get(reverse("plan", args=[family.pk])).content.decode()) == (SHOWN, [])
    client.force_login(leader)
    assert shown_and_hidden(client.get(reverse("plan", args=[family.pk])).content.decode()) == (SHOWN, HIDDEN)


def test_a_member_sees_on_the_timeline_only_what_the_consent_covers(client, member, family, split_plan):
    client.force_login(member)

    page = client.get(reverse("timeline", args=[family.pk])).content.decode()

    assert shown_and_hidden(page) == (SHOWN, [])


def test_a_member_does_not_see_the_decisions_behind_hidden_measures(
    client, member, leader, meeting, family, split_plan
):
    make_decision(family, meeting, leader, text="We meet every month")
    client.force_login(member)

    page = client.get(reverse("decisions", args=[family.pk])).content.decode()

    assert "We meet every month" in page
    assert "Decided: Measure of the family" in page
    assert "Decided: Task of the mother" in page
    assert "of the father" not in page
    assert {d.text for d in policy.decisions(member, family)} == {
        "We meet every month",
        "Decided: Measure of the family",
        "Decided: Task of the mother",
    }


def test_a_member_cannot_open_a_goal_or_measure_of_someone_outside_the_consent(client, member, family, split_plan):
    client.force_login(member)
    fathers_measure = split_plan["measures"][3]

    assert client.get(reverse("goal_edit", args=[family.pk, split_plan["father"].pk])).status_code == 404
    assert client.get(reverse("measure_edit", args=[family.pk, fathers_measure.pk])).status_code == 404
    response = client.post(reverse("measure_edit", args=[family.pk, fathers_measure.pk]), {"text": "x"})
    assert response.status_code == 404
    fathers_measure.refresh_from_db()
    assert fathers_measure.text == "Task of the father"


def test_a_member_cannot_give_a_goal_to_someone_outside_the_consent(client, member, family):
    client.force_login(member)

    response = client.post(reverse("goal_new", args=[family.pk]), goal_data(family, person=person(family, "Father").pk))

    assert list(response.context["form"].errors) == ["person"]
    assert not Goal.objects.exists()


def test_the_agreement_shows_a_member_only_what_the_consent_covers(client, leader, member, family, split_plan):
    prepare(leader, family)
    client.force_login(member)

    page = client.get(reverse("agreement", args=[family.pk, 1])).content.decode()

    assert shown_and_hidden(page) == (SHOWN, [])


def test_the_agreement_does_not_name_to_a_member_someone_the_consent_does_not_cover(
    client, leader, member, family, split_plan
):
    prepare(leader, family)
    client.force_login(member)

    page = client.get(reverse("agreement", args=[family.pk, 1])).content.decode()

    assert "Mother" in page
    assert "Father" not in page  # as on the participant page, where the member does not see him either


def test_visible_content_leaves_out_the_goals_and_measures_of_people_not_covered(leader, member, family, split_plan):
    data = prepare(leader, family).content

    shown = agreement.visible_content(member, family, data)

    assert [g["text"] for g in shown["goals"]] == ["Goal of the family", "Goal of the mother"]
    assert [m["text"] for m in shown["measures"]] == ["Measure of the family", "Task of the mother"]
    assert agreement.visible_content(leader, family, data) == data


def test_comparing_versions_shows_a_member_only_what_the_consent_covers(client, leader, member, family, split_plan):
    prepare(leader, family)
    for goal in Goal.objects.all():
        goal.indicator = "Changed"
        goal.save()
    for measure in Measure.objects.all():
        measure.how_often = "Daily"
        measure.save()
    make_measure(family, text="Task of the father, added", family_member=person(family, "Father"))
    prepare(leader, family)
    client.force_login(member)

    page = client.get(reverse("agreement_compare", args=[family.pk]), {"from": 1, "to": 2}).content.decode()

    assert shown_and_hidden(page) == (SHOWN, [])


def test_the_member_loses_the_plan_when_consent_is_withdrawn(client, member, family, split_plan):
    client.force_login(member)
    assert client.get(reverse("plan", args=[family.pk])).status_code == 200

    family.consents.update(withdrawn_at=timezone.now())

    for name in ["plan", "timeline", "decisions", "goal_new", "measure_new", "agreement_compare"]:
        assert client.get(reverse(name, args=[family.pk])).status_code == 404, name


# Nobody outside the team


@pytest.fixture
def everything(family, leader, member, meeting, split_plan):
    """One of each thing a plan URL can point at: a goal, a measure, two versions (one with a scan) and people."""
    version = sign_all(leader, family, prepare(leader, family))
    version.scan = Scan.objects.create(municipality=family.municipality, name="agreement.pdf", content=b"%PDF-1.4 x")
    version.save(update_fields=["scan"])
    goal = split_plan["family"]
    goal.indicator = "Changed"
    goal.save()
    prepare(leader, family, reason="learnt", explanation="Learnt")
    return {
        "goal": goal,
        "measure": split_plan["measures"][0],
        "membership": family.team.get(member=member),
        "trusted": TrustedPerson.objects.create(household=family, name="Eva", who="Grandmother", joined_on=today()),
    }


def plan_urls(household, things):
    """Every URL of the plan: (url, whether it is only posted to)."""
    pk = household.pk
    return [
        (reverse("plan", args=[pk]), False),
        (reverse("plan_situation", args=[pk]), True),
        (reverse("goal_new", args=[pk]), False),
        (reverse("goal_edit", args=[pk, things["goal"].pk]), False),
        (reverse("measure_new", args=[pk]), False),
        (reverse("measure_edit", args=[pk, things["measure"].pk]), False),
        (reverse("decisions", args=[pk]), False),
        (reverse("timeline", args=[pk]), False),
        (reverse("agreement_new", args=[pk]), False),
        (reverse("agreement", args=[pk, 1]), False),
        (reverse("agreement_sign", args=[pk, 2]), True),
        (reverse("agreement_pdf", args=[pk, 1]), False),
        (reverse("agreement_version_scan", args=[pk, 1]), False),
        (reverse("agreement_compare", args=[pk]), False),
        (reverse("team_leave", args=[pk, things["membership"].pk]), False),
        (reverse("trusted_new", args=[pk]), False),
        (reverse("trusted_leave", args=[pk, things["trusted"].pk]), False),
        (reverse("sheet_now", args=[pk]), False),
    ]


def stored(household):
    return (
        Goal.objects.count(),
        Measure.objects.count(),
        Decision.objects.count(),
        AgreementVersion.objects.count(),
        Signature.objects.count(),
        list(TrustedPerson.objects.values_list("left_on", flat=True)),
        list(household.team.values_list("left_on", flat=True)),
        household.plan.situation,
    )


@pytest.fixture
def outsiders(municipality, other_municipality, referrer):
    return {
        "referrer": referrer,
        "analyst": make_user(municipality, Role.ANALYST),
        "administrator": make_user(municipality, Role.ADMINISTRATOR),
        "another leader": make_user(municipality, Role.INVESTMENT_LEADER, "koordinerende"),
        "a member not on the team": make_user(municipality, Role.TEAM_MEMBER, "nav"),
        "a member elsewhere": make_user(other_municipality, Role.TEAM_MEMBER, "nav"),
        "a leader elsewhere": make_user(other_municipality, Role.INVESTMENT_LEADER, "koordinerende"),
    }


@pytest.mark.parametrize(
    "who",
    [
        "referrer",
        "analyst",
        "administrator",
        "another leader",
        "a member not on the team",
        "a member elsewhere",
        "a leader elsewhere",
    ],
)
def test_nobody_outside_the_team_finds_any_part_of_the_plan(client, outsiders, who, family, everything):
    before = stored(family)
    client.force_login(outsiders[who])
    data = {"text": "x", "situation": "x", "reason": "first", "language": "en", "left_on": "2026-02-01"}

    for url, post_only in plan_urls(family, everything):
        if not post_only:
            assert client.get(url).status_code == 404, url
        assert client.post(url, data | {"left_reason": "x", "name": "x", "who": "x"}).status_code == 404, url

    assert stored(family) == before


def test_a_member_may_work_on_the_plan_but_not_lead_it(client, member, family, everything):
    client.force_login(member)
    pk = family.pk

    for url in [
        reverse("agreement_new", args=[pk]),
        reverse("agreement_version_scan", args=[pk, 1]),
        reverse("team_leave", args=[pk, everything["membership"].pk]),
        reverse("trusted_new", args=[pk]),
        reverse("trusted_leave", args=[pk, everything["trusted"].pk]),
    ]:
        assert client.get(url).status_code == 403, url
    for name in ["plan", "timeline", "decisions", "goal_new", "measure_new", "agreement_compare"]:
        assert client.get(reverse(name, args=[pk])).status_code == 200, name


def test_only_the_leader_leads_the_plan(leader, member, municipality, family):
    another_leader = make_user(municipality, Role.INVESTMENT_LEADER, "koordinerende")

    assert policy.may(leader, "lead", family)
    assert not policy.may(member, "lead", family)
    assert not policy.may(another_leader, "lead", family)


def test_the_leader_sees_every_goal_and_measure(leader, family, split_plan):
    assert policy.goals(leader, family).count() == 3
    assert policy.measures(leader, family).count() == 4
    assert policy.decisions(leader, family).count() == 4


# Every look is audited


def latest_audit_entry():
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.mark.parametrize(
    "name, expected",
    [
        ("plan", ("investmentplan", "plan")),
        ("timeline", ("household", "execution plan")),
        ("decisions", ("household", "decision log")),
        ("goal_edit", ("goal", "goal form")),
        ("measure_edit", ("measure", "measure form")),
        ("agreement", ("agreementversion", "agreement version 1")),
        ("agreement_version_scan", ("agreementversion", "scan")),
        ("agreement_compare", ("household", "agreement versions 1 and 2 compared")),
    ],
)
def test_every_page_of_the_plan_is_audited(client, leader, family, everything, name, expected):
    args = {
        "goal_edit": [everything["goal"].pk],
        "measure_edit": [everything["measure"].pk],
        "agreement": [1],
        "agreement_version_scan": [1],
    }.get(name, [])
    client.force_login(leader)
    seen = latest_audit_entry()

    assert client.get(reverse(name, args=[family.pk, *args])).status_code == 200

    assert list(
        AuditEntry.objects.filter(pk__gt=seen).values_list("user", "action", "object_type", "detail", "household")
    ) == [(leader.pk, "view", *expected, family.pk)]


@pytest.mark.parametrize("name, column", [("goal_new", "long_term"), ("measure_new", "now")])
def test_opening_a_new_goal_or_measure_from_a_note_is_audited(client, leader, meeting, family, name, column):
    source = note(leader, meeting, column, "Words of the mother", person=person(family, "Mother"))
    client.force_login(leader)
    seen = latest_audit_entry()

    page = client.get(reverse(name, args=[family.pk]), {"from": source.pk}).content.decode()

    assert "Words of the mother" in page
    assert AuditEntry.objects.filter(pk__gt=seen, user=leader, action="view", household=family).exists()


def test_changes_to_the_plan_are_audited(client, leader, meeting, family):
    client.force_login(leader)
    client.post(reverse("plan_situation", args=[family.pk]), {"situation": "Words", "version": 1})
    client.post(reverse("goal_new", args=[family.pk]), goal_data(family))
    goal = Goal.objects.get()
    client.post(reverse("measure_new", args=[family.pk]), measure_data(family, meeting, leader, goal=goal.pk))
    client.post(
        reverse("decisions", args=[family.pk]), {"meeting": meeting.pk, "text": "Monthly", "decided_by": leader.pk}
    )
    client.post(reverse("agreement_new", args=[family.pk]), {"reason": "first", "language": "en"})

    entries = AuditEntry.objects.filter(household=family, user=leader).exclude(action="view").order_by("pk")
    assert list(entries.values_list("action", "object_type", "detail")) == [
        ("update", "investmentplan", "situation"),
        ("create", "goal", "goal"),
        ("create", "decision", ""),
        ("create", "measure", "measure"),
        ("create", "decision", ""),
        ("create", "agreementversion", "agreement version 1"),
    ]
