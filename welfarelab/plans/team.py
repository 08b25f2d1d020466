"""The investment team around a participant."""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfarelab.access import audit
from welfarelab.people.forms import DateInput
from welfarelab.people.models import Organisation, StaffUser
from welfarelab.plans.models import TeamMembership


class TeamMembershipForm(forms.ModelForm):
    class Meta:
        model = TeamMembership
        fields = ["member", "organisation", "authority", "joined_on"]
        widgets = {"joined_on": DateInput()}

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
        self.fields["joined_on"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        member = cleaned.get("member")
        if member and self.household.team.current().filter(member=member).exists():
            self.add_error("member", _("This person is already on the team."))
        organisation = cleaned.get("organisation")
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
