from django.contrib import admin

from welfarelab.access.admin_scope import Audited, MunicipalityScoped
from welfarelab.access.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(Audited, MunicipalityScoped, admin.ModelAdmin):
    """Readable by administrators; nobody can add, change or delete entries."""

    list_display = [
        "at",
        "actor_kind",
        "actor_name",
        "role",
        "action",
        "object_type",
        "object_id",
        "household_id",
        "detail",
    ]
    list_filter = ["action", "actor_kind", "role"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
