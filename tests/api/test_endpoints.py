"""Every endpoint answers with the portal's data, in the requested language, never more than the
public site shows (drafts, private pages and collections, unpublished activities, e-mails)."""

import pytest

from .conftest import SECRETS

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "pages",
    "documents",
    "images",
    "activities",
    "groups",
    "meetings",
    "report-editions",
]


@pytest.mark.parametrize("name", ENDPOINTS)
def test_every_endpoint_lists_and_details_without_secrets(api, site, name):
    response, data = api(f"/api/v2/{name}/?fields=*&limit=100")
    assert response.status_code == 200, data
    assert response["Content-Type"].startswith("application/json")
    assert data["meta"]["total_count"] == len(data["items"]) or data["meta"]["total_count"] > 100
    text = response.content.decode() + str(data)
    for item in data["items"]:
        detail, detail_data = api(item["meta"]["detail_url"].replace("http://testserver", ""))
        assert detail.status_code == 200, detail_data
        assert detail_data["id"] == item["id"]
        text += str(detail_data)
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked through /api/v2/{name}/"


def test_private_objects_are_not_found_by_id(api, site):
    from wagtail.models import Page

    private = Page.objects.get(title="Page privée secrète")
    draft = Page.objects.get(title="Brouillon secret")
    for page in (private, draft, site.hidden_group):
        assert api(f"/api/v2/pages/{page.pk}/")[0].status_code == 404
    assert api(f"/api/v2/groups/{site.hidden_group.pk}/")[0].status_code == 404
    for title in ("Réunion du groupe privé secrète", "Réunion en brouillon secrète"):
        meeting = Page.objects.get(title=title)
        assert api(f"/api/v2/meetings/{meeting.pk}/")[0].status_code == 404
        assert api(f"/api/v2/pages/{meeting.pk}/")[0].status_code == 404
    assert api(f"/api/v2/documents/{site.private_doc.pk}/")[0].status_code == 404
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    pending = get_document_model().objects.get(title="Document en attente secret")
    assert api(f"/api/v2/documents/{pending.pk}/")[0].status_code == 404
    image = get_image_model().objects.get(title="Image privée secrète")
    assert api(f"/api/v2/images/{image.pk}/")[0].status_code == 404
    from iati_publisher.models import Activity

    hidden = Activity.objects.get(title_fr="Activité non publiée secrète")
    assert api(f"/api/v2/activities/{hidden.pk}/")[0].status_code == 404


def test_groups_show_members_focal_points_and_lead(api, site):
    response, data = api("/api/v2/groups/?fields=*&locale=fr")
    group = next(item for item in data["items"] if item["id"] == site.groups[0].pk)
    assert group["acronym"] == site.groups[0].acronym
    assert group["lead_partner"]["id"] == site.orgs[0].pk
    assert {m["organisation"]["id"] for m in group["members"]} == {o.pk for o in site.orgs}
    assert group["focal_points"] == [
        {
            "name": "Point focal 0",
            "organisation": group["focal_points"][0]["organisation"],
            "role": "Chef de file",
        }
    ]
    assert "email" not in str(group) and "user" not in group["focal_points"][0]


def test_organisations_are_named_in_the_requested_language(api, site):
    from wagtail.models import Locale

    english = site.orgs[0].copy_for_translation(Locale.objects.get(language_code="en"))
    english.name = "Issuer in English"
    english.save()
    site.documents[0].issuing_organisations.set([site.orgs[0]])
    url = f"/api/v2/documents/{site.documents[0].pk}/"
    assert api(url + "?locale=en")[1]["issuing_organisations"][0]["name"] == "Issuer in English"
    assert api(url)[1]["issuing_organisations"][0]["name"] == site.orgs[0].name


def test_meetings_past_upcoming_and_per_group(api, site):
    _, everything = api("/api/v2/meetings/")
    _, past = api("/api/v2/meetings/?when=past")
    _, upcoming = api("/api/v2/meetings/?when=upcoming")
    assert everything["meta"]["total_count"] == 4
    assert past["meta"]["total_count"] == upcoming["meta"]["total_count"] == 2
    _, mine = api(f"/api/v2/meetings/?group={site.groups[1].pk}&fields=group,attendances")
    assert mine["meta"]["total_count"] == 2
    assert {item["group"]["id"] for item in mine["items"]} == {site.groups[1].pk}
    assert len(mine["items"][0]["attendances"]) == 2


