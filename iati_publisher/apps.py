"""iati_publisher app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IatiPublisherConfig(AppConfig):
    name = "iati_publisher"
    verbose_name = _("IATI publisher")

    def ready(self):
        from . import signals  # noqa: F401  (receivers connect on import)
