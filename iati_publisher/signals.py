"""Regenerate the published IATI files when an activity is published, unpublished or deleted.

Imported in ``IatiPublisherConfig.ready``.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from .models import Activity
from .publication import on_publish_change, schedule_regeneration


@receiver(published, dispatch_uid="iati_published")
@receiver(unpublished, dispatch_uid="iati_unpublished")
def publication_changed(sender, **kwargs):
    on_publish_change(sender, **kwargs)


@receiver(post_delete, sender=Activity, dispatch_uid="iati_deleted")
def activity_deleted(sender, instance, **kwargs):
    if instance.live:
        schedule_regeneration()
