"""Something unexpected happened: recording it, and where needed going straight to adjusting the plan."""

import datetime

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfarelab.access import audit, policy
from welfarelab.checks import check
from welfarelab.forms import DateField, add_problems
from welfarelab.journey.models import UnexpectedEvent
from welfarelab.people.models import Person


class UnexpectedEventForm(forms.ModelForm):
    adjust_plan = forms.BooleanField(
        label=_("Go on to adjust the plan"),
        required=False,
        help_text=_("Change goals and measures now; a new version of the agreement follows when the family agrees."),
    )

    class Meta:
        model = UnexpectedEvent
        fields = ["happened_on", "what", "person", "seriousness"]
        field_classes = {"happened_on": DateField}
        widgets = {"what": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.household = user, household
        self.fields["person"].queryset = policy.persons(user, household)
        self.fields["happened_on"].initial = timezone.localdate()

    def values(self):
        """What `record` takes (going on to the plan is the page's own question)."""
        return {name: self.cleaned_data.get(name) for name in self._meta.fields}

    def clean(self):
        cleaned = super().clean()
        add_problems(self, event_problems(self.user, self.household, **self.values()))
        return cleaned


def event_problems(principal, household, *, happened_on=None, person=None, **_fields):
    """{field: messages}: it has happened, to the whole family or to someone `principal` may see."""
    errors = {}
    if happened_on and happened_on > timezone.localdate():
        errors["happened_on"] = [_("Record what has happened: choose today or earlier.")]
    if person is not None and not policy.persons(principal, household).filter(pk=person.pk).exists():
        errors["person"] = [_("Choose someone of the family.")]
    return errors


@transaction.atomic
def record(
    principal, household, *, happened_on: datetime.date, what: str, seriousness: str, person: Person | None = None
) -> UnexpectedEvent:
    """Record a setback or a surprise; about one family member only if `principal` may see them."""
    event = UnexpectedEvent(
        household=household, recorded_by=principal, happened_on=happened_on, what=what, seriousness=seriousness
    )
    errors = event_problems(principal, household, happened_on=happened_on, person=person)
    check(event, errors, exclude=["household", "recorded_by", "person"])
    event.person = person
    event.save()
    audit.record(principal, audit.CREATE, event, household=household)
    return event
