"""The investment team around a participant."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from welfarelab.access import audit, policy
from welfarelab.checks import check
from welfarelab.forms import DateField, add_problems
from welfarelab.people.models import Organisation, Person, StaffUser
from welfarelab.plans.models import TeamMembership, TrustedPerson


class MemberSelect(forms.Select):
    """Each member's option says which organisation they represent, so team.js can fill it in."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if getattr(value, "instance", None) and value.instance.organisation_id:
            option["attrs"]["data-organisation"] = value.instance.organisation_id
        return option


def members(household):
    """Who can join a family's team: the municipality's active team members and investment leaders."""
    return StaffUser.objects.filter(
        municipality_id=household.municipality_id,
        is_active=True,
        role__in=[StaffUser.Role.TEAM_MEMBER, StaffUser.Role.INVESTMENT_LEADER],
    )


class TeamMembershipForm(forms.ModelForm):
    class Meta:
        model = TeamMembership
        fields = ["member", "organisation", "team", "authority", "joined_on", "reason"]
        field_classes = {"joined_on": DateField}
        widgets = {"member": MemberSelect}

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.household = household
        self.fields["member"].queryset = members(household).order_by("first_name", "last_name")
        self.fields["organisation"].queryset = Organisation.objects.choosable(household.municipality_id)
        self.fields["organisation"].required = False  # taken from the member where they have one
        self.fields["organisation"].help_text = _("Filled in from the member's own organisation.")
        self.fields["joined_on"].initial = timezone.localdate()

    def values(self):
        """What `add_member` takes."""
        return {name: self.cleaned_data.get(name) for name in self._meta.fields}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("member") and "organisation" not in self.errors:
            add_problems(self, member_problems(self.household, **self.values()))
        return cleaned


def member_problems(household, *, member, organisation=None, **_fields):
    """{field: messages}: the member can join (the municipality's, active, not on the team already) and represents
    an organisation of the municipality: their own, where they have one, because it decides what the family's
    consent lets them see."""
    if not members(household).filter(pk=member.pk).exists():
        return {"member": [_("Choose a team member or an investment leader of the municipality.")]}
    if household.team.current().filter(member=member).exists():
        return {"member": [_("This person is already on the team.")]}
    organisation = organisation or member.organisation
    if organisation is None:
        return {"organisation": [forms.Field.default_error_messages["required"]]}
    if member.organisation_id and organisation.pk != member.organisation_id:
        return {
            "organisation": [_("A member represents their own organisation: %(org)s.") % {"org": member.organisation}]
        }
    if not Organisation.objects.choosable(household.municipality_id).filter(pk=organisation.pk).exists():
        return {"organisation": [_("Choose one of the municipality's organisations.")]}
    return {}


@transaction.atomic
def add_member(
    principal,
    household,
    *,
    member: StaffUser,
    joined_on: datetime.date,
    organisation: Organisation | None = None,
    team: str = TeamMembership.Team.INVESTMENT,
    authority: str = "",
    reason: str = "",
) -> TeamMembership:
    """Someone joins the family's team for their organisation (their own, where they have one)."""
    errors = member_problems(household, member=member, organisation=organisation)
    membership = TeamMembership(
        household=household,
        member=member,
        organisation=organisation or member.organisation,
        team=team,
        authority=authority,
        joined_on=joined_on,
        reason=reason,
    )
    check(membership, errors, exclude=["household", "member", "organisation"])
    membership.save()
    audit.record(principal, audit.CREATE, membership, household=household, detail=membership.organisation.code)
    return membership


class TrustedPersonForm(forms.ModelForm):
    class Meta:
        model = TrustedPerson
        fields = ["name", "who", "phone", "invited_by", "joined_on", "reason"]
        field_classes = {"joined_on": DateField}

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invited_by"].queryset = persons
        self.fields["joined_on"].initial = timezone.localdate()

    def values(self):
        """What `invite_trusted_person` takes."""
        return {name: self.cleaned_data.get(name) for name in self._meta.fields}


@transaction.atomic
def invite_trusted_person(
    principal,
    household,
    *,
    name: str,
    who: str,
    invited_by: Person,
    joined_on: datetime.date,
    phone: str = "",
    reason: str = "",
) -> TrustedPerson:
    """Someone the family trusts joins them in the meetings, invited by one of the family."""
    errors = {}
    if not policy.persons(principal, household).filter(pk=invited_by.pk).exists():
        errors["invited_by"] = [_("Choose someone of the family.")]
    trusted = TrustedPerson(
        household=household, name=name, who=who, phone=phone, invited_by=invited_by, joined_on=joined_on, reason=reason
    )
    check(trusted, errors, exclude=["household", "invited_by"])
    trusted.save()
    audit.record(principal, audit.CREATE, trusted, household=household)
    return trusted


class LeavingForm(forms.Form):
    """The end of someone's time with the team: a date and a reason, kept with the team's history."""

    left_on = DateField(label=_("Date of leaving"))
    left_reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, joined_on, **kwargs):
        super().__init__(*args, **kwargs)
        self.joined_on = joined_on
        self.fields["left_on"].initial = timezone.localdate()

    def values(self):
        """What `leave` takes."""
        return self.cleaned_data

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("left_on"):
            add_problems(self, leaving_problems(self.joined_on, left_on=cleaned["left_on"]))
        return cleaned


def leaving_problems(joined_on, *, left_on, left_reason=None):
    """{field: messages}: nobody leaves before they joined, and the reason is said."""
    errors = {}
    if left_on < joined_on:
        when = date_format(joined_on, "SHORT_DATE_FORMAT")
        errors["left_on"] = [_("This is before they joined (%(date)s).") % {"date": when}]
    if left_reason is not None and not left_reason.strip():
        errors["left_reason"] = [_("Say why they leave.")]
    return errors


@transaction.atomic
def leave(principal, household, someone, *, left_on: datetime.date, left_reason: str) -> bool:
    """End a membership or a trusted person's part; only once, even if two people press the button."""
    model = type(someone)
    errors = leaving_problems(someone.joined_on, left_on=left_on, left_reason=left_reason)
    try:
        model._meta.get_field("left_reason").clean(left_reason, someone)
    except ValidationError as error:
        errors["left_reason"] = error.messages
    if errors:
        raise ValidationError(errors)
    updated = model.objects.filter(pk=someone.pk, left_on__isnull=True).update(left_on=left_on, left_reason=left_reason)
    if updated:
        audit.record(principal, audit.UPDATE, someone, household=household, detail=f"left: {left_reason}")
    return bool(updated)
