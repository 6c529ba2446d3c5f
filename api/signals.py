"""Invalidate the API's cached responses whenever published content changes.

Everything the API shows comes from published pages and their view restrictions, library
documents and images, their collections' privacy, published IATI activities and their
reporting organisations, organisations and the report calendar: a change to any of them bumps the ``api`` generation of ``home.cache`` (every cached response
becomes stale at once). Draft saves of pages and activities change nothing public and do not
invalidate. Imported in ``ApiConfig.ready``.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from groups.models import Organisation
from home import cache
from iati_publisher.models import Activity, ReportingOrganisation
from library.models import ReportEdition, ReportSeries

CACHE_NAME = "api"

Document = get_document_model()
Image = get_image_model()
SAVED_OR_DELETED = (
    Document,
    Image,
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,  # a page made private leaves every answer at once
    Organisation,
    ReportingOrganisation,
    ReportSeries,
    ReportEdition,
    Locale,
    Site,
)
DOCUMENT_RELATIONS = (
    Document.audiences.through,
    Document.languages.through,
    Document.thematic_groups.through,
    Document.issuing_organisations.through,
    CollectionViewRestriction.groups.through,
    PageViewRestriction.groups.through,
)


def invalidate(sender=None, **kwargs):
    cache.invalidate(CACHE_NAME)


receiver(page_published, dispatch_uid="api-page-published")(invalidate)
receiver(page_unpublished, dispatch_uid="api-page-unpublished")(invalidate)
receiver(post_page_move, dispatch_uid="api-page-moved")(invalidate)
receiver(post_delete, sender=Page, dispatch_uid="api-page-deleted")(invalidate)
for _model in SAVED_OR_DELETED:
    receiver(post_save, sender=_model, dispatch_uid=f"api-saved-{_model.__name__}")(invalidate)
    receiver(post_delete, sender=_model, dispatch_uid=f"api-deleted-{_model.__name__}")(invalidate)
for _through in DOCUMENT_RELATIONS:
    receiver(m2m_changed, sender=_through, dispatch_uid=f"api-m2m-{_through.__name__}")(invalidate)


@receiver(published, sender=Activity, dispatch_uid="api-activity-published")
@receiver(unpublished, sender=Activity, dispatch_uid="api-activity-unpublished")
@receiver(post_delete, sender=Activity, dispatch_uid="api-activity-deleted")
def activity_changed(sender, **kwargs):
    invalidate()
