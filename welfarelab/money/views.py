from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from welfarelab.access import audit, minimisation, policy
from welfarelab.money import benefits, investment, value
from welfarelab.pages import form_page
from welfarelab.plans.plan import plan_of


def investment_page(request, pk):
    household = policy.participant(request.user, pk)
    entries = list(value.investment_lines(request.user, household))
    audit.record(request.user, audit.VIEW, household, detail="investment")
    return render(
        request,
        "money/investment.html",
        {"household": household, "entries": entries, "summary": investment.summary(household, entries)},
    )


def investment_edit(request, pk, iid=None):
    household = policy.participant(request.user, pk)
    instance = get_object_or_404(value.investment_lines(request.user, household), pk=iid) if iid else None
    form = investment.InvestmentForm(request.POST or None, instance=instance, user=request.user, household=household)
    if request.method == "POST" and form.is_valid():
        try:
            line = investment.save(request.user, household, **form.values(), entry=instance)
            minimisation.kept(form, request.user, household, line)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The investment is saved."))
            return redirect("investment", pk=pk)
    audit.record(request.user, audit.VIEW, instance or household, household=household, detail="investment form")
    title = _("Change a line of the investment") if instance else _("Record what is invested")
    intro = _(
        "Everything the family receives counts, from every service: a service from the catalogue, staff "
        "hours, or an economic benefit paid. Record the year before the family joined too, where it is known."
    )
    cancel = reverse("investment", args=[pk])
    return form_page(request, household, form, title=title, submit=_("Save"), cancel=cancel, intro=intro, status=200)


# The plan's benefits and what they are worth


def value_page(request, pk):
    household = policy.participant(request.user, pk)
    return render(request, "money/value.html", value.page(request.user, household, request.GET.get("kroner", "")))


@require_POST
def value_analysis(request, pk):
    household = policy.participant(request.user, pk)
    form = benefits.AnalysisForm(request.POST, instance=plan_of(household))
    if form.is_valid():
        try:
            benefits.save_analysis(request.user, household, **form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The plan is now valued with these settings."))
            return redirect("value", pk=pk)
    audit.record(request.user, audit.VIEW, form.instance, household=household, detail="valuation settings form")
    title, cancel = _("How the plan is valued"), reverse("value", args=[pk])
    return form_page(request, household, form, title=title, submit=_("Save"), cancel=cancel)


def benefit_edit(request, pk, bid=None):
    household = policy.participant(request.user, pk)
    instance = get_object_or_404(value.plan_benefits(request.user, household), pk=bid) if bid else None
    initial = {"goal": request.GET["goal"]} if request.GET.get("goal", "").isdigit() else {}
    form = benefits.BenefitForm(
        request.POST or None, instance=instance, initial=initial, user=request.user, household=household
    )
    if request.method == "POST" and form.is_valid():
        try:
            benefits.save(request.user, household, **form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The benefit is saved."))
            return redirect("value", pk=pk)
    audit.record(request.user, audit.VIEW, instance or household, household=household, detail="benefit form")
    title = _("Change the benefit %(code)s") % {"code": instance.code} if instance else _("New benefit")
    return form_page(
        request,
        household,
        form,
        title=title,
        submit=_("Save the benefit"),
        cancel=reverse("value", args=[pk]),
        template="money/benefit_form.html",
    )


def benefit_realisation(request, pk, bid):
    household = policy.participant(request.user, pk)
    benefit = get_object_or_404(value.plan_benefits(request.user, household), pk=bid)
    posted = request.method == "POST"
    form = benefits.RealisationForm(
        request.POST if posted and "realisation" in request.POST else None, instance=benefit, household=household
    )
    measurement = benefits.MeasurementForm(request.POST if posted and "measurement" in request.POST else None)
    if form.is_bound and form.is_valid():
        try:
            benefits.save_realisation(request.user, household, benefit, **form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The realisation plan is saved."))
            return redirect("benefit_realisation", pk=pk, bid=bid)
    if measurement.is_bound and measurement.is_valid():
        benefits.add_measurement(request.user, household, benefit, **measurement.values())
        messages.success(request, _("The measurement is recorded."))
        return redirect("benefit_realisation", pk=pk, bid=bid)
    audit.record(request.user, audit.VIEW, benefit, household=household, detail="benefit realisation")
    return render(
        request,
        "money/realisation.html",
        {"household": household, "benefit": benefit, "form": form, "measurement": measurement},
        status=400 if form.errors or measurement.errors else 200,
    )
