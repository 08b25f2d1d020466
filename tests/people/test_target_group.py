import datetime

from tests.conftest import make_household
from welfarelab.people.models import Household, Person

TODAY = datetime.date(2026, 11, 23)
Rel = Person.Relation


def test_a_family_with_children_is_suggested_group_a(municipality, referrer):
    household = make_household(municipality, referrer)
    assert household.suggested_target_group(TODAY) == Household.TargetGroup.A


def test_a_child_with_a_disability_makes_it_group_c(municipality, referrer):
    household = make_household(municipality, referrer)
    household.members.filter(relation=Rel.CHILD).update(has_disability=True)
    assert household.suggested_target_group(TODAY) == Household.TargetGroup.C


def test_a_young_person_alone_aged_16_to_25_is_group_b(municipality, referrer):
    household = make_household(municipality, referrer, people=[("Jonas", Rel.YOUNG_PERSON, datetime.date(2006, 5, 20))])
    assert household.suggested_target_group(TODAY) == Household.TargetGroup.B


def test_an_adult_alone_over_25_gets_no_suggestion(municipality, referrer):
    household = make_household(municipality, referrer, people=[("Ola", Rel.OTHER_ADULT, datetime.date(1970, 1, 1))])
    assert household.suggested_target_group(TODAY) == ""
