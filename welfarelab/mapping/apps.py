from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MappingConfig(AppConfig):
    name = "welfarelab.mapping"
    verbose_name = _("Meetings and the Mapping Tool")
