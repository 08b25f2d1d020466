"""Where a person lives, and protected addresses (adressebeskyttelse: fortrolig, code 7, and strengt fortrolig,
code 6). Every page shows an address through `shown` and nowhere else: a protected person's address only to the
family's investment leader, and to everyone else who may see the person only the mark, so that they know to take
care. Each time a protected person's mark or address is shown, it is written to the audit log. No PDF, export or
list holds an address."""

from dataclasses import dataclass

from django import forms

from welfarelab.access import audit, changes, policy
from welfarelab.people.models import Person


@dataclass(frozen=True)
class Where:
    person: Person
    address: str  # empty when there is none, or when `user` may not see it
    protection: str  # the mark's label, or empty


def may_see(user, person, household):
    """Who may see the person may see their address; a protected one only the family's investment leader."""
    return not person.address_protection or policy.leads(user, household)


def shown(user, household, persons):
    """Each of `persons` (whom `user` may see) with what `user` may see of where they live. The look at each
    protected person is audited: the mark alone, or the address too."""
    found = []
    for person in persons:
        seen = may_see(user, person, household)
        mark = person.get_address_protection_display() if person.address_protection else ""
        found.append(Where(person, person.address if seen else "", mark))
        if mark:
            what = "address" if seen and person.address else "mark only"
            detail = f"protected address ({person.address_protection}): {what} shown"
            audit.record(user, audit.VIEW, person, household=household, detail=detail)
    return found


class AddressForm(changes.VersionedForm):
    class Meta:
        model = Person
        fields = ["address", "address_protection"]
        widgets = {"address": forms.TextInput(attrs={"autocomplete": "off"})}


def save(user, household, form):
    """The investment leader's change of where the person lives, from the version they saw; audited by field."""
    person = form.instance
    fields = ", ".join(form.changed_data) or "nothing"
    return changes.commit(
        user, person, household, new=False, version=form.cleaned_data["version"], detail=f"address: {fields} changed"
    )
