"""Invalidate the aid map cache when an activity is published, unpublished or deleted."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import published, unpublished

from . import cache


def _invalidate(sender, **kwargs):
    cache.invalidate()


def connect():
    try:
        from iati_publisher.models import Activity
    except ImportError:  # the IATI model is not there (yet)
        return
    for signal in (published, unpublished, post_delete, post_save):
        signal.connect(_invalidate, sender=Activity, dispatch_uid=f"aidmap-{id(signal)}")


connect()
