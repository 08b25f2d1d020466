"""A meeting is planned from values and the principal, with the same rules as on the page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.conftest import Role, make_user
from welfarelab.mapping import meetings
from welfarelab.mapping.models import Meeting


def test_a_meeting_is_planned_and_changed_from_values(leader, family):
    soon = timezone.now() + datetime.timedelta(days=7)
    planned = meetings.save(leader, family, kind=Meeting.Kind.CHECKPOINT, planned_at=soon, staff=[leader])
    assert list(planned.staff.values_list("member", flat=True)) == [leader.pk]
    moved = meetings.save(leader, family, kind=planned.kind, planned_at=soon, place="NAV", meeting=planned, version=1)
    assert (moved.version, moved.place) == (2, "NAV")
    with pytest.raises(ValidationError) as refused:
        meetings.save(leader, family, kind=planned.kind, planned_at=soon, meeting=planned, version=1)
    assert refused.value.messages == [str(meetings.STALE)]


def test_a_past_checkpoint_staff_off_the_team_and_someone_hidden_are_named(member, family, municipality):
    stranger = make_user(municipality, Role.TEAM_MEMBER, "skole")
    father = family.members.get(given_name="Father")
    with pytest.raises(ValidationError) as refused:
        meetings.save(
            member,
            family,
            kind=Meeting.Kind.CHECKPOINT,
            planned_at=timezone.now() - datetime.timedelta(days=1),
            staff=[stranger],
            family_present=[father],
        )
    assert set(refused.value.error_dict) == {"planned_at", "staff", "family_present"}
    assert not Meeting.objects.exists()
