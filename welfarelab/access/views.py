from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from welfarelab.access import log, policy
from welfarelab.exports import csv_file


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


def audit_log_export(request):
    """What the log holds for the filters, as a CSV file: for an access request or the data protection officer."""
    form, filters = _filters(request)
    if form.errors:
        return audit_log(request)
    log.read(request.user, filters, "exported")
    header = [_("When"), _("Who"), _("Role"), _("Organisation"), _("Action"), _("What"), _("Family"), _("Detail")]
    found = log.entries(request.user, **filters).select_related("user__organisation")
    rows = [
        [
            date_format(timezone.localtime(e.at), "SHORT_DATETIME_FORMAT"),
            e.actor_name,
            str(e.role_label),
            str(e.user.organisation) if e.user and e.user.organisation else "",
            e.get_action_display(),
            f"{e.object_type} {e.object_id}",
            e.household_id or "",
            e.detail,
        ]
        for e in found.iterator()
    ]
    response = HttpResponse(csv_file([header, *rows]), content_type="text/csv; charset=utf-8")
    name = f"audit-log-{request.user.municipality.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
