"""One validation engine (issue 12, point 6): the activity editor's checks and the file
validator agree. An activity the editor accepts exports XML the validator finds valid; for the
rules the editor enforces, the validator finds the same rule in the exported file; each problem
the official engine finds is placed on the editor's field and inline row."""

import datetime
import io
import random
from decimal import Decimal

import pytest
from lxml import etree

from iati_publisher.checks import ERROR, check_activity
from iati_publisher.export import activities_document
from iati_publisher.factories import ActivityFactory, activity_parts
from iati_publisher.models import ActivitySector
from iati_publisher.validation import validate_file

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)
UPDATED = datetime.datetime(2026, 5, 31, 12, 0, tzinfo=datetime.UTC)


def _exported(activity, parts, errors_only=True):
    """The rule ids of the errors (or of all problems) the file validator finds in the export
    of ``activity``."""
    from iati_publisher.checks import Snapshot

    document = activities_document([Snapshot(activity, parts)])
    report = validate_file(io.BytesIO(etree.tostring(document)), today=TODAY)
    assert report.fatal is None
    return {p.rule_id for p in (report.errors if errors_only else report.problems)}


def _editor_errors(activity, parts):
    return {p.rule_id for p in check_activity(activity, parts, today=TODAY) if p.severity == ERROR}


@pytest.fixture
def activity(reporting_org):
    return ActivityFactory(
        reporting_org=reporting_org, iati_identifier="FR-6-ONE-1", last_updated=UPDATED
    )


@pytest.mark.parametrize("seed", range(6))
def test_what_the_editor_accepts_the_validator_accepts(activity, seed):
    rng = random.Random(seed)
    parts = activity_parts(
        activity, rng=rng, transactions=rng.randint(1, 5), sectors=rng.randint(1, 3), today=TODAY
    )
    assert _editor_errors(activity, parts) == set()
    assert _exported(activity, parts) == set()


def _future_transaction(activity, parts):
    parts["transactions"][0].transaction_date = TODAY + datetime.timedelta(days=3)
    return "11.2.1"


def _sector_sum(activity, parts):
    parts["sectors"] = [
        ActivitySector(vocabulary="1", code="12220", percentage=Decimal(50)),
        ActivitySector(vocabulary="1", code="11220", percentage=Decimal(20)),
    ]
    return "2.1.2"


def _identifier(activity, parts):
    activity.iati_identifier = "XM-OTHER-1"
    return "1.1.21"


def _bad_code(activity, parts):
    activity.activity_status = "9"
    return "codelist"


@pytest.mark.parametrize("breaks", [_future_transaction, _sector_sum, _identifier, _bad_code])
def test_a_rule_the_editor_enforces_is_found_by_the_validator_in_the_export(activity, breaks):
    parts = activity_parts(activity, rng=random.Random(1), today=TODAY)
    rule = breaks(activity, parts)
    assert rule in _editor_errors(activity, parts)
    # the editor may be stricter: 1.1.21 is a warning for IATI, an error before publishing here
    assert rule in _exported(activity, parts, errors_only=rule != "1.1.21")


def test_the_official_engine_s_problems_land_on_the_editor_s_fields(activity):
    parts = activity_parts(activity, rng=random.Random(2), today=TODAY)
    parts["transactions"][1].transaction_type = "99"  # only the official codelist check sees it
    activity.default_flow_type = "77"
    problems = [p for p in check_activity(activity, parts, today=TODAY) if p.rule_id == "codelist"]
    assert {(p.relation, p.index, p.field) for p in problems} == {
        ("transactions", 1, "transaction_type"),
        (None, None, "default_flow_type"),
    }
    assert all(p.xpath.startswith("/iati-activities/iati-activity") for p in problems)
    assert all("99" in p.message or "77" in p.message for p in problems)
