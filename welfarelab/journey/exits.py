"""Exit: celebrating and closing when the family manages on its own, leaving early, the follow-up some months
on, and coming back. Nothing is deleted: re-opening keeps the whole history.

After exit the plan, the sheet and the agreement are kept as they were left (`refuse_after_exit`): an agreement
still waiting for signatures is set aside, and coming back opens new versions of them."""

import datetime

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from welfarelab.access import audit
from welfarelab.capture import steps
from welfarelab.checks import model_problems
from welfarelab.forms import DateField, add_problems
from welfarelab.journey.models import Assessment, Exit
from welfarelab.people.models import Household
from welfarelab.plans.models import AgreementVersion

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

    def exit_assessment(self):
        return exit_assessment(self.household)

    def values(self):
        """What `leave` takes."""
        return {name: self.cleaned_data.get(name) for name in self.fields} | {"kind": self.kind}

    def clean(self):
        cleaned = super().clean()
        add_problems(self, problems(self.household, **self.values()))
        return cleaned


def refuse_after_exit(household):
    """Changes to the plan, the sheet or the agreement are refused while the family is out of the lab."""
    if Household.objects.filter(pk=household.pk, left_on__isnull=False).exists():
        raise ValidationError(
            _(
                "The family has left the Welfare Lab: the plan, the sheet and the agreement are kept as they were "
                "left. The investment leader re-opens the journey if the family comes back."
            )
        )


def came_back_on(household):
    return household.exits.exclude(reopened_on=None).aggregate(last=Max("reopened_on"))["last"]


def exit_assessment(household):
    """The assessment at exit made since the participant joined or last came back, not used by an earlier exit."""
    used = household.exits.exclude(assessment=None).values("assessment")
    since = came_back_on(household) or household.joined_on
    return (
        household.assessments.filter(occasion=Assessment.Occasion.EXIT, assessed_on__gte=since)
        .exclude(pk__in=used)
        .last()
    )


@transaction.atomic
def leave(principal, household, *, kind: str, left_on: datetime.date, consent: str, **checklist) -> Exit:
    """Record the exit through the checklist; withdraw the consents if the family chose so.

    The rest of the checklist is named as in `checked`. Celebrating and closing (`kind` closed) needs every item
    and an assessment at exit; leaving early needs the reason. Refused if someone else recorded the exit first."""
    if not Household.objects.select_for_update().filter(pk=household.pk, left_on=None).exists():
        raise ValidationError(_("The participant has already left: look at the journey page again."))
    exit = checked(principal, household, kind=kind, left_on=left_on, consent=consent, **checklist)
    exit.save()
    household.left_on = exit.left_on
    household.save(update_fields=["left_on"])
    AgreementVersion.objects.filter(plan__household=household, signed_at=None, replaced=False).update(replaced=True)
    audit.record(principal, audit.CREATE, exit, household=household, detail=exit.kind)
    if exit.consent == Exit.ConsentReview.WITHDRAWN:
        for given in household.consents.active():
            steps.withdraw_consent(principal, given, note=str(_("Withdrawn at exit")))
    return exit


def checked(principal, household, **values) -> Exit:
    """The exit `values` describe, unsaved, if the checklist is as it must be; else every unmet item is named."""
    exit, errors = _exit(principal, household, **values)
    if errors:
        raise ValidationError(errors)
    return exit


def problems(household, **values):
    """{field: messages}: what is not yet as it must be in the checklist `values` (parsed so far)."""
    return _exit(None, household, **values)[1]


def _exit(
    principal,
    household,
    *,
    kind: str,
    left_on: datetime.date | None,
    consent: str | None,
    consent_until: datetime.date | None = None,
    handed_over: str = "",
    follow_up_on: datetime.date | None = None,
    reason: str = "",
    goals_reached: bool = False,
    volunteers: str = "",
    benefits_checked: bool = False,
    peer_work: bool = False,
):
    closing = kind == Exit.Kind.CLOSED
    exit = Exit(
        household=household,
        kind=kind,
        recorded_by=principal,
        left_on=left_on,
        consent=consent or "",
        consent_until=consent_until if consent == Exit.ConsentReview.KEPT else None,
        handed_over=handed_over or "",
        follow_up_on=follow_up_on,
        reason=reason or "",
        goals_reached=bool(goals_reached) and closing,
        volunteers=(volunteers or "") if closing else "",
        benefits_checked=bool(benefits_checked) and closing,
        peer_work=bool(peer_work) and closing,
        assessment=exit_assessment(household) if closing else None,
    )
    errors = model_problems(exit, ["household", "recorded_by", "assessment", "reopened_by"])
    required = _("This field is required.")
    today, came_back = timezone.localdate(), came_back_on(household)
    if closing:
        for name in ("handed_over", "follow_up_on"):
            if not getattr(exit, name):
                errors[name] = [required]
        if not exit.goals_reached:
            errors["goals_reached"] = [_("Close only when the family manages on its own.")]
        if not exit.benefits_checked:
            errors["benefits_checked"] = [_("Check the benefits against the realisation plan first.")]
    elif not exit.reason:
        errors["reason"] = [required]
    if left_on and left_on > today:
        errors["left_on"] = [_("Choose today or earlier: an exit is recorded when it has happened.")]
    elif left_on and left_on < household.joined_on:
        errors["left_on"] = [_("This is before the participant joined.")]
    elif left_on and came_back and left_on < came_back:
        errors["left_on"] = [_("This is before the participant came back.")]
    if consent == Exit.ConsentReview.KEPT:
        if not consent_until:
            errors["consent_until"] = [_("Say until when the consents are kept.")]
        elif left_on and consent_until <= left_on:
            errors["consent_until"] = [_("The follow-up period ends after the exit: choose a later date.")]
    if exit.follow_up_on and left_on and exit.follow_up_on <= left_on:
        errors["follow_up_on"] = [_("The follow-up comes after the exit: choose a later date.")]
    if closing and exit.assessment is None:
        message = _("An exit needs an assessment: record the situation at exit on the journey page first.")
        errors[NON_FIELD_ERRORS] = [message]
    return exit, errors


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


@transaction.atomic
def reopen(principal, household, exit, *, reopened_on: datetime.date, reopen_reason: str) -> Exit:
    """Welcome back: the participant takes part again, with everything from before still there."""
    if not Household.objects.select_for_update().filter(pk=household.pk, left_on__isnull=False).exists():
        raise ValidationError(_("The participant has already come back: look at the journey page again."))
    errors = {}
    if reopened_on > timezone.localdate():
        errors["reopened_on"] = [_("Choose today or earlier.")]
    elif reopened_on < exit.left_on:
        errors["reopened_on"] = [_("This is before the participant left.")]
    if not reopen_reason:
        errors["reopen_reason"] = [_("This field is required.")]
    if errors:
        raise ValidationError(errors)
    exit.reopened_on, exit.reopen_reason, exit.reopened_by = reopened_on, reopen_reason, principal
    exit.full_clean(exclude=["household", "recorded_by", "assessment", "reopened_by"])
    exit.save(update_fields=["reopened_on", "reopen_reason", "reopened_by"])
    household.left_on = None
    household.save(update_fields=["left_on"])
    audit.record(principal, audit.UPDATE, exit, household=household, detail="came back")
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
