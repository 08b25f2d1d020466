import pytest

from tests.conftest import add_to_team, make_participant
from tests.mapping.conftest import FAMILY


@pytest.fixture
def family(municipality, leader, referrer, member):
    """A participant whose mother (only) consented to NAV; the NAV member is on the team."""
    household = make_participant(municipality, leader, referrer, consents=("nav",), people=FAMILY)
    add_to_team(household, member, "nav")
    return household
