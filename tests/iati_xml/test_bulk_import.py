"""The bulk import (``importer.bulk``) gives what Wagtail's own publish gives, in constant SQL.

The reference ("slow path") is the editor's: each activity saved with its children, then
``save_revision()`` and ``revision.publish()``. Both paths import the published example files
(official annotated example, real-world samples, the schema-coverage file, a generated file),
first as creations, then again as updates; the activities are compared field by field (rows,
child rows, revisions, log entries, search index entries) and their re-exported XML byte for
byte. The SQL of one chunk is counted at two chunk sizes: the same.
"""

import datetime as dt
import io
import json
import re
import threading
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from modelsearch.backends.database.postgres.postgres import IndexEntry
from wagtail.actions.create import CreateAction
from wagtail.actions.edit import EditAction
from wagtail.models import ModelLogEntry, Revision

from iati_publisher import kept
from iati_publisher import models as m
from iati_publisher.export import write_activities
from iati_publisher.importer import bulk, mapping, parse_file, pipeline, writer

from . import big_file
from .coverage_file import coverage_file
from .helpers import IOM_MALI, SAMPLES

DECIMAL = re.compile(r"^-?\d+\.\d+$")
IDS = {"pk", "id", "activity", "activity_id"}
DRAFT_STATE = {
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "latest_revision",
    "live_revision",
    "expired",
}


def _reference_write(parsed, user=None):
    """Wagtail's own create/edit + publish actions, one activity at a time (the editor's)."""
    portal = writer._portal_organisations(writer._all_org_refs(parsed.activities))
    orgs = {}
    for record in parsed.activities:
        reporting_org = writer._reporting_org(record.reporting_org, orgs, portal)
        activity = m.Activity.objects.filter(iati_identifier=record.identifier).first()
        action = EditAction if activity else CreateAction
        activity = activity or m.Activity(iati_identifier=record.identifier)
        activity.reporting_org = reporting_org
        for name, value in mapping.activity_fields(record).items():
            setattr(activity, name, value)
        kept.seal(activity.clean_texts(), getattr(record, "xml", None))
        for relation, rows in mapping.children(record, portal).items():
            for position, row in enumerate(rows):  # as the editor's ordered formsets do
                row.sort_order = position
            setattr(activity, relation, rows)
        action(activity, user=user, publish=True, clean=False).execute(skip_permission_checks=True)
        m.ActivityCheck.objects.filter(activity=activity).delete()


def _plain(value, now):
    raw = getattr(value, "raw_data", None)  # a StreamField value: its blocks' random ids out
    if raw is not None:
        value = list(raw)
    if isinstance(value, str) and value[:2] == "[{":  # the same, serialised in a revision
        value = json.loads(value)
    if isinstance(value, str) and DECIMAL.match(value):
        # a revision of a live activity holds its numbers as written (11.5500), one of a new
        # activity as read back (11.55): Wagtail's own create and edit differ there
        return Decimal(value).normalize()
    if isinstance(value, dt.datetime) and abs(value - now) < dt.timedelta(hours=1):
        return "NOW"
    if isinstance(value, str) and value[:4] == str(now.year):  # a serialised datetime
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        return _plain(parsed, now) if parsed.tzinfo else value
    if isinstance(value, dict):
        return {k: _plain(v, now) for k, v in value.items() if k not in IDS}
    if isinstance(value, list):
        return [_plain(v, now) for v in value]
    return value


def _snapshot():
    """Everything the import wrote, by IATI identifier, without ids and 'now' timestamps."""
    now = timezone.now()
    result = {}
    for activity in m.Activity.objects.order_by("iati_identifier"):
        row = {
            f.name: _plain(getattr(activity, f.attname), now)
            for f in m.Activity._meta.concrete_fields
            if f.name not in ("id", "latest_revision", "live_revision")
        }
        for relation in bulk.RELATIONS:
            related = m.Activity._meta.get_field(relation).related_model
            row[relation] = [
                _plain(values, now)
                for values in related.objects.filter(activity=activity)
                .order_by("sort_order")
                .values()
            ]
        revisions = Revision.objects.for_instance(activity).order_by("created_at", "pk")
        assert activity.latest_revision_id == activity.live_revision_id == revisions.last().pk
        row["revisions"] = [
            _plain({k: v for k, v in r.content.items() if k not in DRAFT_STATE}, now)
            for r in revisions
        ]
        row["log"] = sorted(
            ModelLogEntry.objects.filter(object_id=str(activity.pk)).values_list(
                "action", "label", "content_changed", "revision_id"
            ),
            key=lambda entry: (entry[0], entry[3]),
        )
        row["log"] = [(a, label, changed, rid is not None) for a, label, changed, rid in row["log"]]
        row["index"] = list(
            IndexEntry.objects.filter(object_id=str(activity.pk)).values_list(
                "title_text", "body_text"
            )
        )
        result[activity.iati_identifier] = row
    out = io.BytesIO()
    write_activities(
        out, m.Activity.objects.all(), generated=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    )
    return result, out.getvalue()


