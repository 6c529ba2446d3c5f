"""Private pages stay private with the one-query view-restriction check (home/performance.py)."""

import pytest
from wagtail.models import PageViewRestriction

from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_restriction_on_the_page_and_on_an_ancestor(client, home_fr):
    parent = StandardPageFactory(parent=home_fr, slug="interne")
    child = StandardPageFactory(parent=parent, slug="notes")
    public = StandardPageFactory(parent=home_fr, slug="publique")
    PageViewRestriction.objects.create(page=parent, restriction_type=PageViewRestriction.LOGIN)

    assert list(child.get_view_restrictions()) == list(parent.get_view_restrictions())
    assert public.get_view_restrictions().count() == 0
    assert client.get("/fr/interne/notes/").status_code == 302  # to the login page
    assert client.get("/fr/publique/").status_code == 200


def test_alias_follows_its_source_restrictions(client, home_fr):
    source = StandardPageFactory(parent=home_fr, slug="source")
    other = StandardPageFactory(parent=home_fr, slug="ailleurs")
    alias = source.create_alias(parent=other, update_slug="copie")
    PageViewRestriction.objects.create(page=source, restriction_type=PageViewRestriction.LOGIN)

    assert alias.get_view_restrictions().count() == 1
    assert client.get("/fr/ailleurs/copie/").status_code == 302
