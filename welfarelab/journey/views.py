from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from welfarelab.access import audit, policy
from welfarelab.journey import assessments, events, timeline
from welfarelab.journey.models import Domain
from welfarelab.people.views import participant_or_404
from welfarelab.plans.models import AgreementVersion


def journey(request, pk):
    """The participant's journey: the situations over time, as a chart and a table, and everything that happened."""
    household = participant_or_404(request, pk)
    assessed = list(household.assessments.prefetch_related("domains"))
    referral = getattr(household, "referral", None)
    versions = AgreementVersion.objects.filter(plan__household=household, signed_at__isnull=False)
    happened = list(policy.unexpected_events(request.user, household).select_related("person"))
    everything = timeline.events(
        household,
        referral,
        team=household.team.select_related("member", "organisation"),
        meetings=household.meetings.all(),
        assessments=assessed,
        versions=versions,
        unexpected=happened,
        reached=policy.goals(request.user, household).filter(reached_on__isnull=False),
    )
    audit.record(request.user, audit.VIEW, household, detail="journey")
    return render(
        request,
        "journey/journey.html",
        {
            "household": household,
            "assessments": assessed,
            "domains": [(label, [_domain(a, domain) for a in assessed]) for domain, label in Domain.choices],
            "chart": assessments.chart(assessed),
            "events": everything,
            "unexpected": happened,
            "leading": policy.may(request.user, "lead", household),
        },
    )


def _domain(assessment, domain):
    return next((row for row in assessment.domains.all() if row.domain == domain), None)


def assessment_edit(request, pk, aid=None):
    household = participant_or_404(request, pk)
    policy.require(request.user, "lead", household)
    instance = get_object_or_404(household.assessments, pk=aid) if aid else None
    form = assessments.AssessmentForm(request.POST or None, instance=instance, household=household)
    if request.method == "POST" and form.is_valid():
        try:
            assessments.save(request.user, household, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The assessment is saved."))
            return redirect("journey", pk=pk)
    if instance:
        audit.record(request.user, audit.VIEW, instance, household=household, detail="assessment form")
    title = _("Change the assessment") if instance else _("Assess the situation")
    return render(
        request,
        "journey/assessment_form.html",
        {"household": household, "form": form, "title": title, "cancel": reverse("journey", args=[pk])},
        status=400 if form.errors else 200,
    )


def unexpected_new(request, pk):
    household = participant_or_404(request, pk)
    form = events.UnexpectedEventForm(request.POST or None, user=request.user, household=household)
    if request.method == "POST" and form.is_valid():
        events.record(request.user, household, form)
        messages.success(request, _("What happened is recorded."))
        if form.cleaned_data["adjust_plan"]:
            messages.info(request, _("Adjust the goals and measures below."))
            return redirect("plan", pk=pk)
        return redirect("journey", pk=pk)
    context = {
        "household": household,
        "form": form,
        "title": _("Something unexpected happened"),
        "submit": _("Record it"),
        "cancel": reverse("journey", args=[pk]),
        "intro": _("A setback or a surprise: record it while it is fresh, and adjust the plan where needed."),
    }
    return render(request, "plans/form.html", context, status=400 if form.errors else 200)
