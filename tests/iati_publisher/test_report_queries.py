"""The validation report checks each activity's latest version (its draft when it has
unpublished changes): a constant number of SQL queries per page of published activities, and a
draft read from the revision selected with its activity."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _with_draft(activity, title):
    activity.title_fr = title
    activity.save_revision()  # unpublished changes: the report checks this draft


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("iati_report:index"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_report_queries_do_not_grow_with_the_activities(client, superuser, reporting_org):
    from iati_publisher.factories import make_activity

    client.force_login(superuser)
    make_activity(reporting_org=reporting_org, iati_identifier="FR-6-R-0")
    _queries(client)  # per-process caches (codelists, content types) warmed
    few, _html = _queries(client)
    for n in range(1, 6):
        make_activity(reporting_org=reporting_org, iati_identifier=f"FR-6-R-{n}")
    many, html = _queries(client)
    assert many == few
    assert "FR-6-R-5" in html


def test_a_draft_is_checked_not_the_live_version(client, superuser, reporting_org):
    from iati_publisher.factories import make_activity
    from iati_publisher.models import Activity

    client.force_login(superuser)
    activity = make_activity(reporting_org=reporting_org, iati_identifier="FR-6-R-9")
    activity = Activity.objects.get(pk=activity.pk)
    draft = activity.latest_version()
    assert draft is activity  # no unpublished change: the activity itself
    _with_draft(activity, "Titre du brouillon")
    stored = Activity.objects.select_related("latest_revision").get(pk=activity.pk)
    draft = stored.latest_version()
    assert draft.title_fr == "Titre du brouillon" and draft.pk == stored.pk
    assert Activity.objects.get(pk=activity.pk).title_fr != "Titre du brouillon"
