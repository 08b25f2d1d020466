import datetime

import pytest
from django.utils import timezone

from tests.conftest import add_to_team, make_participant
from welfarelab.mapping.models import Meeting
from welfarelab.people.models import Person

FAMILY = [
    ("Mother", Person.Relation.PARENT, datetime.date(1985, 1, 1)),
    ("Father", Person.Relation.PARENT, datetime.date(1983, 1, 1)),
    ("Child", Person.Relation.CHILD, datetime.date(2012, 1, 1)),
]


@pytest.fixture
def family(municipality, leader, referrer, member):
    """A participant whose mother (only) consented to NAV; the NAV member is on the team."""
    household = make_participant(municipality, leader, referrer, consents=("nav",), people=FAMILY)
    add_to_team(household, member, "nav")
    return household


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
