"""Django's admin belongs to the installation's operator (a superuser made with `createsuperuser`).
A municipality's administrator has pages of their own in the product (welfarelab/administration)."""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig


class OperatorSite(AdminSite):
    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser


class OperatorAdminConfig(AdminConfig):
    default_site = "welfarelab.access.operator.OperatorSite"
