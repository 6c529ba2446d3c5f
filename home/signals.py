"""Keep the cached page chrome in step with the page tree and its view restrictions, and the
page cache with the content (imported in ``HomeConfig.ready``)."""

from django.conf import settings
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from . import chrome, health, pagecache
from .text import clean_instance_text


@receiver(page_published, dispatch_uid="ptf-chrome-published")
@receiver(page_unpublished, dispatch_uid="ptf-chrome-unpublished")
@receiver(post_page_move, dispatch_uid="ptf-chrome-moved")
@receiver(post_delete, sender=Page, dispatch_uid="ptf-chrome-deleted")
@receiver(post_save, sender=Locale, dispatch_uid="ptf-chrome-locale-saved")
@receiver(post_delete, sender=Locale, dispatch_uid="ptf-chrome-locale-deleted")
@receiver(post_save, sender=Site, dispatch_uid="ptf-chrome-site-saved")
@receiver(post_delete, sender=Site, dispatch_uid="ptf-chrome-site-deleted")
@receiver(post_save, sender=PageViewRestriction, dispatch_uid="ptf-chrome-restriction-saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="ptf-chrome-restriction-deleted")
def invalidate_chrome(sender, **kwargs):
    chrome.invalidate()


@receiver(post_save, dispatch_uid="ptf-chrome-alias-saved")
def alias_saved(sender, instance, raw=False, **kwargs):
    """An alias follows its source's view restrictions (``chrome.view_restrictions``)."""
    if not raw and isinstance(instance, Page) and instance.alias_of_id:
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


# --- Whole-page cache (home.pagecache): stale on every server as soon as content changes -------
# Operational records never shown on a public page do not invalidate it — above all the ones an
# anonymous visitor creates (a search without result, an alert subscription): otherwise anyone
# could empty every server's page cache with each request.
_NOT_CONTENT_APPS = {
    "operations", "sessions", "admin", "contenttypes", "axes", "django_tasks_db", "otp_totp",
    "otp_static", "wagtailadmin", "wagtailsearch", "modelsearch", "wagtailusers", "auth",
    "alerts",
}  # fmt: skip
_NOT_CONTENT_MODELS = {
    "wagtailcore.Revision", "wagtailcore.ReferenceIndex", "wagtailcore.PageLogEntry",
    "wagtailcore.ModelLogEntry", "wagtailcore.PageSubscription", "wagtailcore.WorkflowState",
    "wagtailcore.TaskState", "wagtailcore.Comment", "wagtailcore.CommentReply",
    "wagtailcore.UploadedFile", "search.UnansweredSearch", "training.LessonProgress",
    "training.TraineeAccount", "accounts.Invitation", "wagtailsearchpromotions.Query",
    "wagtailsearchpromotions.QueryDailyHits",
}  # fmt: skip


@receiver(page_published, dispatch_uid="ptf-pagecache-page-published")
@receiver(page_unpublished, dispatch_uid="ptf-pagecache-page-unpublished")
@receiver(post_page_move, dispatch_uid="ptf-pagecache-page-moved")
@receiver(published, dispatch_uid="ptf-pagecache-published")
@receiver(unpublished, dispatch_uid="ptf-pagecache-unpublished")
def invalidate_page_cache(sender, **kwargs):
    pagecache.invalidate()


@receiver(post_save, dispatch_uid="ptf-pagecache-saved")
@receiver(post_delete, dispatch_uid="ptf-pagecache-deleted")
def content_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    meta = sender._meta
    if raw or meta.app_label in _NOT_CONTENT_APPS or meta.label in _NOT_CONTENT_MODELS:
        return
    if "created" in kwargs:  # post_save
        if meta.label == settings.AUTH_USER_MODEL and set(update_fields or ()) == {"last_login"}:
            return
        # A draft (of a page or a snippet with drafts) changes nothing public; publishing sends
        # its own signal. A direct save of live content does change it.
        draftable = hasattr(instance, "has_unpublished_changes") and hasattr(instance, "live")
        if draftable and (not instance.live or instance.has_unpublished_changes):
            return
    pagecache.invalidate()


@receiver(connection_created, dispatch_uid="ptf-health-database-back")
def database_back(sender, connection, **kwargs):
    health.database_back()
