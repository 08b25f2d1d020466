"""The audit log as a data protection officer reads it: filtered by a person (their identity number), a family,
a member of staff, an organisation, an action and dates; newest first, a page at a time without counting every
row; exported for an access request. Reading the log is itself written to the log."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfarelab.access import audit, policy
from welfarelab.access.models import AuditEntry
from welfarelab.forms import EMPTY_CHOICE, DateField
from welfarelab.people.forms import DigitsField
from welfarelab.people.models import Household, Organisation, Person, StaffUser

PAGE = 50


class LogFilter(forms.Form):
    national_id = DigitsField(
        label=_("A person's identity number"),
        required=False,
        max_length=11,
        help_text=_("Shows what concerns the person's family. 11 digits."),
    )
    household = forms.IntegerField(label=_("Family number"), required=False, min_value=1)
    user = forms.ModelChoiceField(label=_("Member of staff"), queryset=StaffUser.objects.none(), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation of the staff member"), queryset=Organisation.objects.none(), required=False
    )
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", EMPTY_CHOICE), *AuditEntry.Action.choices], required=False
    )
    since = DateField(label=_("From"), required=False)
    until = DateField(label=_("To"), required=False)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["user"].queryset = StaffUser.objects.filter(municipality=municipality).order_by(
            "first_name", "last_name"
        )
        self.fields["organisation"].queryset = Organisation.objects.filter(municipality=municipality)

    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("national_id")
        if number:
            # The same number may be in more than one family (a possible duplicate): each of them.
            families = Person.objects.filter(municipality=self.municipality, national_id=number).values("household")
            cleaned["households"] = sorted({row["household"] for row in families})
            if not cleaned["households"]:
                self.add_error("national_id", _("Nobody with this identity number is registered in the municipality."))
        household = cleaned.get("household")
        if household and not Household.objects.filter(pk=household, municipality=self.municipality).exists():
            self.add_error("household", _("No family of the municipality has this number."))
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end comes before the start. Choose an end on or after the start."))
        return cleaned


def last_month(today=None):
    """The first and last day of the month before `today`'s: "what did they look at last month"."""
    first_of_this = (today or timezone.localdate()).replace(day=1)
    last = first_of_this - datetime.timedelta(days=1)
    return last.replace(day=1), last


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def entries(
    reader, *, household=None, households=None, user=None, organisation=None, action="", since=None, until=None, **_
):
    """The municipality's entries that match, newest first, for `reader` (who must be allowed to read the log)."""
    policy.require(reader, "read_audit_log")
    found = AuditEntry.objects.filter(municipality_id=reader.municipality_id).order_by("-id")
    if household:
        found = found.filter(household_id=household)
    if households:
        found = found.filter(household_id__in=households)
    if user:
        found = found.filter(user=user)
    if organisation:
        found = found.filter(user__organisation=organisation)
    if action:
        found = found.filter(action=action)
    if since:
        found = found.filter(at__gte=_start_of(since))
    if until:
        found = found.filter(at__lt=_start_of(until + datetime.timedelta(days=1)))
    return found


def page(found, before=None):
    """One page, from the newest or from just before entry `before`: by the index, without counting the rows.
    Returns the entries and the id to go on from, if there are older ones."""
    if before:
        found = found.filter(id__lt=before)
    shown = list(found[: PAGE + 1])
    older = shown[PAGE - 1].pk if len(shown) > PAGE else None
    return shown[:PAGE], older


def read(reader, filters, what):
    """Write to the log that `reader` read it, with what they asked for; a family's part is tied to each family."""
    unnamed = ("national_id", "households")
    asked = ", ".join(f"{name} {value}" for name, value in filters.items() if value and name not in unnamed)
    detail = f"audit log {what}: {asked or 'all'}"
    ids = [*(filters.get("households") or []), *([filters["household"]] if filters.get("household") else [])]
    families = Household.objects.filter(pk__in=ids, municipality_id=reader.municipality_id)
    if ids:
        audit.record_list(reader, families, detail)
    else:
        audit.record(reader, audit.VIEW, reader.municipality, detail=detail)
