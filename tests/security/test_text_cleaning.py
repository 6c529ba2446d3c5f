"""Control characters XML cannot carry are removed on save (page titles and fields, StreamField
blocks, snippets, document metadata), and the feeds and iCal files tolerate any stored text:
one pasted soft line break (Word's vertical tab) never breaks them for everyone."""

import pytest
from django.test import Client
from wagtail.models import Page

from groups.factories import OrganisationFactory
from home.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory
from library.factories import DocumentFactory

pytestmark = pytest.mark.django_db
DIRTY = "Ligne\x0bsuivante\x00 et\x1f fin\x7f"
CLEAN = "Lignesuivante et fin"


def test_saved_text_fields_lose_control_characters(home_fr):
    news_index = NewsIndexPageFactory(parent=home_fr)
    news = NewsPageFactory(parent=news_index, title=DIRTY, summary=DIRTY)
    news.save_revision().publish()
    news.refresh_from_db()
    assert news.title == CLEAN and news.summary == CLEAN
    assert Page.objects.get(pk=news.pk).draft_title == CLEAN
    page = StandardPageFactory(parent=home_fr, title="Page", intro=DIRTY)
    page.body = [("paragraph", f"<p>{DIRTY}</p>")]
    page.save()
    page.refresh_from_db()
    assert page.intro == CLEAN and page.body[0].value.source == f"<p>{CLEAN}</p>"
    organisation = OrganisationFactory(name=DIRTY)
    organisation.refresh_from_db()
    assert organisation.name == CLEAN
    document = DocumentFactory(title=DIRTY, description="\tTab\r\nkept\x0c")
    document.refresh_from_db()
    assert document.title == CLEAN and document.description == "\tTab\r\nkept"


def test_feeds_tolerate_text_stored_without_cleaning(home_fr):
    news_index = NewsIndexPageFactory(parent=home_fr)
    news = NewsPageFactory(parent=news_index, title="Titre", summary="Résumé")
    news.save_revision().publish()
    # bypass save(): as if the text came from before this rule, or from a bulk import
    stored = DIRTY.replace("\x00", "")  # PostgreSQL itself refuses NUL
    type(news).objects.filter(pk=news.pk).update(title=stored, summary=stored)
    client = Client()
    for url in ("/fr/feeds/news.rss", "/fr/feeds/news.atom"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Lignesuivante" in response.content.decode()


def test_state_changes_need_the_csrf_token(superuser, db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    assert client.post("/admin/invitations/add/", {"email": "a@example.org"}).status_code == 403
    assert client.post("/admin/2fa/setup/", {"action": "remove"}).status_code == 403
