"""Keep the cached page chrome in step with the page tree (imported in ``HomeConfig.ready``)."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import chrome
from .text import clean_instance_text


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


# --- Control characters XML cannot carry never reach the database (home.text) ----------------
_PROJECT_MODELS = {}


def _is_project_model(model):
    """Models of this repository's apps (and Wagtail's base Page), not third-party ones."""
    if model not in _PROJECT_MODELS:
        from django.conf import settings

        app = model._meta.app_config
        path = str(getattr(app, "path", "") or "")
        _PROJECT_MODELS[model] = (
            model._meta.label == "wagtailcore.Page"
            or path.startswith(str(settings.BASE_DIR))
            and "site-packages" not in path
        )
    return _PROJECT_MODELS[model]


@receiver(pre_save, dispatch_uid="ptf-clean-text-on-save")
def clean_text_on_save(sender, instance, raw=False, **kwargs):
    """Page titles and fields, snippets, documents and images' metadata of the project's apps."""
    if raw or not _is_project_model(sender):
        return
    clean_instance_text(instance)
