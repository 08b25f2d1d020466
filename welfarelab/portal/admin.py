from django.contrib import admin

from welfarelab.access.admin_scope import Audited, MunicipalityScoped
from welfarelab.portal.models import IdentityProvider


@admin.register(IdentityProvider)
class IdentityProviderAdmin(Audited, MunicipalityScoped, admin.ModelAdmin):
    list_display = ["municipality", "issuer", "client_id", "enabled"]
