"""Who has looked at my data: the audit log of the family, as the person logged in may read it, in plain words
(the insight pasientjournalloven § 18 and Normen give into who has had access).

Each entry says when, who (the staff member's name where the municipality shows names, and always the
organisation and role) and what they did on which page. Left out is what concerns another adult of the family
alone (their person, consents, goals, measures and notes) and what another adult did on the family's door: the
same rule as everywhere else (`access.policy.persons`).
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from welfarelab.access import log, policy
from welfarelab.access.models import AuditEntry
from welfarelab.access.principals import Kind
from welfarelab.capture.models import Consent
from welfarelab.mapping.models import Entry
from welfarelab.people.models import Person
from welfarelab.plans.models import Goal, Measure

# What an entry was about, by the kind of record, in words a family uses.
WHAT = {
    "household": _("your family's page"),
    "person": _("personal details"),
    "consent": _("a consent"),
    "participationagreement": _("the agreement to take part"),
    "investmentplan": _("the plan"),
    "goal": _("a goal in the plan"),
    "measure": _("something to be done in the plan"),
    "decision": _("a decision"),
    "agreementversion": _("the signed plan"),
    "signature": _("a signature"),
    "meeting": _("a meeting"),
    "entry": _("a note on the Mapping Tool"),
    "entryrevision": _("a note on the Mapping Tool"),
    "assessment": _("how things are going"),
    "progresscheck": _("how things are going"),
    "unexpectedevent": _("how things are going"),
    "exit": _("the end of taking part"),
    "referral": _("the referral to the lab"),
    "qualification": _("the referral to the lab"),
    "conversation": _("the referral to the lab"),
    "teammembership": _("the team"),
    "trustedperson": _("the team"),
    "investment": _("what the plan costs"),
    "benefit": _("what the plan is worth"),
    "planvalue": _("what the plan is worth"),
    "scan": _("a scanned paper"),
}
DID = {
    AuditEntry.Action.VIEW: _("looked at"),
    AuditEntry.Action.CREATE: _("added"),
    AuditEntry.Action.UPDATE: _("changed"),
    AuditEntry.Action.DELETE: _("removed"),
}


def _hidden(citizen, household):
    """The entries about what `citizen` may not see: another adult's own records, and their doings on the door."""
    members = Person.objects.filter(household=household)
    hidden = members.exclude(pk__in=policy.persons(citizen, household).values("pk"))
    ids = {
        "person": hidden.values_list("pk", flat=True),
        "consent": Consent.objects.filter(household=household, given_by__in=hidden).values_list("pk", flat=True),
        "goal": Goal.objects.filter(plan__household=household, person__in=hidden).values_list("pk", flat=True),
        "measure": Measure.objects.filter(plan__household=household, family_member__in=hidden).values_list(
            "pk", flat=True
        ),
        "entry": Entry.objects.filter(household=household, person__in=hidden).values_list("pk", flat=True),
    }
    about_them = Q()
    for kind, pks in ids.items():
        about_them |= Q(object_type=kind, object_id__in=[str(pk) for pk in pks])
    others_on_the_door = Q(actor_kind=Kind.CITIZEN) & ~Q(actor_id=str(citizen.pk))
    return about_them | others_on_the_door


def names_shown(household):
    return household.municipality.staff_names_shown_to_families


def page(citizen, household, before=None):
    """One page of the family's entries, newest first, each with `who`, what they `did` and what it was `about`,
    in plain words; and the id to go on from, if there are older ones."""
    found = (
        AuditEntry.objects.filter(household=household)
        .exclude(_hidden(citizen, household))
        .select_related("user__organisation")
        .order_by("-id")
    )
    before = int(before) if str(before or "").isdigit() else None
    entries, older = log.page(found, before)
    names = names_shown(household)
    for entry in entries:
        entry.who = _who(entry, citizen, names)
        entry.did = DID.get(entry.action, entry.action)
        entry.about = WHAT.get(entry.object_type, _("the family's information"))
    return entries, older


def _who(entry, citizen, names):
    if entry.actor_kind == Kind.CITIZEN:
        return _("You, on your own page")
    if entry.actor_kind == Kind.SYSTEM:
        return _("The lab's system, by itself")
    if entry.user is None:
        return entry.actor_name
    where = ", ".join(str(part) for part in (entry.user.organisation, entry.role_label) if part)
    return f"{entry.user.get_full_name() or entry.actor_name} ({where})" if names else where
