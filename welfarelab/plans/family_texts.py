"""Texts written for the whole family that name one of its members, for the investment leader to review: each is
read by everyone who sees the family, also by a team member whose consent does not cover the member it names.

The forms ask this as a text is written (`access.minimisation`); what was written before they asked, or on the
sheet (whose notes are saved as they are typed), is listed here until the leader makes it the member's own or
confirms that it is for the whole family.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from welfarelab.access import minimisation, policy
from welfarelab.access.models import WholeFamilyText
from welfarelab.mapping.models import Entry, Meeting
from welfarelab.money.models import Investment
from welfarelab.plans.models import AgreementVersion, Decision, Goal, Measure

# Where a family's texts are: the model, its rows of one household, its text, and whose it is (None: always the
# family's), with what the leader calls it and where it is changed.
SOURCES = [
    (Entry, "household", "text", "person", _("Note on the sheet"), None),
    (Goal, "plan__household", "text", "person", _("Goal"), "goal_edit"),
    (Measure, "plan__household", "text", "family_member", _("Measure"), "measure_edit"),
    (Decision, "household", "text", None, _("Decision"), None),
    (AgreementVersion, "plan__household", "explanation", None, _("What changed in the agreement"), None),
    (Investment, "household", "what", "person", _("Line of the investment"), "investment_edit"),
]


@dataclass
class FamilyText:
    kind: str
    label: str
    obj: object
    text: str
    names: list  # the members it names
    unseen_by: list  # (team member, the named members they may not see)
    edit_url: str | None

    @property
    def digest(self):
        return minimisation.digest(self.text)


def to_review(household):
    """The texts for the whole family of `household` that name a member and nobody has confirmed, in the order
    of `SOURCES`."""
    members = list(household.members.all())
    confirmed = set(WholeFamilyText.objects.filter(household=household).values_list("kind", "object_id", "digest"))
    seen_by = {
        membership.member: set(policy.persons(membership.member, household).values_list("pk", flat=True))
        for membership in household.team.current().select_related("member", "organisation")
    }
    # A note is made someone's own on the sheet of the meeting being planned, if there is one.
    planned = household.meetings.filter(status=Meeting.Status.PLANNED).order_by("-planned_at").first()
    found = []
    for model, rows_of, field, whose, label, edit in SOURCES:
        rows = model.objects.filter(**{rows_of: household}).exclude(**{field: ""})
        if whose:
            rows = rows.filter(**{whose: None})
        if model is Entry:
            rows = rows.exclude(removed=True)
        if model is Decision:
            rows = rows.filter(measures__isnull=True)  # one behind a measure is seen, and reviewed, with it
        for obj in rows.order_by("pk"):
            text, kind = getattr(obj, field), model._meta.model_name
            names = minimisation.named(text, members)
            if not names or (kind, obj.pk, minimisation.digest(text)) in confirmed:
                continue
            unseen_by = [(user, [p for p in names if p.pk not in seen]) for user, seen in seen_by.items()]
            if edit:
                edit_url = reverse(edit, args=[household.pk, obj.pk])
            elif model is Entry and planned:
                edit_url = reverse("sheet", args=[household.pk, planned.pk]) + f"#note-{obj.pk}"
            else:
                edit_url = None
            found.append(FamilyText(kind, label, obj, text, names, [u for u in unseen_by if u[1]], edit_url))
    return found


def confirm(principal, household, kind, object_id, digest):
    """The leader's word that the text `kind` `object_id`, as it reads now (`digest`), is for the whole family: the
    text confirmed, or None if there is no such text to review (it changed, or someone confirmed it first)."""
    for found in to_review(household):
        if (found.kind, str(found.obj.pk), found.digest) == (kind, str(object_id), digest):
            minimisation.confirm(principal, household, found.obj, found.text)
            return found
    return None
