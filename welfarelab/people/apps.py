from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "welfarelab.people"
    verbose_name = _("Municipalities, organisations and people")

    def ready(self):
        from welfarelab.people import lockout  # noqa: F401  (its audit receiver)
