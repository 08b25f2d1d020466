"""Something unexpected happened: recording it, and where needed going straight to adjusting the plan."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfarelab.access import audit, policy
from welfarelab.forms import DateField
from welfarelab.journey.models import UnexpectedEvent


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
        self.fields["person"].queryset = policy.persons(user, household)
        self.fields["happened_on"].initial = timezone.localdate()

    def clean_happened_on(self):
        day = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise ValidationError(_("Record what has happened: choose today or earlier."))
        return day


@transaction.atomic
def record(user, household, form):
    event = form.save(commit=False)
    event.household, event.recorded_by = household, user
    event.save()
    audit.record(user, audit.CREATE, event, household=household)
    return event
