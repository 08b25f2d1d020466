from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from welfarelab.access import audit, policy
from welfarelab.money import investment
from welfarelab.people.views import participant_or_404


def _entries(request, household):
    return policy.investments(request.user, household).select_related("organisation", "service", "person")


def investment_page(request, pk):
    household = participant_or_404(request, pk)
    entries = list(_entries(request, household))
    audit.record(request.user, audit.VIEW, household, detail="investment")
    return render(
        request,
        "money/investment.html",
        {"household": household, "entries": entries, "summary": investment.summary(household, entries)},
    )


def investment_edit(request, pk, iid=None):
    household = participant_or_404(request, pk)
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
    if instance:
        audit.record(request.user, audit.VIEW, instance, household=household, detail="investment form")
    context = {
        "household": household,
        "form": form,
        "title": _("Change a line of the investment") if instance else _("Record what is invested"),
        "submit": _("Save"),
        "cancel": reverse("investment", args=[pk]),
        "intro": _(
            "Everything the family receives counts, from every service: a service from the catalogue, staff "
            "hours, or an economic benefit paid. Record the year before the family joined too, where it is known."
        ),
    }
    return render(request, "plans/form.html", context)
