"""The steps of the Capture phase, each one transaction with its audit entries."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from welfarelab.access import audit, changes
from welfarelab.capture.models import Consent, ParticipationAgreement, Qualification, Referral


@transaction.atomic
def register_referral(user, household_form, person_formset, referral_form):
    household = household_form.save(commit=False)
    household.municipality_id = user.municipality_id
    household.save()
    for person in person_formset.save(commit=False):
        person.household = household
        person.municipality_id = household.municipality_id
        person.registered_by = user
        person.save()
    referral = referral_form.save(commit=False)
    referral.household = household
    referral.referred_by = user
    referral.save()
    household.target_group = household.suggested_target_group()
    household.save(update_fields=["target_group"])
    audit.record(user, audit.CREATE, referral, household=household, detail="referral registered")
    return referral


@transaction.atomic
def take_referral(user, referral):
    # The conditional update makes two leaders taking the same referral at once safe.
    taken = Referral.objects.filter(pk=referral.pk, taken_by__isnull=True).update(
        taken_by=user, taken_at=timezone.now()
    )
    if not taken:
        raise ValidationError(_("Another investment leader has already taken this referral."))
    referral.refresh_from_db()
    audit.record(user, audit.UPDATE, referral, household=referral.household, detail="referral taken")
    return referral


@transaction.atomic
def qualify(user, referral, form):
    """Record the checklist and outcome; a re-assessment must start from the latest version."""
    _lock(referral)
    qualification = form.save(commit=False)
    action = audit.CREATE
    stale = _("Someone else changed this qualification while you were editing it.")
    if not qualification.pk and Qualification.objects.filter(referral=referral).exists():
        raise ValidationError(stale)
    if qualification.pk:
        changes.next_version(qualification, form.cleaned_data["version"], stale)
        action = audit.UPDATE
    qualification.referral = referral
    qualification.assessed_by = user
    qualification.save()
    audit.record(user, action, qualification, household=referral.household, detail=qualification.outcome)
    return qualification


@transaction.atomic
def record_conversation(user, referral, form):
    conversation = form.save(commit=False)
    conversation.referral = referral
    conversation.held_by = user
    conversation.save()
    audit.record(user, audit.CREATE, conversation, household=referral.household)
    return conversation


@transaction.atomic
def join(user, referral, form):
    """Record the participation agreement and consents; the household becomes a participant."""
    household = referral.household
    _lock(referral)
    if not Qualification.objects.filter(referral=referral, outcome=Qualification.Outcome.QUALIFIED).exists():
        raise ValidationError(_("Only a qualified family can join."))
    if ParticipationAgreement.objects.filter(household=household).exists():
        raise ValidationError(_("This family has already joined."))
    data = form.cleaned_data
    agreement = ParticipationAgreement.objects.create(
        household=household,
        signed_on=data["signed_on"],
        method=data["method"],
        scan=data.get("scan") or "",
        recorded_by=user,
    )
    agreement.signed_by.set(data["signed_by"])
    audit.record(user, audit.CREATE, agreement, household=household)
    for person, organisations in form.consents():
        for organisation in organisations:
            consent = Consent.objects.create(
                household=household,
                given_by=person,
                organisation=organisation,
                given_on=data["signed_on"],
                method=data["method"],
                scan=agreement.scan,
                recorded_by=user,
            )
            audit.record(user, audit.CREATE, consent, household=household, detail=organisation.code)
    household.joined_on = data["signed_on"]
    household.investment_leader = user
    household.save(update_fields=["joined_on", "investment_leader"])
    audit.record(user, audit.UPDATE, household, detail="joined")
    return household


@transaction.atomic
def withdraw_consent(user, consent, note=""):
    """Withdrawal takes effect at once: the policy only reads consents that are not withdrawn."""
    updated = Consent.objects.filter(pk=consent.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_recorded_by=user, withdrawal_note=note
    )
    if updated:
        audit.record(user, audit.UPDATE, consent, household=consent.household, detail="consent withdrawn")
    return bool(updated)


def _lock(referral):
    """Serialise the steps on one referral: a double click or two leaders at once see each other's work."""
    Referral.objects.select_for_update().filter(pk=referral.pk).first()
