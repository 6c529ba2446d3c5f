"""iati_publisher app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IatiPublisherConfig(AppConfig):
    name = "iati_publisher"
    verbose_name = _("IATI publisher")

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import published, unpublished

        from .models import Activity
        from .publication import on_publish_change

        published.connect(on_publish_change, dispatch_uid="iati_published")
        unpublished.connect(on_publish_change, dispatch_uid="iati_unpublished")
        post_delete.connect(on_delete, sender=Activity, dispatch_uid="iati_deleted")


def on_delete(sender, instance, **kwargs):
    from .publication import schedule_regeneration

    if instance.live:
        schedule_regeneration()
