from django.contrib import admin

from welfarelab.access.admin_scope import Audited, MunicipalityScoped
from welfarelab.mapping.models import LifeArea


@admin.register(LifeArea)
class LifeAreaAdmin(Audited, MunicipalityScoped, admin.ModelAdmin):
    """Each municipality adjusts the rows of its sheet's grid, named in all three languages."""

    list_display = ["name_en", "name_nb", "name_nn", "position", "active"]
    list_editable = ["position", "active"]
