"""Invalidate the aid map data when an activity is published, unpublished or deleted.

Draft saves do not change what the map shows (it reads live activities only), so they do not
invalidate it. Imported into ``AidMapConfig.ready``.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from home import cache
from iati_publisher.models import Activity

from .data import CACHE_NAME


@receiver(published, sender=Activity, dispatch_uid="aidmap-published")
@receiver(unpublished, sender=Activity, dispatch_uid="aidmap-unpublished")
@receiver(post_delete, sender=Activity, dispatch_uid="aidmap-deleted")
def invalidate_map(sender, **kwargs):
    cache.invalidate(CACHE_NAME)