def test_documents_use_the_library_filters_and_hide_private_links(api, site):
    _, data = api("/api/v2/documents/?fields=*")
    titles = {item["title"] for item in data["items"]}
    assert titles == {"Document public 0", "Document public 1"}
    item = data["items"][0]
    assert item["audiences"] == ["partners"] and item["languages"] == ["fr"]
    assert item["meta"]["download_url"].endswith(".pdf")
    assert "/bibliotheque/document/" in item["meta"]["html_url"]
    _, none = api("/api/v2/documents/?audience=elected")
    assert none["meta"]["total_count"] == 0
    _, tor = api("/api/v2/pages/?type=groups.TermsOfReferencePage&fields=document")
    assert tor["items"][0]["document"] is None  # the linked document is private


def test_activities_same_data_as_the_iati_xml_and_filters(api, site):
    _, data = api("/api/v2/activities/?fields=iati")
    assert data["meta"]["total_count"] == 2
    record = data["items"][0]["iati"]
    assert record["iati-identifier"][0]["text"] == data["items"][0]["iati_identifier"]
    assert record["title"][0]["narrative"][0] == {"lang": "fr", "text": "Activité 0"}
    partner = site.activities[0].reporting_org.ref
    assert api(f"/api/v2/activities/?partner={partner}")[1]["meta"]["total_count"] == 2
    assert api("/api/v2/activities/?partner=XX-NONE")[1]["meta"]["total_count"] == 0
    _, english = api("/api/v2/activities/?locale=en")
    assert english["items"][0]["title"].startswith("Support project")


def test_report_editions_with_status_and_public_document(api, site):
    from library.models import ReportEdition

    _, data = api("/api/v2/report-editions/?fields=*&limit=100")
    assert data["meta"]["total_count"] == ReportEdition.objects.count()
    with_document = [item for item in data["items"] if item["document"]]
    assert len(with_document) == 2
    assert {item["status"] for item in with_document} == {"acquired"}  # a document attached
    assert with_document[0]["document"]["title"].startswith("Document public")
    assert with_document[0]["series"]["title"]
    _, acquired = api("/api/v2/report-editions/?status=acquired")
    assert acquired["meta"]["total_count"] == 2


def test_pages_per_type_and_locale(api, site):
    _, french = api("/api/v2/pages/?locale=fr&type=groups.ThematicGroupPage&fields=acronym")
    assert french["meta"]["total_count"] == 2
    assert {item["acronym"] for item in french["items"]} == {g.acronym for g in site.groups}
    _, english = api("/api/v2/pages/?locale=en")
    assert all(item["meta"]["locale"] == "en" for item in english["items"])


def test_documentation_page_in_both_languages(client, site):
    for language, heading in (("fr", "API de données ouvertes"), ("en", "Open data API")):
        response = client.get(f"/{language}/api/")
        assert response.status_code == 200
        html = response.content.decode()
        assert heading in html
        assert "/api/v2/activities/" in html and "/api/v2/schema/" in html


def test_documentation_states_the_configured_rate_limit(client, site, settings):
    settings.API_RATE_LIMIT = "120/hour"
    french = client.get("/fr/api/").content.decode()
    assert "au plus 120 requêtes par heure et par adresse" in french
    settings.API_RATE_LIMIT = "600/min"
    assert "at most 600 requests per minute" in client.get("/en/api/").content.decode()
    settings.API_RATE_LIMIT = ""
    assert "no limit is set" in client.get("/en/api/").content.decode()


def test_activities_and_editions_can_be_ordered(api, site):
    _, up = api("/api/v2/activities/?order=iati_identifier")
    _, down = api("/api/v2/activities/?order=-iati_identifier")
    identifiers = [item["iati_identifier"] for item in up["items"]]
    assert identifiers == sorted(identifiers) and len(identifiers) == 2
    assert [item["iati_identifier"] for item in down["items"]] == identifiers[::-1]
    _, editions = api("/api/v2/report-editions/?order=-expected_date&limit=100")
    dates = [item["expected_date"] for item in editions["items"]]
    assert dates == sorted(dates, reverse=True)


def test_images_have_absolute_download_urls(api, site, settings):
    base = settings.WAGTAILAPI_BASE_URL.rstrip("/")
    _, data = api("/api/v2/images/?fields=*")
    assert {item["title"] for item in data["items"]} == {"Image publique 0", "Image publique 1"}
    for item in data["items"]:
        assert item["meta"]["download_url"].startswith(f"{base}/media/")
        assert item["meta"]["detail_url"].startswith(f"{base}/api/v2/images/")
