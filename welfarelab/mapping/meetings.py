"""Meetings of a participant: planning them, who came, and putting the sheet away afterwards."""

from django import forms
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfarelab.access import audit, changes, policy
from welfarelab.forms import DateTimeField
from welfarelab.mapping.models import Meeting, StaffPresence
from welfarelab.people.models import StaffUser

STALE = _("Someone else changed this meeting while you were editing it. Look at it again and save once more.")


class MeetingForm(forms.ModelForm):
    staff = forms.ModelMultipleChoiceField(
        label=_("Staff present"), queryset=StaffUser.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        fields = ["kind", "planned_at", "place", "status", "family_present", "trusted_person", "interpreter"]
        field_classes = {"planned_at": DateTimeField}
        widgets = {"family_present": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.household = household
        team = household.team.current().values("member")
        self.fields["staff"].queryset = StaffUser.objects.filter(
            pk__in=team.union(StaffUser.objects.filter(pk=household.investment_leader_id).values("pk"))
        ).select_related("organisation")
        self.fields["staff"].label_from_instance = lambda u: f"{u} ({u.organisation})" if u.organisation else str(u)
        self.fields["family_present"].queryset = policy.persons(user, household)
        self.fields["family_present"].label = _("Family members present")
        if self.instance.pk:
            self.fields["staff"].initial = list(self.instance.staff.values_list("member", flat=True))
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["status"]
            self.fields["staff"].initial = [household.investment_leader_id]

    def clean(self):
        cleaned = super().clean()
        when, kind = cleaned.get("planned_at"), cleaned.get("kind")
        if not self.instance.pk and kind == Meeting.Kind.CHECKPOINT and when and when < timezone.now():
            self.add_error("planned_at", _("A new checkpoint lies ahead: this time has passed. Choose a later one."))
        return cleaned


@transaction.atomic
def save(user, household, form):
    """Plan a meeting or change one; a change must start from the latest version."""
    meeting = form.save(commit=False)
    action = audit.UPDATE if meeting.pk else audit.CREATE
    if meeting.pk:
        stored = changes.next_version(meeting, form.cleaned_data["version"], STALE)
        if meeting.status == Meeting.Status.HELD and not stored.finished_at:
            meeting.finished_at = timezone.now()
    else:
        meeting.household = household
        meeting.created_by = user
    meeting.save()
    form.save_m2m()
    present = form.cleaned_data["staff"]
    meeting.staff.exclude(member__in=present).delete()
    already = set(meeting.staff.values_list("member_id", flat=True))
    StaffPresence.objects.bulk_create(
        StaffPresence(meeting=meeting, member=member, organisation_id=member.organisation_id)
        for member in present
        if member.pk not in already
    )
    audit.record(user, action, meeting, household=household, detail=meeting.kind)
    return meeting


@transaction.atomic
def finish(user, meeting):
    """The meeting was held: the sheet is put away as it is, and the next meeting starts from it."""
    if Meeting.objects.filter(pk=meeting.pk, status=Meeting.Status.PLANNED).update(
        status=Meeting.Status.HELD, finished_at=timezone.now(), version=F("version") + 1
    ):
        audit.record(user, audit.UPDATE, meeting, household=meeting.household, detail="held")
        return True
    return False
