from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "welfarelab.plans"
    verbose_name = _("Investment team and plan")
