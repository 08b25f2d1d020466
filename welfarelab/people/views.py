import mimetypes

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from welfarelab.access import audit, changes, policy
from welfarelab.capture import steps
from welfarelab.capture.forms import WithdrawConsentForm
from welfarelab.capture.models import Consent, ParticipationAgreement
from welfarelab.journey import timeline
from welfarelab.mapping.models import Meeting
from welfarelab.people.forms import OrganisationForm
from welfarelab.people.models import Household, Organisation
from welfarelab.plans import team
from welfarelab.plans.models import AgreementVersion


def participant_list(request):
    households = list(
        policy.households(request.user)
        .filter(joined_on__isnull=False)
        .select_related("investment_leader")
        .annotate(meetings_held=Count("meetings", filter=Q(meetings__status=Meeting.Status.HELD)))
        .order_by("name")
    )
    audit.record_list(request.user, households, "participant list")
    return render(request, "people/participant_list.html", {"households": households})


def participant_or_404(request, pk):
    return get_object_or_404(
        policy.households(request.user)
        .filter(joined_on__isnull=False)
        .select_related(
            "investment_leader", "referral__referring_organisation", "referral__taken_by", "referral__qualification"
        ),
        pk=pk,
    )


class TargetGroupForm(forms.Form):
    target_group = forms.ChoiceField(label=_("Target group"), choices=Household.TargetGroup.choices)


def participant_detail(request, pk):
    household = participant_or_404(request, pk)
    user = request.user
    leading = policy.may(user, "lead", household)
    members = list(policy.persons(user, household))
    consents = list(
        Consent.objects.filter(household=household)
        .select_related("given_by", "organisation")
        .order_by("given_by__birth_date", "organisation__name_en")
    )
    if not leading:
        consents = [c for c in consents if c.given_by in members]
    memberships = list(household.team.select_related("member", "organisation"))
    referral = getattr(household, "referral", None)
    meetings = list(household.meetings.all())
    audit.record(user, audit.VIEW, household, detail="participant page")
    return render(
        request,
        "people/participant_detail.html",
        {
            "household": household,
            "members": members,
            "leading": leading,
            "consents": consents,
            "team": memberships,
            "agreement": ParticipationAgreement.objects.filter(household=household).first(),
            "events": timeline.events(
                household,
                referral,
                consents,
                memberships,
                meetings,
                assessments=household.assessments.all(),
                unexpected=policy.unexpected_events(user, household),
                reached=policy.goals(user, household).filter(reached_on__isnull=False),
                exits=household.exits.all(),
            ),
            "meetings": meetings,
            "meetings_held": sum(m.status == Meeting.Status.HELD for m in meetings),
            "suggested_group": household.suggested_target_group(),
            "target_group_form": TargetGroupForm(initial={"target_group": household.target_group}),
            "trusted": [
                t for t in household.trusted_persons.select_related("invited_by") if t.invited_by in members + [None]
            ],
            "signed": AgreementVersion.objects.filter(plan__household=household, signed_at__isnull=False).last(),
        },
    )


def _led(request, pk):
    household = participant_or_404(request, pk)
    policy.require(request.user, "lead", household)
    return household


@require_POST
def confirm_target_group(request, pk):
    household = _led(request, pk)
    form = TargetGroupForm(request.POST)
    if form.is_valid():
        with transaction.atomic():
            household.target_group = form.cleaned_data["target_group"]
            household.save(update_fields=["target_group"])
            audit.record(request.user, audit.UPDATE, household, detail=f"target group {household.target_group}")
        messages.success(request, _("The target group is confirmed."))
    return redirect("participant", pk=pk)


def withdraw_consent(request, pk, consent_pk):
    household = _led(request, pk)
    consent = get_object_or_404(household.consents.active().select_related("given_by", "organisation"), pk=consent_pk)
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
    household = _led(request, pk)
    form = team.TeamMembershipForm(request.POST or None, household=household)
    if request.method == "POST" and form.is_valid():
        team.add_member(request.user, household, form)
        messages.success(request, _("The team member is added."))
        return redirect("participant", pk=pk)
    audit.record(request.user, audit.VIEW, household, detail="team form")
    return render(request, "people/team_form.html", {"household": household, "form": form})


def scan(request, pk):
    """Scans of signed papers, only to those who lead the family; never served as static media."""
    household = _led(request, pk)
    return send_scan(request, household, get_object_or_404(ParticipationAgreement, household=household))


def send_scan(request, household, signed):
    """The scan of a signed paper (`signed.scan`), as a download; the caller has checked who may have it."""
    if not signed.scan:
        raise Http404
    audit.record(request.user, audit.VIEW, signed, household=household, detail="scan")
    content_type = mimetypes.guess_type(signed.scan.name)[0] or "application/octet-stream"
    return FileResponse(signed.scan.open("rb"), content_type=content_type, as_attachment=True)


def organisation_list(request):
    organisations = policy.administered(request.user, Organisation)
    return render(request, "people/organisation_list.html", {"organisations": organisations, "here": "organisations"})


def organisation_edit(request, pk=None):
    organisations = policy.administered(request.user, Organisation)
    instance = get_object_or_404(organisations, pk=pk) if pk else None
    form = OrganisationForm(request.POST or None, instance=instance, municipality=request.user.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                changes.save(request.user, form, None, f"organisation {form.instance.code}")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation is saved."))
            return redirect("organisations")
    context = {"form": form, "organisation": instance, "here": "organisations"}
    return render(request, "people/organisation_form.html", context, status=400 if form.errors else 200)
