from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "welfarelab.access"
    verbose_name = _("Access and audit")

    def ready(self):
        from welfarelab.access import checks  # noqa: F401  (registers the deployment check)
