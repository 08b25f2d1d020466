import mimetypes

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from welfarelab.access import audit, policy
from welfarelab.capture import steps
from welfarelab.capture.forms import ConsentForm, WithdrawConsentForm
from welfarelab.capture.models import ParticipationAgreement
from welfarelab.pages import form_page
from welfarelab.people import addresses, participant
from welfarelab.people.models import Household
from welfarelab.plans import team


def participant_list(request):
    households = participant.participants(request.user)
    return render(request, "people/participant_list.html", {"households": households})


class TargetGroupForm(forms.Form):
    target_group = forms.ChoiceField(label=gettext_lazy("Target group"), choices=Household.TargetGroup.choices)


def participant_detail(request, pk):
    household = policy.participant(request.user, pk)
    context = participant.page(request.user, household)
    context["target_group_form"] = TargetGroupForm(initial={"target_group": household.target_group})
    return render(request, "people/participant_detail.html", context)


@require_POST
def confirm_target_group(request, pk):
    household = policy.led_participant(request.user, pk)
    form = TargetGroupForm(request.POST)
    if form.is_valid():
        with transaction.atomic():
            household.target_group = form.cleaned_data["target_group"]
            household.save(update_fields=["target_group"])
            audit.record(request.user, audit.UPDATE, household, detail=f"target group {household.target_group}")
        messages.success(request, _("The target group is confirmed."))
    return redirect("participant", pk=pk)


def person_address(request, pk, pid):
    """The investment leader writes where a person lives, and whether the address is protected."""
    household = policy.participant(request.user, pk)
    person = get_object_or_404(policy.persons(request.user, household), pk=pid)
    policy.require(request.user, "lead", household)
    form = addresses.AddressForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                addresses.save(request.user, household, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(person)s's address is saved.") % {"person": person})
            return redirect("participant", pk=pk)
    addresses.shown(request.user, household, [person])  # the form shows the address and its mark: audited
    audit.record(request.user, audit.VIEW, person, household=household, detail="address form")
    return form_page(
        request,
        household,
        form,
        title=_("Where %(person)s lives") % {"person": person},
        submit=_("Save the address"),
        cancel=reverse("participant", args=[pk]),
        intro=_(
            "If the National Population Register marks the address as protected (code 6 or 7), say so here: "
            "then only you see the address, and the team sees only the mark. Never write it anywhere else."
        ),
    )


def consent_new(request, pk):
    """The investment leader records a consent a member gives after joining: a young adult's own, say."""
    household = policy.led_participant(request.user, pk)
    form = ConsentForm(
        request.POST or None, request.FILES or None, household=household, initial={"person": request.GET.get("person")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            steps.give_consent(request.user, household, **form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(person)s's consent is recorded.") % {"person": form.cleaned_data["person"]})
            return redirect("participant", pk=pk)
    audit.record(request.user, audit.VIEW, household, detail="consent form")
    return form_page(
        request,
        household,
        form,
        title=_("Record a consent"),
        intro=_(
            "Each adult and young person consents for themselves, and so does a child: to every service from their "
            "18th birthday, to some before (see the services below). What the services may share follows this "
            "consent from the day it is recorded."
        ),
        submit=_("Record the consent"),
        cancel=reverse("participant", args=[pk]),
        multipart=True,
    )


def withdraw_consent(request, pk, consent_pk):
    household = policy.participant(request.user, pk)
    consent = get_object_or_404(
        policy.consents(request.user, household).active().select_related("given_by", "organisation"), pk=consent_pk
    )
    policy.require(request.user, "lead", household)
    form = WithdrawConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        steps.withdraw_consent(request.user, consent, form.cleaned_data["note"])
        messages.success(
            request,
            _("Consent withdrawn: %(org)s can no longer see information about %(person)s.")
            % {"org": consent.organisation, "person": consent.given_by},
        )
        return redirect("participant", pk=pk)
    audit.record(request.user, audit.VIEW, consent, household=household)
    return render(request, "people/withdraw_consent.html", {"household": household, "consent": consent, "form": form})


def team_add(request, pk):
    household = policy.led_participant(request.user, pk)
    form = team.TeamMembershipForm(request.POST or None, household=household)
    if request.method == "POST" and form.is_valid():
        team.add_member(request.user, household, **form.values())
        messages.success(request, _("The team member is added."))
        return redirect("participant", pk=pk)
    audit.record(request.user, audit.VIEW, household, detail="team form")
    return render(request, "people/team_form.html", {"household": household, "form": form})


def scan(request, pk):
    """Scans of signed papers, only to those who lead the family; never served as static media."""
    household = policy.led_participant(request.user, pk)
    return send_scan(request, household, get_object_or_404(ParticipationAgreement, household=household))


def send_scan(request, household, signed):
    """The scan of a signed paper (`signed.scan`), as a download; the caller has checked who may have it."""
    if not signed.scan_id:
        raise Http404
    audit.record(request.user, audit.VIEW, signed, household=household, detail="scan")
    scan = signed.scan
    content_type = mimetypes.guess_type(scan.name)[0] or "application/octet-stream"
    disposition = content_disposition_header(True, scan.name)
    return HttpResponse(bytes(scan.content), content_type=content_type, headers={"Content-Disposition": disposition})
