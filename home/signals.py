"""Keep the cached page chrome in step with the page tree."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import chrome


def connect():
    page_published.connect(chrome.invalidate, dispatch_uid="ptf-chrome-published")
    page_unpublished.connect(chrome.invalidate, dispatch_uid="ptf-chrome-unpublished")
    post_page_move.connect(chrome.invalidate, dispatch_uid="ptf-chrome-moved")
    post_delete.connect(chrome.invalidate, sender=Page, dispatch_uid="ptf-chrome-deleted")
    for model in (Locale, Site):
        post_save.connect(
            chrome.invalidate, sender=model, dispatch_uid=f"ptf-chrome-{model.__name__}"
        )
        post_delete.connect(
            chrome.invalidate, sender=model, dispatch_uid=f"ptf-chrome-{model.__name__}-d"
        )
