"""The investment team around a participant."""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from welfarelab.access import audit
from welfarelab.forms import DateField
from welfarelab.people.models import Organisation, StaffUser
from welfarelab.plans.models import TeamMembership, TrustedPerson


class MemberSelect(forms.Select):
    """Each member's option says which organisation they represent, so team.js can fill it in."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if getattr(value, "instance", None) and value.instance.organisation_id:
            option["attrs"]["data-organisation"] = value.instance.organisation_id
        return option


class TeamMembershipForm(forms.ModelForm):
    class Meta:
        model = TeamMembership
        fields = ["member", "organisation", "team", "authority", "joined_on", "reason"]
        field_classes = {"joined_on": DateField}
        widgets = {"member": MemberSelect}

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.household = household
        self.fields["member"].queryset = StaffUser.objects.filter(
            municipality_id=household.municipality_id,
            is_active=True,
            role__in=[StaffUser.Role.TEAM_MEMBER, StaffUser.Role.INVESTMENT_LEADER],
        ).order_by("first_name", "last_name")
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipality_id=household.municipality_id, active=True
        )
        self.fields["organisation"].required = False  # taken from the member where they have one
        self.fields["organisation"].help_text = _("Filled in from the member's own organisation.")
        self.fields["joined_on"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        member = cleaned.get("member")
        if member and self.household.team.current().filter(member=member).exists():
            self.add_error("member", _("This person is already on the team."))
        organisation = cleaned.get("organisation")
        if member and member.organisation_id and not organisation and "organisation" not in self.errors:
            organisation = cleaned["organisation"] = member.organisation
        if not organisation and "organisation" not in self.errors:
            self.add_error("organisation", forms.Field.default_error_messages["required"])
        if member and organisation and member.organisation_id and organisation.pk != member.organisation_id:
            # The organisation decides what the family's consent lets the member see.
            self.add_error(
                "organisation", _("A member represents their own organisation: %(org)s.") % {"org": member.organisation}
            )
        return cleaned


@transaction.atomic
def add_member(user, household, form):
    membership = form.save(commit=False)
    membership.household = household
    membership.save()
    audit.record(user, audit.CREATE, membership, household=household, detail=membership.organisation.code)
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


@transaction.atomic
def invite_trusted_person(user, household, form):
    trusted = form.save(commit=False)
    trusted.household = household
    trusted.save()
    audit.record(user, audit.CREATE, trusted, household=household)
    return trusted


class LeavingForm(forms.Form):
    """The end of someone's time with the team: a date and a reason, kept with the team's history."""

    left_on = DateField(label=_("Date of leaving"))
    left_reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, joined_on, **kwargs):
        super().__init__(*args, **kwargs)
        self.joined_on = joined_on
        self.fields["left_on"].initial = timezone.localdate()

    def clean_left_on(self):
        day = self.cleaned_data["left_on"]
        if day < self.joined_on:
            raise forms.ValidationError(
                _("This is before they joined (%(date)s).") % {"date": date_format(self.joined_on, "SHORT_DATE_FORMAT")}
            )
        return day


@transaction.atomic
def leave(user, household, someone, form):
    """End a membership or a trusted person's part; only once, even if two people press the button."""
    model = type(someone)
    updated = model.objects.filter(pk=someone.pk, left_on__isnull=True).update(**form.cleaned_data)
    if updated:
        audit.record(
            user, audit.UPDATE, someone, household=household, detail=f"left: {form.cleaned_data['left_reason']}"
        )
    return bool(updated)
