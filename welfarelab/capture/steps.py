"""The steps of the Capture phase, each one transaction with its audit entries."""

import datetime
from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from welfarelab.access import audit, changes
from welfarelab.access.principals import is_staff
from welfarelab.capture.models import (
    Consent,
    Conversation,
    ParticipationAgreement,
    Qualification,
    Referral,
    Scan,
    SigningMethod,
)
from welfarelab.capture.scans import scan_problems
from welfarelab.checks import check, model_problems
from welfarelab.people.models import Household, Organisation, Person


@transaction.atomic
def register_referral(
    principal,
    *,
    name: str,
    persons: Sequence[Mapping],
    referring_organisation: Organisation,
    why_now: str,
    what_is_known: str,
    family_told: str,
    agreed_to_contact: bool,
    preferred_language: str = "",
    interpreter_language: str = "",
) -> Referral:
    """Register a family (or a young person) and why they are referred; the referral goes to the lab's inbox.

    `persons` holds each member's given_name, family_name, relation, birth_date, national_id, has_disability,
    address and address_protection. A wrong value is named by its field, a member's as `persons.<n>.<field>` (from 0).
    """
    municipality_id = principal.municipality_id
    household = Household(
        municipality_id=municipality_id,
        name=name,
        preferred_language=preferred_language,
        interpreter_language=interpreter_language,
    )
    referral = Referral(
        household=household,
        referred_by=principal,
        referring_organisation=referring_organisation,
        why_now=why_now,
        what_is_known=what_is_known,
        family_told=family_told,
        agreed_to_contact=agreed_to_contact,
    )
    members = [Person(municipality_id=municipality_id, registered_by=principal, **p) for p in persons]
    errors = model_problems(household, ["municipality"], validate_unique=False)
    errors |= model_problems(referral, ["household", "referred_by", "referring_organisation"], validate_unique=False)
    ours = referring_organisation is not None and referring_organisation.municipality_id == municipality_id
    if not ours or not referring_organisation.active:
        errors["referring_organisation"] = [_("Choose one of the municipality's active services.")]
    if not members:
        errors["persons"] = [_("Add at least one person.")]
    seen = set()
    for n, person in enumerate(members):
        found = (
            model_problems(person, ["household", "municipality", "registered_by"], validate_unique=False)
            | person.clean_identity()
        )
        number = person.national_id
        if number and "national_id" not in found:
            # Only within this referral: whether the lab knows the number is the leader's to see, not the referrer's.
            if number in seen:
                found["national_id"] = _("This identity number is given for two people in this referral.")
            seen.add(number)
        errors |= {f"persons.{n}.{field}": message for field, message in found.items()}
    if errors:
        raise ValidationError(errors)
    household.save()
    for person in members:
        person.household = household
        person.save()
    referral.household = household
    referral.save()
    household.target_group = household.suggested_target_group()
    household.save(update_fields=["target_group"])
    audit.record(principal, audit.CREATE, referral, household=household, detail="referral registered")
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


def qualification_problems(*, outcome=None, assessed_on=None, **answers):
    """{field: messages}: a family is qualified only when every criterion is met, on a day that has come."""
    errors = {}
    if outcome == Qualification.Outcome.QUALIFIED:
        message = _("A family can only be qualified when every criterion is met.")
        errors = {name: [message] for name in Qualification.CRITERIA if not answers.get(name)}
    if assessed_on and assessed_on > timezone.localdate():
        errors["assessed_on"] = [_("The date cannot be in the future.")]
    return errors


