"""Progress checks: how a goal is going against what success looks like for it; a goal reached is marked."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfarelab import checks
from welfarelab.access import audit, policy
from welfarelab.forms import DateField, add_problems
from welfarelab.journey.exits import refuse_after_exit
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

    def clean(self):
        cleaned = super().clean()
        add_problems(self, check_problems(**cleaned))
        return cleaned


def check_problems(*, checked_on=None, **_fields):
    if checked_on and checked_on > timezone.localdate():
        return {"checked_on": [_("Record a check that has been made: choose today or earlier.")]}
    return {}


@transaction.atomic
def record(
    principal, household, goal, *, checked_on: datetime.date, progress: str, note: str = ""
) -> tuple[ProgressCheck, bool]:
    """Record how `goal` is going; a check that finds it reached marks the goal reached on that day.

    Returns the check and whether the goal was reached by it. Anyone who may see the goal may check it."""
    refuse_after_exit(household)
    if not policy.goals(principal, household).filter(pk=goal.pk).exists():
        raise PermissionDenied
    check = ProgressCheck(goal=goal, recorded_by=principal, checked_on=checked_on, progress=progress, note=note)
    checks.check(check, check_problems(checked_on=checked_on), exclude=["goal", "recorded_by"])
    check.save()
    audit.record(principal, audit.CREATE, check, household=household, detail=str(goal.pk))
    if check.progress == ProgressCheck.Progress.REACHED:
        marked = Goal.objects.filter(pk=goal.pk).exclude(state=Goal.State.REACHED)
        if marked.update(state=Goal.State.REACHED, reached_on=check.checked_on, version=F("version") + 1):
            audit.record(principal, audit.UPDATE, goal, household=household, detail="goal reached")
            return check, True
    return check, False
