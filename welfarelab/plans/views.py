from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from welfarelab.access import audit, minimisation, policy
from welfarelab.mapping import paper
from welfarelab.mapping.models import Meeting
from welfarelab.pages import form_page
from welfarelab.people.views import send_scan
from welfarelab.plans import agreement, execution, family_texts, investment_plan, plan, team
from welfarelab.plans.models import Goal


def _plan(pk):
    return reverse("plan", args=[pk])


def plan_page(request, pk):
    household = policy.participant(request.user, pk)
    return render(request, "plans/plan.html", investment_plan.page(request.user, household))


@require_POST
def situation(request, pk):
    household = policy.participant(request.user, pk)
    form = plan.SituationForm(request.POST, instance=plan.plan_of(household))
    if form.is_valid():
        try:
            plan.save_situation(request.user, household, **form.values())
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The situation is saved."))
            return redirect("plan", pk=pk)
    else:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    audit.record(request.user, audit.VIEW, form.instance, household=household, detail="situation form")
    title, submit = _("The situation"), _("Save the situation")
    return form_page(
        request, household, form, title=title, submit=submit, cancel=_plan(pk), status=400, kept=household.has_left
    )


def _audit_form(request, household, instance, source, detail):
    """Opening a form shows a goal or measure, or the sheet note a new one is made from, or the family's people."""
    audit.record(request.user, audit.VIEW, instance or source or household, household=household, detail=detail)


def goal_edit(request, pk, gid=None):
    household = policy.participant(request.user, pk)
    instance = get_object_or_404(investment_plan.goals(request.user, household), pk=gid) if gid else None
    source = None if instance else plan.source_note(request.user, household, request.GET.get("from"), plan.GOAL_COLUMNS)
    form = plan.GoalForm(request.POST or None, instance=instance, source=source, user=request.user, household=household)
    was_reached = instance is not None and instance.state == Goal.State.REACHED
    if request.method == "POST" and form.is_valid():
        try:
            goal = plan.save_goal(request.user, household, **form.values(), goal=instance, source=source)
            minimisation.kept(form, request.user, household, goal)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The goal is saved."))
            if goal.state == Goal.State.REACHED and not was_reached:
                messages.success(request, _("A goal reached: celebrate it with the family, and plan the next goals."))
            return redirect("plan", pk=pk)
    _audit_form(request, household, instance, source, "goal form")
    title = _("Change the goal") if instance else _("New goal")
    return form_page(
        request,
        household,
        form,
        title=title,
        submit=_("Save the goal"),
        cancel=_plan(pk),
        status=200,
        source=source,
        kept=household.has_left,
    )


def measure_edit(request, pk, mid=None):
    household = policy.participant(request.user, pk)
    instance = get_object_or_404(investment_plan.measures(request.user, household), pk=mid) if mid else None
    source = (
        None if instance else plan.source_note(request.user, household, request.GET.get("from"), plan.MEASURE_COLUMNS)
    )
    initial = plan.initial_from(source) | ({"goal": request.GET["goal"]} if request.GET.get("goal") else {})
    form = plan.MeasureForm(
        request.POST or None, instance=instance, initial=initial, user=request.user, household=household
    )
    if request.method == "POST" and form.is_valid():
        try:
            measure = plan.save_measure(request.user, household, **form.values(), measure=instance, source=source)
            minimisation.kept(form, request.user, household, measure)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The measure is saved."))
            return redirect("plan", pk=pk)
    _audit_form(request, household, instance, source, "measure form")
    warning = None
    if not instance and not household.meetings.exclude(status=Meeting.Status.CANCELLED).exists():
        warning = _("A measure is decided in a meeting. Plan the meeting first, then record the measure in it.")
    title = _("Change the measure") if instance else _("New measure")
    return form_page(
        request,
        household,
        form,
        title=title,
        submit=_("Save the measure"),
        cancel=_plan(pk),
        status=200,
        source=source,
        warning=warning,
        kept=household.has_left,
    )


def decisions(request, pk):
    household = policy.participant(request.user, pk)
    form = plan.DecisionForm(request.POST or None, user=request.user, household=household)
    if request.method == "POST" and form.is_valid():
        try:
            decision = plan.record_decision(request.user, household, **form.values())
            minimisation.kept(form, request.user, household, decision)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("decisions", pk=pk)
    log = list(
        policy.decisions(request.user, household)
        .select_related("meeting", "decided_by")
        .prefetch_related("measures")
        .order_by("-meeting__planned_at", "recorded_at")
    )
    audit.record(request.user, audit.VIEW, household, detail="decision log")
    return render(request, "plans/decisions.html", {"household": household, "form": form, "log": log})


def timeline(request, pk):
    household = policy.participant(request.user, pk)
    goals = list(investment_plan.goals(request.user, household).prefetch_related("progress_checks"))
    measures = list(investment_plan.measures(request.user, household))
    audit.record(request.user, audit.VIEW, household, detail="execution plan")
    return render(
        request,
        "plans/timeline.html",
        {"household": household, "chart": execution.chart(goals, measures)},
    )


def agreement_new(request, pk):
    household = policy.led_participant(request.user, pk)
    form = agreement.PrepareForm(request.POST or None, user=request.user, household=household)
    if request.method == "POST" and form.is_valid():
        try:
            version = agreement.prepare(request.user, household, **form.values())
            minimisation.kept(form, request.user, household, version)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Version %(n)s of the agreement is ready to be signed.") % {"n": version.number}
            )
            return redirect("agreement", pk=pk, number=version.number)
    audit.record(request.user, audit.VIEW, household, detail="agreement form")
    intro = _(
        "The plan is frozen as it is now, in the language chosen, for each adult in the family and for you, on "
        "behalf of the municipality, to sign. After that, changes need a new version that the family agrees to."
    )
    title, submit = _("Prepare the agreement for signing"), _("Prepare for signing")
    return form_page(
        request,
        household,
        form,
        title=title,
        submit=submit,
        cancel=_plan(pk),
        intro=intro,
        status=200,
        kept=household.has_left,
    )


