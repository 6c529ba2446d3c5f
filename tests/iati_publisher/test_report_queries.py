"""The validation report checks each activity's latest version (its draft when it has
unpublished changes): a constant number of SQL queries per page of published activities, a
few per draft whatever its rows, the draft read from the revision selected with its activity;
and a revision opens as modelcluster opens it, dangling keys included."""

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


def test_a_draft_costs_a_few_queries_whatever_its_rows(client, superuser, reporting_org):
    from iati_publisher.factories import make_activity

    client.force_login(superuser)
    make_activity(reporting_org=reporting_org, iati_identifier="FR-6-R-0")
    _queries(client)
    few, _html = _queries(client)
    for n in range(1, 6):
        _with_draft(make_activity(reporting_org=reporting_org, iati_identifier=f"FR-6-D-{n}"), "x")
    many, html = _queries(client)
    assert "FR-6-D-5" in html
    assert many - few <= 5 * 6  # was about 20 per draft (one query per key of each row)


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


def test_a_revision_opens_as_modelcluster_opens_it_with_fewer_queries(reporting_org, home_fr):
    """``Activity.from_serializable_data`` (keys checked per related model) gives what
    modelcluster's per-key check gives, dangling keys included: a deleted portal organisation
    or library document is nulled on its row."""
    from groups.factories import OrganisationFactory
    from iati_publisher.factories import make_activity
    from iati_publisher.models import Activity, DocumentLink, ParticipatingOrg
    from library.factories import DocumentFactory

    activity = make_activity(reporting_org=reporting_org, iati_identifier="FR-6-R-K")
    gone, kept = OrganisationFactory(), OrganisationFactory()
    document = DocumentFactory()
    ParticipatingOrg.objects.create(activity=activity, role="1", name="A", organisation=gone)
    ParticipatingOrg.objects.create(activity=activity, role="2", name="B", organisation=kept)
    DocumentLink.objects.create(activity=activity, title="Doc", document=document, category="A01")
    activity = Activity.objects.get(pk=activity.pk)
    content = activity.serializable_data()
    gone.delete()
    document.delete()
    with CaptureQueriesContext(connection) as ours:
        mine = Activity.from_serializable_data(content)
    with CaptureQueriesContext(connection) as theirs:
        reference = super(Activity, Activity).from_serializable_data(content, check_fks=True)
    assert mine.serializable_data() == reference.serializable_data()
    orgs = {row.name: row.organisation_id for row in mine.participating_orgs.all()}
    assert orgs["A"] is None and orgs["B"] == kept.pk
    assert [row.document_id for row in mine.document_links.all() if row.title == "Doc"] == [None]
    assert len(ours) <= 6 < len(theirs)
