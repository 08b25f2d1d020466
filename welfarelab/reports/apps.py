from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "welfarelab.reports"
    verbose_name = "Reports"
