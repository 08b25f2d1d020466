from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from welfarelab.access import audit, policy
from welfarelab.capture import duplicates, steps
from welfarelab.capture.forms import ConversationForm, JoiningForm, QualificationForm, ReferralForm
from welfarelab.capture.models import Qualification, Referral
from welfarelab.people import addresses
from welfarelab.people.forms import HouseholdForm, PersonFormSet
from welfarelab.people.models import Person


def referral_new(request):
    policy.require(request.user, "register_referral")
    municipality = request.user.municipality
    data = request.POST if request.method == "POST" else None
    household_form = HouseholdForm(data, prefix="household")
    persons = PersonFormSet(data, prefix="person", queryset=Person.objects.none())
    referral_form = ReferralForm(
        data,
        prefix="referral",
        municipality=municipality,
        initial={"referring_organisation": request.user.organisation_id},
    )
    if data is not None and all([household_form.is_valid(), persons.is_valid(), referral_form.is_valid()]):
        try:
            referral = steps.register_referral(
                request.user, **household_form.cleaned_data, persons=persons.values(), **referral_form.cleaned_data
            )
        except ValidationError as error:
            _show_errors(error, household_form, persons, referral_form)
        else:
            messages.success(request, _("The referral is registered and in the Welfare Lab's inbox."))
            return redirect("referral", pk=referral.pk)
    forms_with_errors = [f for f in (household_form, referral_form, *persons.forms) if f.errors]
    return render(
        request,
        "capture/referral_form.html",
        {
            "household_form": household_form,
            "persons": persons,
            "referral_form": referral_form,
            "has_errors": bool(forms_with_errors or persons.non_form_errors()),
            "error_summary": _error_summary(household_form, persons, referral_form) if data is not None else [],
        },
    )


def _show_errors(error, household_form, persons, referral_form):
    """The step's errors on the forms of the page: a member's (`persons.<n>.<field>`) on that member's form."""
    filled = persons.filled()
    for key, found in error.message_dict.items():
        if key.startswith("persons."):
            _, n, field = key.split(".")
            filled[int(n)].add_error(field, found)
        elif key in referral_form.fields:
            referral_form.add_error(key, found)
        else:
            household_form.add_error(key if key in household_form.fields else None, found)


def _error_summary(household_form, persons, referral_form):
    """[(anchor, text)] for every error, in page order: the form is long, so the summary names each field."""
    sections = [("", household_form)]
    sections += [(_("Person %(n)s") % {"n": n}, form) for n, form in enumerate(persons.forms, 1)]
    sections.append(("", referral_form))
    items = []
    for section, form in sections:
        items += [("", f"{section}: {error}" if section else error) for error in form.non_field_errors()]
        for field in form:
            label = f"{section}, {field.label}" if section else str(field.label)
            label += " " if label.endswith("?") else ": "
            items += [(field.id_for_label or field.auto_id, f"{label}{error}") for error in field.errors]
    return items


def referral_list(request):
    user = request.user
    inbox = list(policy.inbox(user).select_related("household", "referring_organisation"))
    mine = list(
        policy.referrals(user)
        .filter(referred_by=user)
        .select_related("household", "referring_organisation", "qualification", "taken_by")
    )
    taken = list(
        policy.referrals(user)
        .filter(taken_by=user, household__joined_on__isnull=True)
        .select_related("household", "referring_organisation", "qualification")
    )
    audit.record_list(user, {r.household for r in (*inbox, *mine, *taken)}, "referral list")
    return render(request, "capture/referral_list.html", {"inbox": inbox, "mine": mine, "taken": taken})


def _referral(request, pk):
    referral = get_object_or_404(
        policy.referrals(request.user).select_related(
            "household", "referring_organisation", "referred_by", "taken_by", "qualification"
        ),
        pk=pk,
    )
    return referral


def referral_detail(request, pk):
    referral = _referral(request, pk)
    user = request.user
    leading = policy.leads(user, referral.household)
    audit.record(user, audit.VIEW, referral, household=referral.household)
    return render(
        request,
        "capture/referral_detail.html",
        {
            "referral": referral,
            "household": referral.household,
            "leading": leading,
            "members": addresses.shown(
                user,
                referral.household,
                (policy.persons if leading else policy.persons_registered)(user, referral.household),
            ),
            "conversations": referral.conversations.select_related("held_by") if leading else [],
            "may_take": policy.may(user, "take_referral", referral),
            "may_work": policy.may(user, "work_on_referral", referral),
            "qualification": getattr(referral, "qualification", None) if leading else None,
            "duplicates": duplicates.possible_duplicates(user, referral.household),
        },
    )


@require_POST
def referral_take(request, pk):
    policy.require(request.user, "take_referral_from_inbox")
    referral = policy.inbox(request.user).filter(pk=pk).first()
    here = Referral.objects.filter(household__municipality_id=request.user.municipality_id)
    if referral is None and not here.filter(pk=pk).exists():
        raise Http404  # another municipality's referral is not lost to a race: it is unknown here
    try:
        if referral is None:
            raise ValidationError(_("Another investment leader has already taken this referral."))
        steps.take_referral(request.user, referral)
    except ValidationError as error:
        # Whoever lost the race goes back to the inbox, not to a page they may no longer open.
        messages.error(request, error.message)
        return redirect("referrals")
    messages.success(request, _("You have taken this referral."))
    return redirect("referral", pk=pk)


def _working_referral(request, pk):
    referral = _referral(request, pk)
    policy.require(request.user, "work_on_referral", referral)
    return referral


def qualify(request, pk):
    referral = _working_referral(request, pk)
    instance = getattr(referral, "qualification", None) or Qualification(referral=referral)
    form = QualificationForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            steps.qualify(request.user, referral, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The qualification is saved."))
            return redirect("referral", pk=pk)
    audit.record(request.user, audit.VIEW, referral, household=referral.household, detail="qualification form")
    return render(request, "capture/qualification_form.html", {"referral": referral, "form": form})


def conversation(request, pk):
    referral = _working_referral(request, pk)
    form = ConversationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            steps.record_conversation(request.user, referral, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The conversation is recorded."))
            return redirect("referral", pk=pk)
    audit.record(request.user, audit.VIEW, referral, household=referral.household, detail="conversation form")
    return render(request, "capture/conversation_form.html", {"referral": referral, "form": form})


def join(request, pk):
    referral = _working_referral(request, pk)
    household = referral.household
    organisations = steps.active_services(household)
    form = JoiningForm(request.POST or None, request.FILES or None, household=household, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            steps.join(request.user, referral, **form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Welcome to the Welfare Lab: %(name)s is now a participant.") % {"name": household}
            )
            return redirect("participant", pk=household.pk)
    audit.record(request.user, audit.VIEW, household, detail="joining form")
    return render(request, "capture/joining_form.html", {"referral": referral, "household": household, "form": form})
