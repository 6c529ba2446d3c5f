from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("PTF work programme and quarterly reports")

    def ready(self):
        from . import signals  # noqa: F401
