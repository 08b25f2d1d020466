from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def _give_new_municipality_life_areas(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from welfarelab.mapping import life_areas

        life_areas.install(instance)


class MappingConfig(AppConfig):
    name = "welfarelab.mapping"
    verbose_name = _("Meetings and the Mapping Tool")

    def ready(self):
        post_save.connect(_give_new_municipality_life_areas, sender="people.Municipality")
