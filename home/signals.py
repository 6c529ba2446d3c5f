"""Keep the cached page chrome in step with the page tree (imported in ``HomeConfig.ready``)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import chrome


@receiver(page_published, dispatch_uid="ptf-chrome-published")
@receiver(page_unpublished, dispatch_uid="ptf-chrome-unpublished")
@receiver(post_page_move, dispatch_uid="ptf-chrome-moved")
@receiver(post_delete, sender=Page, dispatch_uid="ptf-chrome-deleted")
@receiver(post_save, sender=Locale, dispatch_uid="ptf-chrome-locale-saved")
@receiver(post_delete, sender=Locale, dispatch_uid="ptf-chrome-locale-deleted")
@receiver(post_save, sender=Site, dispatch_uid="ptf-chrome-site-saved")
@receiver(post_delete, sender=Site, dispatch_uid="ptf-chrome-site-deleted")
def invalidate_chrome(sender, **kwargs):
    chrome.invalidate()
