from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from welfarelab.access import audit, policy
from welfarelab.forms import EMPTY_CHOICE, DateField
from welfarelab.mapping import paper
from welfarelab.people.models import Household, Organisation, StaffUser
from welfarelab.reports import charts, portfolio, stories, tables


class SelectionForm(forms.Form):
    start = DateField(label=gettext_lazy("From"), required=False)
    end = DateField(label=gettext_lazy("To"), required=False)
    target_group = forms.ChoiceField(
        label=gettext_lazy("Target group"), required=False, choices=[("", EMPTY_CHOICE), *Household.TargetGroup.choices]
    )
    leader = forms.ModelChoiceField(
        label=gettext_lazy("Investment leader"), queryset=StaffUser.objects.none(), required=False
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation on the team"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["leader"].queryset = StaffUser.objects.filter(
            municipality=municipality, role=StaffUser.Role.INVESTMENT_LEADER
        ).order_by("first_name", "last_name")
        self.fields["organisation"].queryset = Organisation.objects.filter(municipality=municipality)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends after it begins: choose a later date."))
        if start and start > timezone.localdate():
            self.add_error("start", _("Choose a day that has come: the figures are about what has happened."))
        return cleaned

    def selection(self):
        """The selection asked for; the whole municipality, up to today, when the form has errors."""
        data = self.cleaned_data if self.is_valid() else {}
        return portfolio.Selection(
            self.municipality,
            start=data.get("start"),
            end=data.get("end"),
            target_group=data.get("target_group", ""),
            leader=getattr(data.get("leader"), "pk", None),
            organisation=getattr(data.get("organisation"), "pk", None),
        )


def _selection(request):
    policy.require(request.user, "see_portfolio")
    return SelectionForm(request.GET or None, municipality=request.user.municipality)


def _figures(request):
    form = _selection(request)
    return form, portfolio.figures(form.selection())


def dashboard(request):
    """The portfolio: where people are on their journey, what was invested and what came back. No names."""
    form, figures = _figures(request)
    mask = policy.masks_small_figures(request.user)
    audit.record(request.user, audit.VIEW, request.user.municipality, detail="portfolio")
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "p": figures,
            "mask": mask,
            "money_hidden": mask and portfolio.is_small(figures.participants),
            "picture": charts.journey_picture(figures.journeys),
            "money_chart": charts.money_chart(figures.money.months),
            "tables": tables.build(figures, mask),
            "query": request.GET.urlencode(),
        },
    )


def export(request, kind):
    """The dashboard's tables, with every figure about fewer than five people suppressed, as CSV or XLSX."""
    if kind not in tables.EXPORTS:
        raise Http404
    return _download(*tables.export(request.user, _selection(request).selection(), kind))


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ReportForm(forms.Form):
    learnt = forms.CharField(
        label=gettext_lazy("What was learnt"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("In your own words, for the management. Write no names."),
    )


def report(request):
    """The management report, centred on people, as a PDF: the journeys, the headline numbers, the money by
    beneficiary and organisation, three stories of change, and what was learnt."""
    selection_form = _selection(request)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            content = _report_paper(request, selection_form.selection(), form.cleaned_data["learnt"])
        except paper.Unavailable:
            messages.error(request, _("The PDF could not be made just now. Try again in a moment."))
        else:
            audit.record(request.user, audit.VIEW, request.user.municipality, detail="management report")
            name = f"management-report-{request.user.municipality.slug}-{timezone.localdate():%Y-%m-%d}.pdf"
            return _download(content, "application/pdf", name)
    return render(
        request,
        "reports/report_form.html",
        {"form": form, "selection_form": selection_form, "query": request.GET.urlencode()},
        status=400 if form.errors else 200,
    )


def _report_paper(request, selection, learnt):
    """The management report's PDF for `selection`, every figure about fewer than five people masked."""
    figures = portfolio.figures(selection)
    html = render_to_string(
        "reports/report_paper.html",
        {
            "p": figures,
            "mask": True,
            "money_hidden": portfolio.is_small(figures.participants),
            "picture": charts.journey_picture(figures.journeys),
            "money_chart": charts.money_chart(figures.money.months),
            "tables": tables.build(figures, mask=True),
            "stories": stories.stories(figures),
            "learnt": learnt,
            "municipality": request.user.municipality,
            "today": timezone.localdate(),
            "css": paper.stylesheet("agreement.css") + paper.stylesheet("welfarelab.css"),
        },
        request=request,
    )
    return paper.pdf(html, sheet=False)
