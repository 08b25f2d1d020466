"""A referral may name someone the lab already knows. The referrer is never told (the form must not reveal who
is registered); the investment leader working on the referral sees it, and each family shown is on its record."""

from welfarelab.access import audit, policy
from welfarelab.people.models import Person


def possible_duplicates(user, household):
    """Persons of other families in the municipality who share an identity number with a member of `household`,
    for its investment leader only; each other family shown gets a view entry in the audit log."""
    if not policy.leads(user, household):
        return []
    numbers = household.members.exclude(national_id="").values("national_id")
    found = list(
        Person.objects.filter(municipality_id=household.municipality_id, national_id__in=numbers)
        .exclude(household=household)
        .select_related("household__investment_leader", "household__referral__taken_by")
        .order_by("household_id")
    )
    audit.record_list(user, {person.household for person in found}, "possible duplicate shown")
    mine = {p.national_id: p for p in household.members.exclude(national_id="")}
    return [(mine[person.national_id], person.household) for person in found]
