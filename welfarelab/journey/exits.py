"""Exit: celebrating and closing when the family manages on its own, leaving early, the follow-up some months
on, and coming back. Nothing is deleted: re-opening keeps the whole history."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfarelab.access import audit
from welfarelab.capture import steps
from welfarelab.forms import DateField
from welfarelab.journey.models import Assessment, Exit
from welfarelab.people.models import Household

FOLLOW_UP_AFTER = datetime.timedelta(weeks=26)
CHECKLIST = ["goals_reached", "handed_over", "volunteers", "consent", "consent_until", "benefits_checked", "peer_work"]


class ExitForm(forms.ModelForm):
    """The exit checklist. Celebrating and closing needs every item; leaving early needs a reason."""

    class Meta:
        model = Exit
        fields = ["left_on", *CHECKLIST, "reason", "follow_up_on"]
        field_classes = {"left_on": DateField, "consent_until": DateField, "follow_up_on": DateField}
        widgets = {"consent": forms.RadioSelect, "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, household, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.household, self.kind = household, kind
        today = timezone.localdate()
        self.fields["left_on"].initial = today
        self.fields["consent_until"].initial = today + FOLLOW_UP_AFTER
        self.fields["follow_up_on"].initial = today + FOLLOW_UP_AFTER
        self.fields["consent"].choices = Exit.ConsentReview.choices
        if kind == Exit.Kind.CLOSED:
            self.fields["handed_over"].required = self.fields["follow_up_on"].required = True
            self.fields["reason"].label = _("Anything to add")
        else:
            self.fields["left_on"].label = _("left on")
            self.fields["reason"].required = True
            self.fields["reason"].help_text = _("In the family's words where possible. The history is kept.")
            for name in ("goals_reached", "benefits_checked", "peer_work", "volunteers"):
                del self.fields[name]

    def came_back_on(self):
        return self.household.exits.exclude(reopened_on=None).aggregate(last=Max("reopened_on"))["last"]

    def exit_assessment(self):
        """The assessment at exit made since the participant joined or last came back, not used by an earlier exit."""
        used = self.household.exits.exclude(assessment=None).values("assessment")
        since = self.came_back_on() or self.household.joined_on
        return (
            self.household.assessments.filter(occasion=Assessment.Occasion.EXIT, assessed_on__gte=since)
            .exclude(pk__in=used)
            .last()
        )

    def clean(self):
        cleaned = super().clean()
        left_on, today = cleaned.get("left_on"), timezone.localdate()
        if left_on and left_on > today:
            self.add_error("left_on", _("Choose today or earlier: an exit is recorded when it has happened."))
        came_back = self.came_back_on()
        if left_on and left_on < self.household.joined_on:
            self.add_error("left_on", _("This is before the participant joined."))
        elif left_on and came_back and left_on < came_back:
            self.add_error("left_on", _("This is before the participant came back."))
        if cleaned.get("consent") == Exit.ConsentReview.KEPT:
            until = cleaned.get("consent_until")
            if not until:
                self.add_error("consent_until", _("Say until when the consents are kept."))
            elif left_on and until <= left_on:
                self.add_error("consent_until", _("The follow-up period ends after the exit: choose a later date."))
        follow_up_on = cleaned.get("follow_up_on")
        if follow_up_on and left_on and follow_up_on <= left_on:
            self.add_error("follow_up_on", _("The follow-up comes after the exit: choose a later date."))
        if self.kind == Exit.Kind.CLOSED:
            if not cleaned.get("goals_reached"):
                self.add_error("goals_reached", _("Close only when the family manages on its own."))
            if not cleaned.get("benefits_checked"):
                self.add_error("benefits_checked", _("Check the benefits against the realisation plan first."))
            self.assessment = self.exit_assessment()
            if self.assessment is None:
                raise ValidationError(
                    _("An exit needs an assessment: record the situation at exit on the journey page first."),
                    code="no_assessment",
                )
        return cleaned


@transaction.atomic
def leave(user, household, form):
    """Record the exit; withdraw the consents if the family chose so. Refused if someone else closed it first."""
    if not Household.objects.select_for_update().filter(pk=household.pk, left_on=None).exists():
        raise ValidationError(_("The participant has already left: look at the journey page again."))
    exit = form.save(commit=False)
    exit.household, exit.kind, exit.recorded_by = household, form.kind, user
    exit.assessment = getattr(form, "assessment", None)
    if exit.consent != Exit.ConsentReview.KEPT:
        exit.consent_until = None
    exit.save()
    household.left_on = exit.left_on
    household.save(update_fields=["left_on"])
    audit.record(user, audit.CREATE, exit, household=household, detail=exit.kind)
    if exit.consent == Exit.ConsentReview.WITHDRAWN:
        for consent in household.consents.active():
            steps.withdraw_consent(user, consent, note=str(_("Withdrawn at exit")))
    return exit


class ReopenForm(forms.ModelForm):
    class Meta:
        model = Exit
        fields = ["reopened_on", "reopen_reason"]
        field_classes = {"reopened_on": DateField}
        widgets = {"reopen_reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reopened_on"].required = self.fields["reopen_reason"].required = True
        if not self.is_bound:
            self.initial["reopened_on"] = timezone.localdate()

    def clean_reopened_on(self):
        day = self.cleaned_data["reopened_on"]
        if day > timezone.localdate():
            raise ValidationError(_("Choose today or earlier."))
        if day < self.instance.left_on:
            raise ValidationError(_("This is before the participant left."))
        return day


@transaction.atomic
def reopen(user, household, form):
    """Welcome back: the participant takes part again, with everything from before still there."""
    if not Household.objects.select_for_update().filter(pk=household.pk, left_on__isnull=False).exists():
        raise ValidationError(_("The participant has already come back: look at the journey page again."))
    exit = form.save(commit=False)
    exit.reopened_by = user
    exit.save()
    household.left_on = None
    household.save(update_fields=["left_on"])
    audit.record(user, audit.UPDATE, exit, household=household, detail="came back")
    return exit


def current(household):
    """The exit the participant is out on, or None while taking part."""
    return household.exits.filter(reopened_on=None).last() if household.left_on else None


def follow_ups_due(households, today=None):
    """Exits among `households` whose follow-up assessment is due within two weeks or overdue and not yet made."""
    soon = (today or timezone.localdate()) + datetime.timedelta(days=14)
    assessed = Assessment.objects.filter(
        household=OuterRef("household"), occasion=Assessment.Occasion.FOLLOW_UP, assessed_on__gte=OuterRef("left_on")
    )
    return (
        Exit.objects.filter(household__in=households, reopened_on=None, follow_up_on__lte=soon)
        .exclude(Exists(assessed))
        .select_related("household")
        .order_by("follow_up_on")
    )
