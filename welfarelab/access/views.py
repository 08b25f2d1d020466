from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from welfarelab.access import log, policy
from welfarelab.exports import csv_file
from welfarelab.mapping import paper

PRINTED = 2000  # rows on paper; the CSV holds every one


def _filters(request):
    policy.require(request.user, "read_audit_log")
    form = log.LogFilter(request.GET or None, municipality=request.user.municipality)
    return form, (form.cleaned_data if form.is_valid() else {})


def audit_log(request):
    form, filters = _filters(request)
    before = request.GET.get("before", "")
    shown, older = [], None
    if not form.errors:  # a refused filter shows nothing, rather than everything
        shown, older = log.page(log.entries(request.user, **filters), int(before) if before.isdigit() else None)
        log.read(request.user, filters, "read")
    query = request.GET.copy()
    query.pop("before", None)
    context = {"form": form, "entries": shown, "older": older, "query": query.urlencode(), "paged": bool(before)}
    return render(request, "access/audit_log.html", context, status=400 if form.errors else 200)


def _header():
    return [_("When"), _("Who"), _("Role"), _("Organisation"), _("Action"), _("What"), _("Family"), _("Detail")]


def _rows(found):
    for e in found:
        yield [
            date_format(timezone.localtime(e.at), "SHORT_DATETIME_FORMAT"),
            e.actor_name,
            str(e.role_label),
            str(e.user.organisation) if e.user and e.user.organisation else "",
            e.get_action_display(),
            f"{e.object_type} {e.object_id}",
            e.household_id or "",
            e.detail,
        ]


def audit_log_export(request):
    """What the log holds for the filters, as a CSV file: for an access request or the data protection officer."""
    form, filters = _filters(request)
    if form.errors:
        return audit_log(request)
    log.read(request.user, filters, "exported")
    found = log.entries(request.user, **filters).select_related("user__organisation")
    response = HttpResponse(csv_file([_header(), *_rows(found.iterator())]), content_type="text/csv; charset=utf-8")
    name = f"audit-log-{request.user.municipality.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def audit_log_pdf(request):
    """The same on A4 paper, with what was asked for, by whom and when: an answer to an access request."""
    form, filters = _filters(request)
    if form.errors:
        return audit_log(request)
    log.read(request.user, filters, "printed")
    found = list(log.entries(request.user, **filters).select_related("user__organisation")[: PRINTED + 1])
    asked = [
        (form[name].label, _shown(form[name], value))
        for name, value in filters.items()
        if value and name in form.fields
    ]
    context = {
        "header": _header(),
        "rows": list(_rows(found[:PRINTED])),
        "more": len(found) > PRINTED,
        "printed": PRINTED,
        "asked": asked,
        "reader": request.user,
        "municipality": request.user.municipality,
        "now": timezone.localtime(),
        "css": paper.stylesheet("audit_log.css"),
    }
    html = render_to_string("access/audit_log_paper.html", context, request=request)
    try:
        content = paper.pdf(html, sheet=False)
    except paper.Unavailable:
        messages.error(request, _("The PDF could not be made just now. Try again in a moment."))
        return redirect(f"{reverse('audit_log')}?{request.GET.urlencode()}")
    response = HttpResponse(content, content_type="application/pdf")
    name = f"audit-log-{request.user.municipality.slug}-{timezone.localdate():%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _shown(field, value):
    """A filter's value as the reader chose it: the name of the member of staff, not their number."""
    if hasattr(field.field, "choices") and not hasattr(value, "pk"):
        return dict(field.field.choices).get(value, value)
    return date_format(value, "SHORT_DATE_FORMAT") if hasattr(value, "isoformat") else str(value)
