from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from welfarelab.access.admin_scope import Audited, MunicipalityScoped
from welfarelab.mapping import life_areas
from welfarelab.people.models import Municipality, Organisation, StaffUser


@admin.register(StaffUser)
class StaffUserAdmin(Audited, MunicipalityScoped, UserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "municipality", "organisation", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = UserAdmin.fieldsets + (("Welfare Lab", {"fields": ["municipality", "organisation", "role"]}),)


@admin.register(Organisation)
class OrganisationAdmin(Audited, MunicipalityScoped, admin.ModelAdmin):
    list_display = ["name_en", "code", "owner", "active"]


@admin.register(Municipality)
class MunicipalityAdmin(Audited, admin.ModelAdmin):
    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.municipality_id is None:
            return queryset
        return queryset.filter(pk=request.user.municipality_id)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            life_areas.install(obj)
