"""When a document was first listed in the public library (``listed_at``): stamped when it
becomes public (a moderator's approval, a publisher's direct publication), kept when it is
delisted and listed again, filled from the upload date for documents already listed (data
migration); the feeds and the group page's latest documents are ordered by it."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from library import moderation
from library.factories import DocumentFactory
from library.models import CustomDocument

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def uploaded(days_ago, **fields):
    """A document uploaded ``days_ago`` days ago (``created_at`` is Wagtail's upload date)."""
    document = DocumentFactory(**fields)
    moment = timezone.now() - days_ago * DAY
    CustomDocument.objects.filter(pk=document.pk).update(created_at=moment)
    document.refresh_from_db()
    return document


def test_stamped_on_approval_not_on_upload(gt_a, moderator_a):
    document = uploaded(3, review_status="pending", collection=gt_a.get_collection())
    assert document.listed_at is None  # waiting for the moderators: not public
    before = timezone.now()
    moderation.approve(document, moderator_a)
    document.refresh_from_db()
    assert document.listed_at >= before > document.created_at


def test_direct_publication_is_stamped_and_relisting_keeps_the_first_date(db):
    document = DocumentFactory()  # approved at once, as the Pool Technique publishes
    first = document.listed_at
    assert first is not None
    document.is_listed = False
    document.save()
    document.is_listed = True
    document.save()
    document.refresh_from_db()
    assert document.listed_at == first
    unlisted = DocumentFactory(is_listed=False)
    assert unlisted.listed_at is None


def test_migration_fills_listed_documents_from_their_upload_date(db):
    fill = importlib.import_module("library.migrations.0008_document_listed_at")
    listed = uploaded(10)
    pending = uploaded(5, review_status="pending")
    CustomDocument.objects.update(listed_at=None)
    fill.fill_from_upload_date(apps, None)
    listed.refresh_from_db()
    pending.refresh_from_db()
    assert listed.listed_at == listed.created_at and pending.listed_at is None


def test_feeds_and_group_page_put_the_latest_listed_first(client, gt_a, moderator_a, home_fr):
    from groups.queries import latest_documents
    from library.factories import make_library_page

    library = make_library_page(home_fr)
    gt_a.save_revision().publish()
    old = uploaded(1, title="Listé hier", collection=gt_a.get_collection())
    CustomDocument.objects.filter(pk=old.pk).update(listed_at=timezone.now() - DAY)
    approved_late = uploaded(30, title="Déposé il y a un mois, approuvé aujourd’hui",
                             review_status="pending", collection=gt_a.get_collection())  # fmt: skip
    moderation.approve(approved_late, moderator_a)
    assert [d.title for d in latest_documents(gt_a)] == [approved_late.title, old.title]
    for url in (library.url + "feeds/rss/", gt_a.url + "rss/"):
        feed = client.get(url).content.decode()
        assert feed.index(approved_late.title) < feed.index(old.title), url
