"""Where the investment is found: from the participant and the plan (the service catalogue: tests/administration)."""

import pytest
from django.urls import reverse


def links_to_investment(page, household):
    return f'href="{reverse("investment", args=[household.pk])}"' in page


# Finding the investment


def test_the_participant_page_links_to_the_investment(client, member, family):
    client.force_login(member)

    page = client.get(reverse("participant", args=[family.pk])).content.decode()

    assert links_to_investment(page, family)


@pytest.mark.parametrize("name", ["plan", "timeline", "decisions"])
def test_the_plans_pages_link_to_the_investment(client, member, family, name):
    client.force_login(member)

    page = client.get(reverse(name, args=[family.pk])).content.decode()

    assert links_to_investment(page, family)


def test_the_investment_page_is_marked_as_the_current_page_in_the_plans_navigation(client, member, family):
    client.force_login(member)

    page = client.get(reverse("investment", args=[family.pk])).content.decode()

    assert f'href="{reverse("investment", args=[family.pk])}" aria-current="page"' in page
    assert f'href="{reverse("plan", args=[family.pk])}" aria-current' not in page


def test_the_investment_page_says_when_nothing_is_recorded_yet(client, leader, family):
    client.force_login(leader)

    response = client.get(reverse("investment", args=[family.pk]))

    assert "Nothing recorded yet." in response.content.decode()
    assert response.context["summary"].total == 0