@transaction.atomic
def qualify(
    principal,
    referral,
    *,
    wants_change: bool,
    lifts_confidentiality: bool,
    complex_needs: bool,
    long_term_plan: bool,
    outcome: str,
    reason: str,
    assessed_on: datetime.date,
    wants_change_note: str = "",
    lifts_confidentiality_note: str = "",
    complex_needs_note: str = "",
    long_term_plan_note: str = "",
    version: int | None = None,
) -> Qualification:
    """Record the checklist and its outcome. A re-assessment must start from the latest version (`version`):
    a family is qualified only when every criterion is met."""
    criteria = {
        "wants_change": wants_change,
        "lifts_confidentiality": lifts_confidentiality,
        "complex_needs": complex_needs,
        "long_term_plan": long_term_plan,
    }
    errors = qualification_problems(outcome=outcome, assessed_on=assessed_on, **criteria)
    if errors:
        raise ValidationError(errors)
    _lock(referral)
    qualification = Qualification.objects.filter(referral=referral).first()
    if qualification is None:
        qualification, action = Qualification(referral=referral), audit.CREATE
    else:
        stale = _("Someone else changed this qualification while you were editing it.")
        changes.next_version(qualification, version, stale)
        action = audit.UPDATE
    notes = {
        "wants_change_note": wants_change_note,
        "lifts_confidentiality_note": lifts_confidentiality_note,
        "complex_needs_note": complex_needs_note,
        "long_term_plan_note": long_term_plan_note,
    }
    for name, value in (criteria | notes | {"outcome": outcome, "reason": reason, "assessed_on": assessed_on}).items():
        setattr(qualification, name, value)
    qualification.assessed_by = principal
    qualification.full_clean(exclude=["referral", "assessed_by"])
    qualification.save()
    audit.record(principal, action, qualification, household=referral.household, detail=qualification.outcome)
    return qualification


def conversation_problems(*, held_on=None, **_fields):
    if held_on and held_on > timezone.localdate():
        return {"held_on": [_("The date cannot be in the future.")]}
    return {}


@transaction.atomic
def record_conversation(
    principal,
    referral,
    *,
    held_on: datetime.date,
    present: str,
    explained: str,
    answer: str,
    answer_note: str = "",
) -> Conversation:
    """The explanatory conversation with the family: what was explained, and what they answered."""
    conversation = Conversation(
        referral=referral,
        held_by=principal,
        held_on=held_on,
        present=present,
        explained=explained,
        answer=answer,
        answer_note=answer_note,
    )
    check(conversation, conversation_problems(held_on=held_on), exclude=["referral", "held_by"])
    conversation.save()
    audit.record(principal, audit.CREATE, conversation, household=referral.household)
    return conversation


def _signing_problems(date_field, day, method, scan):
    """{field: messages} for a date in the future, or a signature on paper without its scan."""
    errors = {}
    if day and day > timezone.localdate():
        errors[date_field] = [_("The date cannot be in the future.")]
    if method == SigningMethod.PAPER and not scan:
        errors["scan"] = [_("Attach a scan of the signed paper, or choose signing in the app.")]
    return errors


def active_services(household):
    """The services of the family's municipality to which consent can be given."""
    return Organisation.objects.filter(municipality_id=household.municipality_id, active=True)


def _record_consents(principal, household, person, organisations, *, given_on, method, scan):
    """One consent per organisation, each audited."""
    for organisation in organisations:
        consent = Consent.objects.create(
            household=household,
            given_by=person,
            organisation=organisation,
            given_on=given_on,
            method=method,
            scan=scan,
            recorded_by=principal,
        )
        audit.record(principal, audit.CREATE, consent, household=household, detail=organisation.code)


def joining_problems(household, *, signed_on=None, method=None, signed_by=(), consents=None, scan=None):
    """{field: messages} for an agreement and consents that cannot be recorded as given (the scan's content is
    checked as it is saved)."""
    errors = _signing_problems("signed_on", signed_on, method, scan)
    givers = {p.pk for p in household.members.all() if p.gives_own_consent}
    consents = consents or {}
    if any(person.pk not in givers for person in [*(signed_by or ()), *consents]):
        errors["signed_by"] = [_("Only the family's adults and young people sign for themselves.")]
    active = set(active_services(household))
    if any(organisation not in active for chosen in consents.values() for organisation in chosen):
        errors[NON_FIELD_ERRORS] = [_("Consent can only be given to the municipality's active services.")]
    elif not errors and not any(consents.values()):
        message = _("Record at least one consent: the family must agree that the services may share information.")
        errors[NON_FIELD_ERRORS] = [message]
    return errors


