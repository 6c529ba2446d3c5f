from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AidMapConfig(AppConfig):
    name = "aidmap"
    verbose_name = _("Aid map")

    def ready(self):
        from . import signals  # noqa: F401  (cache invalidation on publication)
