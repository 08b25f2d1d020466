from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "welfarelab.demo"
    verbose_name = "Demo data"
