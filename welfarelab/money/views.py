from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from welfarelab.access import audit, policy
from welfarelab.money import benefits, investment
from welfarelab.money.models import Beneficiary, Parameter
from welfarelab.pages import form_page
from welfarelab.plans.plan import plan_of


def _entries(request, household):
    return policy.investments(request.user, household).select_related("organisation", "service", "person")


def investment_page(request, pk):
    household = policy.participant(request.user, pk)
    entries = list(_entries(request, household))
    audit.record(request.user, audit.VIEW, household, detail="investment")
    return render(
        request,
        "money/investment.html",
        {"household": household, "entries": entries, "summary": investment.summary(household, entries)},
    )


def investment_edit(request, pk, iid=None):
    household = policy.participant(request.user, pk)
    instance = get_object_or_404(_entries(request, household), pk=iid) if iid else None
    form = investment.InvestmentForm(request.POST or None, instance=instance, user=request.user, household=household)
    if request.method == "POST" and form.is_valid():
        try:
            investment.save(request.user, household, form)
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


def _benefits(request, household):
    return policy.benefits(request.user, household).select_related("goal", "owner").prefetch_related("measurements")


def value_page(request, pk):
    household = policy.participant(request.user, pk)
    the_plan = plan_of(household)
    table = Parameter.table()
    # Figures can be shown in the kroner of any year with a price index, if the plan's own year has one.
    kroner_years = table.price_index_years() if the_plan.price_year in table.price_index_years() else []
    asked = request.GET.get("kroner", "")
    kroner_year = int(asked) if asked.isdigit() and int(asked) in kroner_years else the_plan.price_year
    all_benefits = list(_benefits(request, household))
    valued = benefits.value(household, the_plan, all_benefits, _entries(request, household), table, kroner_year)
    audit.record(request.user, audit.VIEW, the_plan, household=household, detail="benefits and value")
    by_goal = {}
    for benefit in all_benefits:
        benefit.figures = valued.lines.get(benefit.code, {})
        by_goal.setdefault(benefit.goal, []).append(benefit)
    return render(
        request,
        "money/value.html",
        {
            "household": household,
            "plan": the_plan,
            "by_goal": by_goal,
            "benefits": all_benefits,
            "valued": valued,
            "totals": valued.response.get("totals", {}),
            "ledger": _ledger_rows(valued.response.get("ledger", {})),
            "kroner_years": kroner_years,
            "analysis_form": benefits.AnalysisForm(instance=the_plan),
        },
    )


def _ledger_rows(ledger):
    names = dict(Beneficiary.choices) | {"all_parties": _("All parties together: society's view")}
    return [(party, names[party], entries) for party, entries in ledger.items()]


@require_POST
def value_analysis(request, pk):
    household = policy.participant(request.user, pk)
    form = benefits.AnalysisForm(request.POST, instance=plan_of(household))
    if form.is_valid():
        try:
            benefits.save_analysis(request.user, household, form)
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
    instance = get_object_or_404(_benefits(request, household), pk=bid) if bid else None
    initial = {"goal": request.GET["goal"]} if request.GET.get("goal", "").isdigit() else {}
    form = benefits.BenefitForm(
        request.POST or None, instance=instance, initial=initial, user=request.user, household=household
    )
    if request.method == "POST" and form.is_valid():
        try:
            benefits.save(request.user, household, form)
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
    benefit = get_object_or_404(_benefits(request, household), pk=bid)
    posted = request.method == "POST"
    form = benefits.RealisationForm(
        request.POST if posted and "realisation" in request.POST else None, instance=benefit, household=household
    )
    measurement = benefits.MeasurementForm(request.POST if posted and "measurement" in request.POST else None)
    if form.is_bound and form.is_valid():
        try:
            benefits.save_realisation(request.user, household, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The realisation plan is saved."))
            return redirect("benefit_realisation", pk=pk, bid=bid)
    if measurement.is_bound and measurement.is_valid():
        benefits.add_measurement(request.user, household, benefit, measurement)
        messages.success(request, _("The measurement is recorded."))
        return redirect("benefit_realisation", pk=pk, bid=bid)
    audit.record(request.user, audit.VIEW, benefit, household=household, detail="benefit realisation")
    return render(
        request,
        "money/realisation.html",
        {"household": household, "benefit": benefit, "form": form, "measurement": measurement},
        status=400 if form.errors or measurement.errors else 200,
    )
