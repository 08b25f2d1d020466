"""Meetings of a participant: planning them, who came, and putting the sheet away afterwards."""

import datetime
from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfarelab.access import audit, changes, policy
from welfarelab.checks import model_problems
from welfarelab.forms import DateTimeField, add_problems
from welfarelab.journey.exits import refuse_after_exit
from welfarelab.mapping.models import Meeting, StaffPresence
from welfarelab.people.models import Person, StaffUser

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

    def values(self):
        """What `save` takes."""
        data = self.cleaned_data
        return {name: data.get(name) for name in self.fields}

    def clean(self):
        cleaned = super().clean()
        add_problems(self, meeting_problems(new=not self.instance.pk, **self.values()))
        return cleaned


def meeting_problems(*, new, kind=None, planned_at=None, **_fields):
    """{field: messages}: a new checkpoint lies ahead."""
    if new and kind == Meeting.Kind.CHECKPOINT and planned_at and planned_at < timezone.now():
        return {"planned_at": [_("A new checkpoint lies ahead: this time has passed. Choose a later one.")]}
    return {}


@transaction.atomic
def save(
    principal,
    household,
    *,
    kind: str,
    planned_at: datetime.datetime,
    place: str = "",
    staff: Iterable[StaffUser] = (),
    family_present: Iterable[Person] = (),
    trusted_person: bool = False,
    interpreter: bool = False,
    status: str | None = None,
    meeting: Meeting | None = None,
    version: int | None = None,
) -> Meeting:
    """Plan a meeting (or change `meeting`, from `version`): when and where, and who came.

    Those present are the family members `principal` may see and the family's leader and team. A new checkpoint
    lies ahead; a meeting marked held has its sheet put away."""
    refuse_after_exit(household)
    new = meeting is None
    meeting = meeting or Meeting(household=household, created_by=principal)
    meeting.kind, meeting.planned_at, meeting.place = kind, planned_at, place or ""
    meeting.trusted_person, meeting.interpreter = trusted_person, interpreter
    if not new and status:
        meeting.status = status
    staff, family_present = list(staff), list(family_present)
    errors = model_problems(meeting, ["household", "created_by", "version", "family_present"])
    errors |= meeting_problems(new=new, kind=kind, planned_at=planned_at)
    team = {household.investment_leader_id, *household.team.current().values_list("member", flat=True)}
    if any(member.pk not in team for member in staff):
        errors["staff"] = [_("Choose the family's investment leader or someone on the team.")]
    visible = set(policy.persons(principal, household).values_list("pk", flat=True))
    if any(person.pk not in visible for person in family_present):
        errors["family_present"] = [_("Choose someone of the family.")]
    if errors:
        raise ValidationError(errors)
    if new:
        action = audit.CREATE
    else:
        stored = changes.next_version(meeting, version, STALE)
        if meeting.status == Meeting.Status.HELD and not stored.finished_at:
            meeting.finished_at = timezone.now()
        action = audit.UPDATE
    meeting.save()
    # Who of the family came, as far as the principal may see: the others' presence stays as it was.
    meeting.family_present.remove(
        *meeting.family_present.filter(pk__in=visible).exclude(pk__in=[p.pk for p in family_present])
    )
    meeting.family_present.add(*family_present)
    meeting.staff.exclude(member__in=staff).delete()
    already = set(meeting.staff.values_list("member_id", flat=True))
    StaffPresence.objects.bulk_create(
        StaffPresence(meeting=meeting, member=member, organisation_id=member.organisation_id)
        for member in staff
        if member.pk not in already
    )
    audit.record(principal, action, meeting, household=household, detail=meeting.kind)
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
