from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IatiPublisherConfig(AppConfig):
    name = "iati_publisher"
    verbose_name = _("IATI publisher")
