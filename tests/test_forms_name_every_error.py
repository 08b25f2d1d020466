"""A page names every error at once: the room's own checks of what parsed stand beside the form's own errors,
instead of appearing only after those are mended."""

import datetime

from django.utils import timezone

from welfarelab.capture.forms import ConversationForm
from welfarelab.journey.events import UnexpectedEventForm
from welfarelab.journey.progress import ProgressCheckForm
from welfarelab.mapping.meetings import MeetingForm
from welfarelab.plans import team

TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def test_the_conversation_form(db):
    form = ConversationForm({"held_on": TOMORROW, "explained": "", "answer": "wants_to_join"})
    assert set(form.errors) == {"held_on", "explained"}


def test_the_unexpected_event_form(leader, member, family):
    father = family.members.get(given_name="Father")
    form = UnexpectedEventForm({"happened_on": TOMORROW, "what": ""}, user=member, household=family)
    assert set(form.errors) == {"happened_on", "what", "seriousness"}
    form = UnexpectedEventForm(
        {"happened_on": TOMORROW, "what": "x", "seriousness": "serious", "person": father.pk},
        user=leader,
        household=family,
    )
    assert set(form.errors) == {"happened_on"}


def test_the_progress_check_form(family):
    from tests.plans.conftest import make_goal

    form = ProgressCheckForm({"checked_on": TOMORROW, "progress": "sideways"}, goal=make_goal(family))
    assert set(form.errors) == {"checked_on", "progress"}


def test_the_meeting_form(leader, family):
    form = MeetingForm(
        {"kind": "checkpoint", "planned_at": "01.01.2020 10:00", "place": "x" * 300}, user=leader, household=family
    )
    assert set(form.errors) == {"planned_at", "place"}


def test_the_leaving_form(leader, member, family):
    membership = family.team.get(member=member)
    before = (membership.joined_on - datetime.timedelta(days=1)).isoformat()
    form = team.LeavingForm({"left_on": before, "left_reason": ""}, joined_on=membership.joined_on)
    assert set(form.errors) == {"left_on", "left_reason"}
