"""Who has looked at my data: the family's audit log as the person logged in may read it, in plain words."""

import pytest
from django.urls import reverse

from tests.portal.conftest import door
from welfarelab.access import audit
from welfarelab.access.principals import Citizen
from welfarelab.capture.models import Consent
from welfarelab.portal import insight

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged(family, leader, people):
    """The leader looked at the family, at the mother's consent and at the father's person; each parent used the
    door once."""
    mother, father = people["Mother"], people["Father"]
    audit.record(leader, audit.VIEW, family, detail="participant")
    audit.record(leader, audit.UPDATE, Consent.objects.get(given_by=mother), household=family, detail="consent")
    audit.record(leader, audit.VIEW, father, household=family, detail="person")
    for parent in (mother, father):
        audit.record(Citizen(parent), audit.VIEW, family, detail="family's door: my plan")
    return family


def about(citizen, household):
    entries, _older = insight.page(citizen, household)
    return [(entry.who, entry.did, entry.about) for entry in entries]


def test_the_mother_sees_what_was_done_with_her_data_and_the_familys(logged, people):
    seen = about(Citizen(people["Mother"]), logged)
    assert ("Leader (Coordinating unit, Investment leader)", "looked at", "your family's page") in seen
    assert ("Leader (Coordinating unit, Investment leader)", "changed", "a consent") in seen
    assert ("You, on your own page", "looked at", "your family's page") in seen
    assert len(seen) == 3  # not the father's person, not the father's own look on the door


def test_the_father_never_sees_what_concerns_the_mother_alone(logged, people):
    seen = about(Citizen(people["Father"]), logged)
    assert ("Leader (Coordinating unit, Investment leader)", "looked at", "personal details") in seen
    assert not [entry for entry in seen if entry[2] == "a consent"]
    assert len(seen) == 3


def test_staff_names_are_left_out_where_the_municipality_says_so(logged, people, municipality):
    municipality.staff_names_shown_to_families = False
    municipality.save()
    seen = about(Citizen(people["Mother"]), logged)
    assert ("Coordinating unit, Investment leader", "looked at", "your family's page") in seen
    assert not [who for who, _did, _about in seen if "Leader" in who]


def test_the_page_shows_it_in_plain_words(logged, people):
    page = door(people["Mother"]).get(reverse("portal:looked"))
    assert page.status_code == 200
    assert b"<strong>Leader (Coordinating unit, Investment leader)</strong> changed a consent." in page.content
