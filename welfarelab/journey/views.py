from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from welfarelab.access import audit, policy
from welfarelab.journey import assessments, events, exits, progress, timeline
from welfarelab.journey.models import Domain, Exit
from welfarelab.pages import form_page


def journey(request, pk):
    """The participant's journey: the situations over time, as a chart and a table, and everything that happened."""
    household = policy.participant(request.user, pk)
    assessed = list(policy.assessments(request.user, household).prefetch_related("domains"))
    left = list(policy.exits(request.user, household))
    happened = list(policy.unexpected_events(request.user, household).select_related("person"))
    everything = timeline.history(request.user, household, assessments=assessed, unexpected=happened, exits=left)
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
            "exit": left[-1] if household.has_left else None,
        },
    )


def _domain(assessment, domain):
    return next((row for row in assessment.domains.all() if row.domain == domain), None)


def assessment_edit(request, pk, aid=None):
    household = policy.led_participant(request.user, pk)
    instance = get_object_or_404(policy.assessments(request.user, household), pk=aid) if aid else None
    form = assessments.AssessmentForm(
        request.POST or None, instance=instance, household=household, occasion=request.GET.get("occasion")
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessments.save(request.user, household, **form.values(), assessment=instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The assessment is saved."))
            return redirect("journey", pk=pk)
    audit.record(request.user, audit.VIEW, instance or household, household=household, detail="assessment form")
    title = _("Change the assessment") if instance else _("Assess the situation")
    return form_page(
        request,
        household,
        form,
        title=title,
        submit=_("Save the assessment"),
        cancel=_journey(pk),
        template="journey/assessment_form.html",
    )


def unexpected_new(request, pk):
    household = policy.participant(request.user, pk)
    form = events.UnexpectedEventForm(request.POST or None, user=request.user, household=household)
    if request.method == "POST" and form.is_valid():
        try:
            events.record(request.user, household, **form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("What happened is recorded."))
            if form.cleaned_data["adjust_plan"]:
                messages.info(request, _("Adjust the goals and measures below."))
                return redirect("plan", pk=pk)
            return redirect("journey", pk=pk)
    audit.record(request.user, audit.VIEW, household, detail="unexpected event form")
    intro = _("A setback or a surprise: record it while it is fresh, and adjust the plan where needed.")
    title = _("Something unexpected happened")
    return form_page(request, household, form, title=title, submit=_("Record it"), cancel=_journey(pk), intro=intro)


def exit_new(request, pk, kind):
    """The exit checklist, then celebrate and close; or a participant leaving early, with the reason."""
    household = policy.led_participant(request.user, pk)
    if household.has_left:
        messages.info(request, _("The participant has already left."))
        return redirect("journey", pk=pk)
    form = exits.ExitForm(request.POST or None, household=household, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            exits.leave(request.user, household, **form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            closed = kind == Exit.Kind.CLOSED
            messages.success(
                request,
                _("Closed. Celebrate it with the family: they manage on their own. The door stays open.")
                if closed
                else _("Recorded as left early. The history is kept, and the participant can come back at any time."),
            )
            return redirect("journey", pk=pk)
    closing = kind == Exit.Kind.CLOSED
    audit.record(request.user, audit.VIEW, household, detail="exit form")
    return form_page(
        request,
        household,
        form,
        title=_("Celebrate and close") if closing else _("Left early"),
        submit=_("Celebrate and close") if closing else _("Record that they left"),
        cancel=_journey(pk),
        template="journey/exit_form.html",
        closing=closing,
        assessment=form.exit_assessment(),
    )


def reopen(request, pk):
    """The participant comes back: the door was left open."""
    household = policy.led_participant(request.user, pk)
    exit = exits.current(household)
    if exit is None:
        return redirect("journey", pk=pk)
    form = exits.ReopenForm(request.POST or None, instance=exit)
    if request.method == "POST" and form.is_valid():
        try:
            exits.reopen(request.user, household, exit, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Welcome back. Everything from before is kept: start with an assessment."))
            return redirect("journey", pk=pk)
    audit.record(request.user, audit.VIEW, exit, household=household, detail="re-open form")
    intro = _("Re-opening keeps the whole history: assessments, plan, meetings and costs.")
    title = _("The participant comes back")
    return form_page(request, household, form, title=title, submit=_("Re-open"), cancel=_journey(pk), intro=intro)


def progress_new(request, pk, gid):
    """How is the goal going? Anyone on the team who may see the goal checks it."""
    household = policy.participant(request.user, pk)
    goal = get_object_or_404(policy.goals(request.user, household), pk=gid)
    form = progress.ProgressCheckForm(request.POST or None, goal=goal)
    if request.method == "POST" and form.is_valid():
        try:
            check, reached = progress.record(request.user, household, goal, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The progress check is recorded."))
            if reached:
                messages.success(request, _("A goal reached: celebrate it with the family, and plan the next goals."))
            return redirect(reverse("plan", args=[pk]) + f"#goal-{goal.pk}")
    audit.record(request.user, audit.VIEW, goal, household=household, detail="progress check form")
    intro, cancel = _("Goal: %(goal)s") % {"goal": goal.text}, reverse("plan", args=[pk])
    return form_page(
        request,
        household,
        form,
        title=_("Check progress"),
        submit=_("Record the check"),
        cancel=cancel,
        intro=intro,
        kept=household.has_left,
    )


def _journey(pk):
    return reverse("journey", args=[pk])
