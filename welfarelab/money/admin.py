from django.contrib import admin

from welfarelab.access.admin_scope import Audited, MunicipalityScoped
from welfarelab.money.models import Parameter, Service


@admin.register(Service)
class ServiceAdmin(Audited, MunicipalityScoped, admin.ModelAdmin):
    """Each municipality keeps its catalogue of services with their unit costs."""

    list_display = ["name_en", "name_nb", "name_nn", "organisation", "unit", "unit_cost", "active"]
    list_filter = ["active", "unit"]


@admin.register(Parameter)
class ParameterAdmin(Audited, admin.ModelAdmin):
    """National figures by year: an administrator adds a year as it is published, with its source."""

    list_display = ["name", "year", "value", "unit", "verified"]
    list_filter = ["name", "verified"]
    search_fields = ["source"]
