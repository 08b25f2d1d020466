"""Progress checks: how a goal is going against what success looks like for it; a goal reached is marked."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfarelab.access import audit
from welfarelab.forms import DateField
from welfarelab.journey.models import ProgressCheck
from welfarelab.plans.models import Goal


class ProgressCheckForm(forms.ModelForm):
    class Meta:
        model = ProgressCheck
        fields = ["checked_on", "progress", "note"]
        field_classes = {"checked_on": DateField}
        widgets = {"progress": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.goal = goal
        self.fields["checked_on"].initial = timezone.localdate()
        self.fields["note"].help_text = _("Against what success looks like: %(indicator)s") % {
            "indicator": goal.indicator
        }

    def clean_checked_on(self):
        day = self.cleaned_data["checked_on"]
        if day > timezone.localdate():
            raise ValidationError(_("Record a check that has been made: choose today or earlier."))
        return day


@transaction.atomic
def record(user, household, form):
    """Record the check; a check that finds the goal reached marks the goal reached on that day."""
    check = form.save(commit=False)
    check.goal, check.recorded_by = form.goal, user
    check.save()
    audit.record(user, audit.CREATE, check, household=household, detail=str(form.goal.pk))
    if check.progress == ProgressCheck.Progress.REACHED:
        marked = Goal.objects.filter(pk=form.goal.pk).exclude(state=Goal.State.REACHED)
        if marked.update(state=Goal.State.REACHED, reached_on=check.checked_on, version=F("version") + 1):
            audit.record(user, audit.UPDATE, form.goal, household=household, detail="goal reached")
            return check, True
    return check, False