def _version(request, household, number):
    return get_object_or_404(
        agreement.versions(household).select_related("prepared_by").prefetch_related("signatures"), number=number
    )


def agreement_page(request, pk, number):
    household = policy.participant(request.user, pk)
    version = _version(request, household, number)
    return render(request, "plans/agreement.html", agreement.page(request.user, household, version))


@require_POST
def agreement_sign(request, pk, number):
    household = policy.led_participant(request.user, pk)
    version = _version(request, household, number)
    form = agreement.SignForm(request.POST, request.FILES, version=version, user=request.user)
    if form.is_valid():
        try:
            version = agreement.sign(request.user, household, version, **form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if version.signed_at:
                messages.success(request, _("Everyone has signed: version %(n)s is the agreement now.") % {"n": number})
            else:
                messages.success(request, _("The signature is recorded."))
            return redirect("agreement", pk=pk, number=number)
    context = agreement.page(request.user, household, version, sign_form=form)
    return render(request, "plans/agreement.html", context, status=400)


def agreement_pdf(request, pk, number):
    household = policy.participant(request.user, pk)
    version = _version(request, household, number)
    document = agreement.document(request.user, household, version, detail=f"agreement version {number} PDF")
    with translation.override(version.language):
        html = render_to_string(
            "plans/agreement_paper.html", document | {"css": paper.stylesheet("agreement.css")}, request=request
        )
    try:
        content = paper.pdf(html, sheet=False)
    except paper.Unavailable:
        messages.error(request, _("The PDF could not be made just now. Try again in a moment."))
        return redirect("agreement", pk=pk, number=number)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="agreement-{number}.pdf"'
    return response


def agreement_scan(request, pk, number):
    household = policy.led_participant(request.user, pk)
    return send_scan(request, household, _version(request, household, number))


def agreement_compare(request, pk):
    household = policy.participant(request.user, pk)
    all_versions = list(agreement.versions(household))
    numbers = [v.number for v in all_versions]
    try:
        a, b = int(request.GET.get("from", 0)), int(request.GET.get("to", 0))
    except ValueError:
        a = b = 0
    if a not in numbers or b not in numbers:
        a, b = (numbers[-2], numbers[-1]) if len(numbers) > 1 else (0, 0)
    context = {"household": household, "versions": all_versions, "a": a, "b": b}
    if a and b:
        before, after = (next(v for v in all_versions if v.number == n) for n in (a, b))
        user = request.user
        context["changes"] = agreement.compare(
            agreement.visible_content(user, household, before.content),
            agreement.visible_content(user, household, after.content),
        )
        context["before"], context["after"] = before, after
        context["sections"] = [
            (_("Goals"), context["changes"]["goals"]),
            (_("Measures"), context["changes"]["measures"]),
        ]
    audit.record(request.user, audit.VIEW, household, detail=f"agreement versions {a} and {b} compared")
    return render(request, "plans/agreement_compare.html", context)


def trusted_new(request, pk):
    household = policy.led_participant(request.user, pk)
    form = team.TrustedPersonForm(request.POST or None, persons=policy.persons(request.user, household))
    if request.method == "POST" and form.is_valid():
        team.invite_trusted_person(request.user, household, **form.values())
        messages.success(request, _("The trusted person is added."))
        return redirect("participant", pk=pk)
    audit.record(request.user, audit.VIEW, household, detail="trusted person form")
    title, submit = _("Add a trusted person"), _("Add the trusted person")
    cancel = reverse("participant", args=[pk])
    return form_page(request, household, form, title=title, submit=submit, cancel=cancel, status=200)


def team_leave(request, pk, tid):
    return _leave(request, pk, lambda h: get_object_or_404(h.team.current().select_related("member"), pk=tid))


def trusted_leave(request, pk, tid):
    return _leave(
        request,
        pk,
        lambda h: get_object_or_404(policy.trusted_persons(request.user, h).filter(left_on=None), pk=tid),
    )


def _leave(request, pk, find):
    household = policy.led_participant(request.user, pk)
    someone = find(household)
    form = team.LeavingForm(request.POST or None, joined_on=someone.joined_on)
    if request.method == "POST" and form.is_valid():
        team.leave(request.user, household, someone, **form.values())
        messages.success(request, _("The change to the team is recorded."))
        return redirect("participant", pk=pk)
    audit.record(request.user, audit.VIEW, someone, household=household, detail="leaving form")
    title = _("%(name)s leaves the team") % {"name": getattr(someone, "member", someone)}
    cancel = reverse("participant", args=[pk])
    return form_page(request, household, form, title=title, submit=_("Record the change"), cancel=cancel, status=200)


def texts_to_review(request, pk):
    """The leader's review of texts for the whole family that name a member (`family_texts`)."""
    household = policy.led_participant(request.user, pk)
    if request.method == "POST":
        confirmed = family_texts.confirm(
            request.user, household, request.POST.get("kind"), request.POST.get("id"), request.POST.get("digest")
        )
        if confirmed:
            audit.record(request.user, audit.UPDATE, confirmed.obj, household=household, detail="for the whole family")
            messages.success(request, _("Kept as a text for the whole family."))
        else:
            messages.error(request, _("That text has changed or was reviewed meanwhile: read the list again."))
        return redirect("family_texts", pk=pk)
    texts = family_texts.to_review(household)
    audit.record(request.user, audit.VIEW, household, detail="texts for the whole family naming a member")
    return render(request, "plans/family_texts.html", {"household": household, "texts": texts})
