"""Public IATI URLs: cached files rewritten on publish/unpublish, ETag and Last-Modified."""

import pytest
from lxml import etree

from iati_publisher import publication
from iati_publisher.factories import make_activity
from iati_publisher.schema import xsd_errors

pytestmark = pytest.mark.django_db


def identifiers(response):
    body = b"".join(response.streaming_content)
    return [e.text for e in etree.fromstring(body).iter("iati-identifier")]


def test_urls_serve_the_published_files(client, valid_activity):
    response = client.get("/iati/activities.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert identifiers(response) == [valid_activity.iati_identifier]
    org = client.get(f"/iati/{valid_activity.reporting_org.ref}/activities.xml")
    assert identifiers(org) == [valid_activity.iati_identifier]
    organisation = client.get("/iati/organisation.xml")
    assert b"<organisation-identifier>FR-6</organisation-identifier>" in b"".join(
        organisation.streaming_content
    )
    assert client.get("/iati/UNKNOWN/activities.xml").status_code == 404
    own = b"".join(client.get("/iati/FR-6/organisation.xml").streaming_content)
    root = etree.fromstring(own)
    assert [e.text for e in root.iter("organisation-identifier")] == ["FR-6"]
    assert xsd_errors(root, "organisations") == []
    assert client.head("/iati/activities.xml").status_code == 200
    assert client.post("/iati/activities.xml").status_code == 405


def test_etag_and_last_modified(client, valid_activity):
    first = client.get("/iati/activities.xml")
    assert first["ETag"] and first["Last-Modified"]
    again = client.get("/iati/activities.xml", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = client.get("/iati/activities.xml", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_file_is_not_rebuilt_per_request(client, valid_activity, monkeypatch):
    client.get("/iati/activities.xml")
    calls = []
    monkeypatch.setattr(publication, "write_activities", lambda *a, **k: calls.append(a))
    client.get("/iati/activities.xml")
    assert calls == []


def test_publish_and_unpublish_regenerate(
    client, reporting_org, django_capture_on_commit_callbacks
):
    first = make_activity(reporting_org=reporting_org)
    assert identifiers(client.get("/iati/activities.xml")) == [first.iati_identifier]
    second = make_activity(reporting_org=reporting_org, live=False)
    with django_capture_on_commit_callbacks(execute=True):
        second.save_revision().publish()
    ids = identifiers(client.get("/iati/activities.xml"))
    assert sorted(ids) == sorted([first.iati_identifier, second.iati_identifier])
    assert len(identifiers(client.get("/iati/FR-6/activities.xml"))) == 2
    with django_capture_on_commit_callbacks(execute=True):
        first.unpublish()
    assert identifiers(client.get("/iati/activities.xml")) == [second.iati_identifier]


def test_many_publications_regenerate_once(
    reporting_org, django_capture_on_commit_callbacks, monkeypatch
):
    calls = []
    monkeypatch.setattr(
        publication, "regenerate", lambda refs=None, progress=None: calls.append(refs)
    )
    activities = [make_activity(reporting_org=reporting_org, live=False) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        for activity in activities:
            activity.save_revision().publish()
    assert len(calls) == 1
    assert "FR-6" in calls[0]