@transaction.atomic
def join(
    principal,
    referral,
    *,
    signed_on: datetime.date,
    method: str,
    signed_by: Iterable[Person],
    consents: Mapping[Person, Iterable[Organisation]],
    scan=None,
) -> Household:
    """Record the participation agreement and each person's consents; the household becomes a participant.

    `consents` gives, for each person who consents for themselves, the organisations that may share
    information about them. A paper agreement needs its scan (a PDF, JPEG or PNG).
    """
    household = referral.household
    values = {"signed_on": signed_on, "method": method, "signed_by": signed_by, "consents": consents, "scan": scan}
    errors = joining_problems(household, **values)
    scan = scan_problems(scan, "agreement", errors)
    if errors:
        raise ValidationError(errors)
    _lock(referral)
    if not Qualification.objects.filter(referral=referral, outcome=Qualification.Outcome.QUALIFIED).exists():
        raise ValidationError(_("Only a qualified family can join."))
    if ParticipationAgreement.objects.filter(household=household).exists():
        raise ValidationError(_("This family has already joined."))
    agreement = ParticipationAgreement.objects.create(
        household=household,
        signed_on=signed_on,
        method=method,
        scan=Scan.keep(scan, household.municipality_id),
        recorded_by=principal,
    )
    agreement.signed_by.set(signed_by)
    audit.record(principal, audit.CREATE, agreement, household=household)
    for person, organisations in consents.items():
        _record_consents(
            principal, household, person, organisations, given_on=signed_on, method=method, scan=agreement.scan
        )
    household.joined_on = signed_on
    household.investment_leader = principal
    household.save(update_fields=["joined_on", "investment_leader"])
    audit.record(principal, audit.UPDATE, household, detail="joined")
    return household


def consent_problems(household, *, person=None, organisations=(), given_on=None, method=None, scan=None):
    """{field: messages} for consents that cannot be recorded as given by `person` after joining: a child
    consents for themselves to a service from the birthday it says (`Organisation.own_say_from`)."""
    errors = _signing_problems("given_on", given_on, method, scan)
    guarded = [str(o) for o in organisations if person is not None and not person.has_own_say(o.own_say_from)]
    if not organisations:
        errors["organisations"] = [_("Choose at least one service.")]
    elif not set(organisations) <= set(active_services(household)):
        errors["organisations"] = [_("Consent can only be given to the municipality's active services.")]
    elif guarded:
        errors["organisations"] = [
            _("A guardian's consent still covers %(person)s for %(services)s.")
            % {"person": person, "services": ", ".join(guarded)}
        ]
    elif person is not None:
        given = Consent.objects.active().filter(given_by=person, organisation__in=organisations)
        if names := ", ".join(str(c.organisation) for c in given.select_related("organisation")):
            errors["organisations"] = [
                _("%(person)s already consents for %(services)s.") % {"person": person, "services": names}
            ]
    return errors


@transaction.atomic
def give_consent(principal, household, *, person, organisations, given_on, method, scan=None):
    """Record that `person`, a member who consents for themselves, lets `organisations` share information about
    them: a young person from the birthday from which they consent to a service for themselves (from 16 to a
    health service, say), a young adult after their 18th birthday, or a parent who joins the plan later."""
    # Locked: of two at once, the second is told what the first recorded.
    if Household.objects.select_for_update().get(pk=household.pk).has_left:
        raise ValidationError(_("The family has left the Welfare Lab: consents are recorded again if it comes back."))
    values = {"person": person, "organisations": organisations, "given_on": given_on, "method": method, "scan": scan}
    errors = consent_problems(household, **values)
    scan = scan_problems(scan, "consent", errors)
    if person.household_id != household.pk:
        errors["person"] = [_("Only a member of the family consents here.")]
    if errors:
        raise ValidationError(errors)
    scan = Scan.keep(scan, household.municipality_id)
    _record_consents(principal, household, person, organisations, given_on=given_on, method=method, scan=scan)


@transaction.atomic
def withdraw_consent(user, consent, note=""):
    """Withdrawal takes effect at once: the policy only reads consents that are not withdrawn. `user` is staff
    recording it, or the person themselves on the family's door."""
    updated = Consent.objects.filter(pk=consent.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_recorded_by=user if is_staff(user) else None, withdrawal_note=note
    )
    if updated:
        audit.record(user, audit.UPDATE, consent, household=consent.household, detail="consent withdrawn")
    return bool(updated)


def _lock(referral):
    """Serialise the steps on one referral: a double click or two leaders at once see each other's work."""
    Referral.objects.select_for_update().filter(pk=referral.pk).first()
