import datetime

import pytest
from django.utils import timezone

from welfarelab.mapping.models import Meeting


def person(household, name):
    return household.members.get(given_name=name)


def plan_meeting(household, leader, days_ago=0, kind=Meeting.Kind.MAPPING):
    return Meeting.objects.create(
        household=household,
        kind=kind,
        planned_at=timezone.now() - datetime.timedelta(days=days_ago),
        created_by=leader,
    )


@pytest.fixture
def meeting(family, leader):
    return plan_meeting(family, leader)