def _diff(got, expected, path=""):
    """The first place where ``got`` and ``expected`` differ (for the assertion message)."""
    if isinstance(expected, dict) and isinstance(got, dict):
        for key in sorted(set(got) | set(expected), key=str):
            if got.get(key) != expected.get(key):
                return _diff(got.get(key), expected.get(key), f"{path}.{key}")
    if isinstance(expected, list) and isinstance(got, list) and len(got) == len(expected):
        for index, (one, other) in enumerate(zip(got, expected, strict=True)):
            if one != other:
                return _diff(one, other, f"{path}[{index}]")
    return f"{path}: {got!r} != {expected!r}"


def _clear():
    for activity in m.Activity.objects.all():
        activity.delete()
    Revision.objects.all().delete()
    ModelLogEntry.objects.all().delete()
    IndexEntry.objects.all().delete()
    # the reporting organisations stay: their ids are in the activities' fingerprints


def _files(tmp_path):
    coverage = tmp_path / "coverage.xml"
    coverage_file(coverage)
    generated = tmp_path / "generated.xml"
    big_file.write(generated, 12)
    return [
        SAMPLES / "official" / "activity-standard-example-annotated.xml",
        IOM_MALI,
        SAMPLES / "real-world" / "iaticloud-example_203_file.xml",
        coverage,
        generated,
    ]


@pytest.mark.django_db
def test_bulk_import_is_wagtail_publish_field_by_field(tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "CHUNK", 5)  # several chunks per file
    # a file without last-updated-datetime: the import time, the same for both paths
    frozen = timezone.now()
    monkeypatch.setattr(mapping.timezone, "now", lambda: frozen)
    files = _files(tmp_path)
    parsed = [parse_file(path) for path in files]
    for each in parsed:  # created, then updated
        _reference_write(each)
    for each in parsed:
        _reference_write(each)
    expected, expected_xml = _snapshot()
    _clear()
    for each in parsed:
        writer.write(each)
    for each in parsed:
        writer.write(each)
    got, got_xml = _snapshot()
    assert len(got) == len(expected) > 30
    assert got.keys() == expected.keys()
    differences = [
        (identifier, name, _diff(got[identifier][name], value))
        for identifier, row in expected.items()
        for name, value in row.items()
        if got[identifier][name] != value
    ]
    assert differences == []
    assert got_xml == expected_xml
    assert all(len(row["revisions"]) == 2 for row in got.values())  # one per import


PUBLISH_CHUNK = bulk.publish_chunk


def _queries_per_chunk(tmp_path, monkeypatch, size, prefix):
    path = tmp_path / f"{prefix}.xml"
    big_file.write(path, size * 2, prefix=prefix)
    parsed = parse_file(path)
    ContentType.objects.get_for_model(m.Activity)  # Django's once-per-process lookup
    monkeypatch.setattr(bulk, "CHUNK", size)
    original, counts, submitted = PUBLISH_CHUNK, [], []
    submit = pipeline.Pipeline.submit

    def counted_submit(self, statements, after=None):
        submitted.append(len(statements))  # run later, in the pipeline's thread
        return submit(self, statements, after)

    def counted(*args, **kwargs):
        here, queries = threading.get_ident(), []

        def count(execute, *query):  # this thread's queries (not the previous chunk's writes)
            if threading.get_ident() == here:
                queries.append(query[0])
            return execute(*query)

        with connection.execute_wrapper(count):
            result = original(*args, **kwargs)
        counts.append(len(queries) + submitted.pop())
        return result

    monkeypatch.setattr(pipeline.Pipeline, "submit", counted_submit)
    monkeypatch.setattr(bulk, "publish_chunk", counted)
    writer.write(parsed)  # two chunks of creations
    writer.write(parsed)  # two chunks of updates
    return counts


@pytest.mark.django_db
def test_queries_per_chunk_do_not_grow_with_its_size(tmp_path, monkeypatch):
    small = _queries_per_chunk(tmp_path, monkeypatch, 3, "SMALL")
    large = _queries_per_chunk(tmp_path, monkeypatch, 30, "LARGE")
    assert small == large
    created, updated = small[0], small[2]
    assert small == [created, created, updated, updated]
    assert created <= 21 and updated <= 41
