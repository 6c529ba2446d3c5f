"""Visibility through the isolation matrix: an editor of GT A, signed in, finds A's pages and
private documents and never B's, in the site search and in the admin's searches."""

import re

import pytest
from django.core.management import call_command

from library.factories import DocumentFactory
from tests.groups.test_isolation import make_group_pages

pytestmark = pytest.mark.django_db


def titles(response):
    return [
        re.sub(r"<[^>]+>", "", title)
        for title in re.findall(r'<h2><a href="[^"]*">(.*?)</a></h2>', response.content.decode())
    ]


@pytest.fixture
def two_groups(gt_a, gt_b, library_fr):
    a_pages, b_pages = make_group_pages(gt_a), make_group_pages(gt_b)
    access_a, access_b = gt_a.get_access(), gt_b.get_access()
    DocumentFactory(title="Zéro palu interne A", collection=access_a.private_collection)
    DocumentFactory(title="Zéro palu interne B", collection=access_b.private_collection)
    for page in b_pages:
        page.title = f"Zéro palu {type(page).__name__} B"
        page.save_revision().publish()
    for page in a_pages:
        page.title = f"Zéro palu {type(page).__name__} A"
        page.save_revision().publish()
    call_command("update_index", verbosity=0)
    return a_pages, b_pages


def test_site_search_shows_private_documents_only_to_their_group(client, two_groups, editor_a):
    anonymous = titles(client.get("/fr/search/", {"q": "zéro palu interne"}))
    assert anonymous == []
    client.force_login(editor_a)
    signed_in = titles(client.get("/fr/search/", {"q": "zéro palu interne"}))
    assert signed_in == ["Zéro palu interne A"]


def test_admin_page_search_finds_only_own_group_pages(client, two_groups, editor_a):
    _a_pages, b_pages = two_groups
    client.force_login(editor_a)
    for b_page in b_pages:
        label = type(b_page).__name__
        html = client.get("/admin/pages/search/", {"q": f"Zéro palu {label}"}).content.decode()
        assert f"Zéro palu {label} A" in html, label
        assert f"Zéro palu {label} B" not in html, label


def test_admin_document_search_finds_only_own_group_documents(client, two_groups, editor_a):
    client.force_login(editor_a)
    html = client.get("/admin/documents/", {"q": "zéro palu interne"}).content.decode()
    assert "Zéro palu interne A" in html
    assert "Zéro palu interne B" not in html
    # No access to the IATI activities, organisations or report series at all
    for url in (
        "/admin/snippets/iati_publisher/activity/?q=palu",
        "/admin/snippets/groups/organisation/?q=palu",
        "/admin/snippets/library/reportseries/?q=palu",
    ):
        assert client.get(url).status_code in (302, 403), url
