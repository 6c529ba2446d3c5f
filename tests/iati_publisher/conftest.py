"""Fixtures of the IATI publisher tests."""

import datetime

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

RELATIONS = (
    "dates",
    "participating_orgs",
    "contacts",
    "recipient_countries",
    "recipient_regions",
    "sectors",
    "locations",
    "budgets",
    "planned_disbursements",
    "transactions",
    "document_links",
    "results",
    "policy_markers",
    "humanitarian_scopes",
    "tags",
    "other_identifiers",
    "related_activities",
    "narratives",
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def codelists(db):
    from iati_publisher.codelists import clear_caches, ensure_codelists

    clear_caches()
    ensure_codelists()


@pytest.fixture
def reporting_org(codelists):
    from iati_publisher.factories import ReportingOrganisationFactory

    return ReportingOrganisationFactory(ref="FR-6", name_fr="AFD", name_en="AFD")


def activity_post_data(org, action=None, **overrides):
    """POST data of the activity editor for a valid activity of ``org``; ``overrides`` replaces
    top-level fields or whole inline lists (``sectors=[{...}]``)."""
    today = datetime.date.today()
    start = today - datetime.timedelta(days=400)
    data = {
        "reporting_org": org.pk,
        "iati_identifier": f"{org.ref}-TEST-1",
        "title_fr": "Santé maternelle à Mopti",
        "title_en": "Maternal health in Mopti",
        "description_fr": "Appui aux centres de santé.",
        "description_en": "Support to health centres.",
        "activity_status": "2",
        "default_currency": "XOF",
        "default_aid_type": "C01",
        "default_finance_type": "110",
        "default_flow_type": "10",
        "default_tied_status": "5",
        "collaboration_type": "1",
        "recipient_country": "ML",
        "dates": [
            {"type": "1", "iso_date": start.isoformat()},
            {"type": "2", "iso_date": start.isoformat()},
            {"type": "3", "iso_date": (start + datetime.timedelta(days=1000)).isoformat()},
        ],
        "participating_orgs": [{"role": "1", "ref": org.ref, "type": "10", "name": "AFD"}],
        "sectors": [
            {"vocabulary": "1", "code": "12220", "percentage": "60"},
            {"vocabulary": "1", "code": "13020", "percentage": "40"},
        ],
        "locations": [
            {
                "name_fr": "Mopti",
                "name_en": "Mopti",
                "latitude": "14.484300",
                "longitude": "-4.182700",
                "exactness": "1",
                "location_class": "2",
                "location_reach": "1",
            }
        ],
        "budgets": [
            {
                "type": "1",
                "status": "2",
                "period_start": f"{start.year}-01-01",
                "period_end": f"{start.year}-12-31",
                "value": "1000000",
                "currency": "XOF",
                "value_date": f"{start.year}-01-01",
            }
        ],
        "transactions": [
            {
                "transaction_type": "3",
                "transaction_date": start.isoformat(),
                "value": "250000",
                "currency": "XOF",
                "value_date": start.isoformat(),
                "provider_org_name": "AFD",
            }
        ],
    }
    data.update(overrides)
    for relation in RELATIONS:
        rows = data.get(relation, [])
        data[relation] = inline_formset(rows)
    if action:
        data[action] = "1"
    return nested_form_data(data)


@pytest.fixture
def valid_activity(reporting_org):
    from iati_publisher.factories import make_activity

    return make_activity(reporting_org=reporting_org)


def pytest_collection_modifyitems(session, config, items):
    """Run this app's browser test last: its live-server database is flushed afterwards, which
    would remove the pages created by migrations that later tests (``home_fr``) expect."""
    mine = [i for i in items if "iati_publisher/test_browser.py" in i.nodeid]
    if mine:
        items[:] = [i for i in items if i not in mine] + mine


def running_preview_job(user, token, done, message):
    """An uploaded file ``token`` whose preview job is still running at ``done``/100 (the tests
    of the checking page advance it by hand, as a worker would)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from iati_publisher.importer import uploads
    from operations.models import Job, JobStatus

    default_storage.save(f"{uploads.FOLDER}/{token}.upload.xml", ContentFile(b"<x/>"))
    return Job.objects.create(
        task_name="iati_publisher.tasks.preview_iati_upload",
        label="Check",
        user=user,
        unique_key=f"iati-preview:{token}",
        status=JobStatus.RUNNING,
        done=done,
        total=100,
        message=message,
    )
