from django.core.paginator import Paginator
from django.shortcuts import render

from welfarelab.access import policy
from welfarelab.access.models import AuditEntry


def audit_log(request):
    policy.require(request.user, "read_audit_log")
    entries = AuditEntry.objects.filter(municipality_id=request.user.municipality_id)
    household = request.GET.get("household", "")
    if household.isdigit():
        entries = entries.filter(household_id=household)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "access/audit_log.html", {"page": page, "household": household})
