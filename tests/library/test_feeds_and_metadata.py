"""RSS feeds of new documents, the sitemap, and required metadata before a document is public."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection
from wagtail.test.utils.form_data import nested_form_data

from groups.models import Organisation
from library.factories import DocumentFactory
from library.models import Audience, CustomDocument, DocumentLanguage
from library.pdf import make_pdf

pytestmark = pytest.mark.django_db


def test_global_group_and_audience_feeds(client, library_fr, groups_fr):
    health = DocumentFactory(title="Revue du secteur santé", audiences=["partners"])
    health.thematic_groups.set([groups_fr[0]])
    DocumentFactory(title="Budget citoyen", audiences=["civil_society"])
    DocumentFactory(title="Brouillon", is_listed=False)

    feed = client.get("/fr/bibliotheque/feeds/rss/")
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/rss+xml")
    body = feed.content.decode()
    assert "Revue du secteur santé" in body and "Budget citoyen" in body and "Brouillon" not in body
    assert library_fr.document_url(health) in body

    group_feed = client.get(f"/fr/bibliotheque/feeds/rss/group/{groups_fr[0].pk}/").content.decode()
    assert "Revue du secteur santé" in group_feed and "Budget citoyen" not in group_feed

    audience_feed = client.get(
        "/fr/bibliotheque/feeds/rss/audience/civil_society/"
    ).content.decode()
    assert "Budget citoyen" in audience_feed and "Revue du secteur" not in audience_feed

    assert client.get("/fr/bibliotheque/feeds/rss/audience/martians/").status_code == 404
    assert client.get("/fr/bibliotheque/feeds/rss/group/999999/").status_code == 404
    # Advertised in the page head
    assert b'type="application/rss+xml"' in client.get("/fr/bibliotheque/").content
    # Filtering on a group advertises that group's feed
    page = client.get(f"/fr/bibliotheque/?group={groups_fr[0].pk}").content.decode()
    assert f"/fr/bibliotheque/feeds/rss/group/{groups_fr[0].pk}/" in page


def test_document_pages_are_in_the_sitemap(client, library_fr):
    document = DocumentFactory(title="Stratégie nationale")
    hidden = DocumentFactory(title="Non listé", is_listed=False)
    body = client.get("/sitemap.xml").content.decode()
    assert f"/fr/bibliotheque/document/{document.pk}/strategie-nationale/" in body
    assert f"/document/{hidden.pk}/" not in body


# --- Required metadata before public ---------------------------------------------------------


@pytest.fixture
def organisation():
    from wagtail.models import Locale

    return Organisation.objects.create(name="PNUD", locale=Locale.objects.get(language_code="fr"))


def edit_data(document, **overrides):
    data = {
        "title": document.title,
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
        "description": "",
        "document_type": "",
        "publication_date": "",
        "country_scope": "mali",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_cannot_show_publicly_without_required_metadata(admin_client, organisation):
    document = DocumentFactory(is_listed=False, description="", audiences=[], languages=[])
    url = reverse("wagtaildocs:edit", args=(document.pk,))
    response = admin_client.post(url, edit_data(document, is_listed="on"))
    assert response.status_code == 200
    assert response.context["form"].has_error("is_listed", code="incomplete")
    message = response.context["form"].errors["is_listed"][0]
    assert message in response.content.decode()
    document.refresh_from_db()
    assert document.is_listed is False

    complete = edit_data(
        document,
        is_listed="on",
        description="Le rapport annuel.",
        document_type="report",
        publication_date="2025-12-01",
    )
    complete["issuing_organisations"] = [organisation.pk]
    complete["languages"] = [DocumentLanguage.objects.get(code="fr").pk]
    complete["audiences"] = [Audience.objects.get(code="partners").pk]
    response = admin_client.post(url, complete)
    assert response.status_code == 302, response.content.decode()[:2000]
    document.refresh_from_db()
    assert document.is_listed is True
    assert document.publication_date == datetime.date(2025, 12, 1)
    assert list(document.issuing_organisations.all()) == [organisation]


def test_multiple_upload_then_metadata_form(admin_client, organisation, library_fr, client):
    upload = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": SimpleUploadedFile(
                "Revue conjointe.pdf", make_pdf(["Revue conjointe du secteur de l'eau"])
            ),
            # several collections exist (e.g. training's "Formation"): the form asks for one
            "collection": Collection.get_first_root_node().pk,
        },
    )
    document = CustomDocument.objects.get(pk=upload.json()["doc_id"])
    assert document.is_listed is False
    assert "Revue conjointe du secteur" in document.extracted_text
    # Not public yet
    assert client.get(library_fr.document_url(document)).status_code == 404

    prefix = f"doc-{document.pk}-"
    data = {
        prefix + "title": "Revue conjointe du secteur de l'eau",
        prefix + "collection": Collection.get_first_root_node().pk,
        prefix + "tags": "eau",
        prefix + "description": "Aide-mémoire de la revue conjointe.",
        prefix + "document_type": "minutes",
        prefix + "publication_date": "2026-02-10",
        prefix + "issuing_organisations": [organisation.pk],
        prefix + "languages": [DocumentLanguage.objects.get(code="fr").pk],
        prefix + "audiences": [Audience.objects.get(code="administration").pk],
        prefix + "country_scope": "mali",
        prefix + "is_listed": "on",
    }
    response = admin_client.post(reverse("wagtaildocs:edit_multiple", args=(document.pk,)), data)
    assert response.json()["success"] is True, response.json()
    document.refresh_from_db()
    assert document.is_listed and document.document_type == "minutes"
    page = client.get(library_fr.document_url(document))
    assert page.status_code == 200
    assert "Aide-mémoire de la revue conjointe." in page.content.decode()
