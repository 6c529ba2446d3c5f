"""``importer.bulk_sql`` writes and serialises exactly what Django and modelcluster would.

Every row an import makes of the generated file and of the schema-coverage file (activities,
each part, revisions, log entries) is checked value by value: the statement parameters against
Django's own ``get_db_prep_save(pre_save(...))``, the revision data against modelcluster's
``get_serializable_data_for_fields``, and rows inserted by :func:`bulk_sql.insert_statement`
(keys from :func:`bulk_sql.allocate`) against the same rows inserted by ``bulk_create``, read
back from the database.
"""

import gc

import pytest
from django.db import connection
from modelcluster.models import get_serializable_data_for_fields
from psycopg2.extras import Json

from iati_publisher import models as m
from iati_publisher.importer import bulk, bulk_sql, mapping, parse_file
from iati_publisher.importer.writer import ChunkWriter

from . import big_file
from .coverage_file import coverage_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(tmp_path):
    """The generated file's activities and the schema-coverage file's (every part)."""
    generated, covered = tmp_path / "generated.xml", tmp_path / "coverage.xml"
    big_file.write(generated, 12, prefix="SQL")
    coverage_file(covered)
    return parse_file(generated).activities + parse_file(covered).activities


def _plain(value):
    return value.adapted if isinstance(value, Json) else value


def _without_block_ids(value):
    """A StreamField's raw data without its block ids (new random ones at each write)."""
    if hasattr(value, "raw_data"):
        value = list(value.raw_data)
    if isinstance(value, list):
        return [_without_block_ids(item) for item in value]
    if isinstance(value, dict):
        return {k: _without_block_ids(v) for k, v in value.items() if k != "id"}
    return value


def _imported(records):
    """The activities of ``records`` written by the bulk import, read back."""
    writer = ChunkWriter()
    writer(records)
    writer.finish()  # the writes run in the pipeline's thread until then
    activities = list(
        m.Activity.objects.filter(iati_identifier__in=[r.identifier for r in records])
    )
    return activities


def test_statement_values_are_djangos(records):
    rows = [row for record in records for kids in [mapping.children(record, {})]
            for relation in bulk.RELATIONS for row in kids[relation]]  # fmt: skip
    assert {type(row) for row in rows} >= {m.Transaction, m.Budget, m.Result, m.ActivityLocation}
    checked = 0
    for row in rows:
        for _column, attname, field, types in bulk_sql._columns(type(row)):
            if field.is_relation:
                continue
            ours = bulk_sql._value(row, attname, field, types, connection, True)
            django = field.get_db_prep_save(field.pre_save(row, True), connection)
            assert _plain(ours) == _plain(django), (type(row).__name__, attname)
            checked += 1
    assert checked > 1000


def test_revision_data_is_modelclusters(records):
    activities = _imported(records)
    assert len(activities) > 12
    compared = 0
    for activity in activities:
        rows = [activity]
        for relation in bulk.RELATIONS + bulk.EDITOR_ROWS:
            rows.extend(getattr(activity, relation).all())
        for row in rows:
            assert bulk_sql.serializable(row) == get_serializable_data_for_fields(row)
            compared += 1
    assert compared > 300


def test_insert_writes_what_bulk_create_writes(records):
    by_identifier = {a.iati_identifier: a for a in _imported(records)}
    for relation in bulk.RELATIONS:
        model = m.Activity._meta.get_field(relation).related_model
        ours, django = [], []
        for record in records:
            for target in (ours, django):
                for position, row in enumerate(mapping.children(record, {})[relation]):
                    row.activity = by_identifier[record.identifier]
                    row.sort_order = position
                    target.append(row)
        if not ours:
            continue
        ids = bulk_sql.allocate({model: len(ours)}, connection)[model]
        for row, pk in zip(ours, ids, strict=True):
            row.pk = pk
        with connection.cursor() as cursor:
            cursor.execute(*bulk_sql.insert_statement(ours, connection))
        model.objects.bulk_create(django)
        assert sorted(ids) == list(range(ids[0], ids[0] + len(ids)))
        assert min(row.pk for row in django) > max(ids)  # the sequence moved past them
        columns = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]

        def read(rows, model=model, columns=columns):
            by_pk = {r["id"]: r for r in model.objects.filter(pk__in=[x.pk for x in rows])
                     .values("id", *columns)}  # fmt: skip
            return [{k: _without_block_ids(by_pk[row.pk][k]) for k in columns} for row in rows]

        for got, expected in zip(read(ours), read(django), strict=True):
            differing = [k for k in columns if got[k] != expected[k]]
            assert differing == [], (relation, [(got[k], expected[k]) for k in differing])


def test_the_collector_is_paused_while_a_file_is_read_and_restored_after(tmp_path):
    path = tmp_path / "generated.xml"
    big_file.write(path, 7, prefix="GC")
    seen = []

    class Sink:
        size = 3

        def __call__(self, records):
            seen.append((len(records), gc.isenabled()))

    assert gc.isenabled()
    parse_file(path, sink=Sink())
    assert seen == [(3, False), (3, False), (1, False)]
    assert gc.isenabled()

    class Failing(Sink):
        def __call__(self, records):
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        parse_file(path, sink=Failing())
    assert gc.isenabled()
