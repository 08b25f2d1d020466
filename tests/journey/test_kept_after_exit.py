"""After exit the plan, the sheet and the agreement are kept as they were left; coming back opens new versions."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.journey.test_exit import assessment, close, exited, reopen
from tests.journey.test_exit import participant as participant  # the fixture
from tests.mapping.conftest import plan_meeting
from tests.plans.conftest import days, goal_data, make_goal, measure_data, note, prepare, sign_all, simple_plan
from welfarelab.journey import progress
from welfarelab.mapping.models import Entry
from welfarelab.plans import agreement, plan
from welfarelab.plans.models import AgreementVersion, Decision, Goal, Measure

KEPT = "left the Welfare Lab"


@pytest.fixture
def left(participant, leader):
    """A family with a plan, a sheet and a signed agreement, out of the lab since a month ago."""
    goal, measure = simple_plan(participant)
    meeting = plan_meeting(participant, leader, days_ago=40)
    written = note(leader, meeting, "now", "Kari looks for work")
    sign_all(leader, participant, prepare(leader, participant))
    exited(participant, leader)
    participant.refresh_from_db()
    return participant, goal, measure, meeting, written


def test_no_part_of_the_plan_can_be_changed_after_exit(leader, left):
    household, goal, measure, meeting, _note = left
    refused = [
        lambda: plan.save_situation(leader, household, situation="New", checkpoint_weeks=6, version=None),
        lambda: plan.save_goal(
            leader, household, text="More", life_area=goal.life_area, indicator="x", target_on=days(30)
        ),
        lambda: plan.save_measure(leader, household, text="More", starts_on=days(0), measure=measure, version=1),
        lambda: plan.record_decision(leader, household, meeting=meeting, text="More", decided_by=leader),
        lambda: progress.record(leader, household, goal, checked_on=days(0), progress="reached"),
        lambda: agreement.prepare(leader, household, reason="changed", language="en", explanation="More"),
    ]
    for change in refused:
        with pytest.raises(ValidationError, match=KEPT):
            change()
    goal.refresh_from_db()
    assert goal.state == Goal.State.OPEN and not Decision.objects.exists()
    assert AgreementVersion.objects.count() == 1


def test_the_pages_offer_no_change_and_posting_one_saves_nothing(client, leader, left):
    household, goal, measure, meeting, written = left
    client.force_login(leader)
    pk = household.pk

    plan_page = client.get(reverse("plan", args=[pk])).content.decode()
    assert KEPT in plan_page
    for offer in ("goal_new", "measure_new", "agreement_new", "plan_situation"):
        assert reverse(offer, args=[pk]) not in plan_page
    assert reverse("goal_edit", args=[pk, goal.pk]) not in plan_page
    assert reverse("progress_new", args=[pk, goal.pk]) not in plan_page

    form = client.get(reverse("goal_edit", args=[pk, goal.pk])).content.decode()
    assert KEPT in form and '<form method="post"' not in form
    response = client.post(reverse("goal_new", args=[pk]), goal_data(household, text="Sneaked in"))
    assert KEPT in response.content.decode()
    response = client.post(reverse("measure_new", args=[pk]), measure_data(household, meeting, leader, text="Sneaked"))
    assert KEPT in response.content.decode()
    assert not Goal.objects.filter(text="Sneaked in").exists() and not Measure.objects.filter(text="Sneaked").exists()

    decisions = client.get(reverse("decisions", args=[pk])).content.decode()
    assert KEPT in decisions and "Record the decision" not in decisions
    assert reverse("meeting_new", args=[pk]) not in client.get(reverse("participant", args=[pk])).content.decode()
    assert KEPT in client.get(reverse("meeting_new", args=[pk])).content.decode()


def test_the_sheet_is_kept_as_it_was_left(client, leader, left):
    household, _goal, _measure, meeting, written = left
    client.force_login(leader)
    page = client.get(reverse("sheet", args=[household.pk, meeting.pk])).content.decode()
    assert KEPT in page and "Kari looks for work" in page
    assert "place__add" not in page and "note__form" not in page and "sheet.js" not in page
    url = reverse("note_write", args=[household.pk, meeting.pk, written.pk])
    assert client.post(url, {"text": "Changed", "version": written.version}).status_code == 404
    assert client.post(reverse("note_add", args=[household.pk, meeting.pk]), {"place": "dreams"}).status_code == 404
    written.refresh_from_db()
    assert written.text == "Kari looks for work" and Entry.objects.count() == 1


def test_an_agreement_waiting_for_signatures_is_set_aside_at_exit_and_a_new_version_follows_coming_back(
    client, leader, participant
):
    simple_plan(participant)
    assessment(participant, leader)
    waiting = prepare(leader, participant)
    client.force_login(leader)
    assert close(client, participant).status_code == 302
    waiting.refresh_from_db()
    assert waiting.replaced and not waiting.signed_at
    page = client.get(reverse("agreement", args=[participant.pk, waiting.number])).content.decode()
    assert KEPT in page and "Who signs" not in page

    assert reopen(client, participant).status_code == 302
    participant.refresh_from_db()
    with pytest.raises(ValidationError, match="can no longer be signed"):
        sign_all(leader, participant, waiting)
    make_goal(participant, text="Keep the flat")
    renewed = prepare(leader, participant)
    assert renewed.number == waiting.number + 1
    sign_all(leader, participant, renewed)
    assert agreement.signed(participant).get() == renewed
    assert "<form" in client.get(reverse("goal_new", args=[participant.pk])).content.decode()
