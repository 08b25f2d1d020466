"""Builders for the family's door: people with synthetic identity numbers, the municipality's ID-porten, and a
browser logged in as a citizen."""

import itertools

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import FAMILY, make_participant
from welfarelab.people import identity
from welfarelab.portal import signin, test_idporten
from welfarelab.portal.models import IdentityProvider

_serial = itertools.count()


def numbered(household):
    """Give each member of `household` a synthetic identity number (the month plus 80), as the demo does."""
    for person in household.members.all():
        person.national_id = identity.synthetic(person.birth_date, next(_serial) % 300)
        person.save(update_fields=["national_id"])
    return {person.given_name: person for person in household.members.all()}


def door(person, acr=signin.SUBSTANTIAL):
    """A browser of `person`'s, logged in on the family's door as after ID-porten."""
    client = Client()
    session = client.session
    session[signin.SESSION] = {"person": person.pk, "acr": acr, "since": timezone.now().isoformat()}
    session.save()
    return client


@pytest.fixture
def people(family):
    """Mother (who consented to NAV), Father and Child (14) of the family, with their synthetic numbers."""
    return numbered(family)


@pytest.fixture
def neighbours(municipality, leader, referrer):
    """Another family of the same lab: its mother consented to NAV."""
    household = make_participant(municipality, leader, referrer, consents=("nav",), people=FAMILY, name="Neighbours")
    return numbered(household)


@pytest.fixture
def provider(municipality):
    return IdentityProvider.objects.create(
        municipality=municipality, client_id=test_idporten.CLIENT_ID, client_secret=test_idporten.CLIENT_SECRET
    )
