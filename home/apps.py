from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site pages")

    def ready(self):
        from . import performance, signals  # noqa: F401  (signals: receivers connect on import)

        performance.apply()
