"""List pages stay at a fixed number of queries however many families there are."""

import pytest
from django.urls import reverse

from tests.conftest import ROW_SECURITY, add_to_team, make_household, make_participant


@pytest.fixture
def many(municipality, leader, referrer, member):
    for _ in range(30):
        add_to_team(make_participant(municipality, leader, referrer, consents=("nav",)), member, "nav")
        make_household(municipality, referrer)
        make_household(municipality, referrer, taken_by=leader)


@pytest.mark.parametrize("name", ["home", "participants", "referrals"])
@pytest.mark.parametrize("who", ["leader", "member", "referrer"])
def test_list_pages_use_a_bounded_number_of_queries(client, request, many, django_assert_max_num_queries, name, who):
    client.force_login(request.getfixturevalue(who))
    with django_assert_max_num_queries(12 + ROW_SECURITY):
        response = client.get(reverse(name))
    assert response.status_code == 200


def test_the_participant_page_uses_a_bounded_number_of_queries(client, leader, many, django_assert_max_num_queries):
    household = leader.led_households.first()
    client.force_login(leader)
    with django_assert_max_num_queries(20 + ROW_SECURITY):
        assert client.get(reverse("participant", args=[household.pk])).status_code == 200
