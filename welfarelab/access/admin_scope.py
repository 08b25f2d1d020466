"""Django's admin, like every page, shows only the user's own municipality, and what is looked at and changed
there is in the audit log."""

from welfarelab.access import audit


class MunicipalityScoped:
    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.municipality_id is None:  # the installation's operator, created with createsuperuser
            return queryset
        return queryset.filter(municipality_id=request.user.municipality_id)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if request.user.municipality_id is not None and db_field.name == "municipality":
            field.queryset = field.queryset.filter(pk=request.user.municipality_id)
        if request.user.municipality_id is not None and db_field.name == "organisation":
            field.queryset = field.queryset.filter(municipality_id=request.user.municipality_id)
        return field


class Audited:
    """Reads (a list, an object, its history) and changes (beside Django's own admin log) are audited; what a
    change touched is named by its fields, never its values (a password, for one)."""

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if response.status_code == 200:
            audit.record(request.user, audit.VIEW, self.model, detail="admin: the list")
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id) if response.status_code == 200 else None
        if obj is not None and request.method == "GET":
            audit.record(request.user, audit.VIEW, obj, detail="admin")
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        obj = self.get_object(request, object_id) if response.status_code == 200 else None
        if obj is not None:
            audit.record(request.user, audit.VIEW, obj, detail="admin: its history")
        return response

    def log_addition(self, request, obj, message):
        audit.record(request.user, audit.CREATE, obj, detail=f"admin: {_fields(message)}")
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        audit.record(request.user, audit.UPDATE, obj, detail=f"admin: {_fields(message)}")
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit.record(request.user, audit.DELETE, obj, detail="admin")
        return super().log_deletions(request, queryset)


def _fields(message):
    """The fields a change touched, from Django's change message (a list of {"changed": {"fields": [...]}})."""
    if isinstance(message, str):
        return message
    names = [name for part in message for action in part.values() for name in action.get("fields", [])]
    return ", ".join(names) if names else "saved"
