"""The import's writes run in the pipeline thread (``importer.pipeline``) without changing what
the import does: progress is told once a chunk is written, an error in the thread is raised by
the import with nothing written, and the thread is done before the transaction ends."""

import pytest
from django.db import DatabaseError, connection, transaction

from iati_publisher import models as m
from iati_publisher.importer import bulk, bulk_sql, parse_file, pipeline, writer
from iati_publisher.importer.writer import ChunkWriter

from . import big_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven(tmp_path, monkeypatch):
    path = tmp_path / "seven.xml"
    big_file.write(path, 7, prefix="PIPE")
    monkeypatch.setattr(bulk, "CHUNK", 3)
    monkeypatch.setattr(ChunkWriter, "size", 3)
    return path


def test_progress_is_told_once_each_chunk_is_written(seven, monkeypatch):
    told = []

    def progress(done, total):
        # the chunk's rows are there when it is told (read in this thread, after the writes)
        told.append((done, total, m.Activity.objects.filter(live=True).count()))

    submitted = []
    submit = pipeline.Pipeline.submit

    def spy(self, statements, after=None):
        submitted.append(len(statements))
        return submit(self, statements, after)

    monkeypatch.setattr(pipeline.Pipeline, "submit", spy)
    parse_file(seven, sink=ChunkWriter(progress=progress))
    assert told == [(3, 7, 3), (6, 7, 6), (7, 7, 7)]
    assert len(submitted) == 3 and min(submitted) > 10  # the writes went through the thread


def test_an_error_in_the_thread_fails_the_import_and_nothing_is_written(seven, monkeypatch):
    original = bulk_sql.insert_statement

    def broken(objs, conn):
        sql, params = original(objs, conn)
        if type(objs[0]) is m.Budget:
            sql = sql.replace("INSERT INTO", "INSERT INTO no_such_table_", 1)
        return sql, params

    monkeypatch.setattr(bulk_sql, "insert_statement", broken)
    with pytest.raises(DatabaseError, match="no_such_table_"), transaction.atomic():
        parse_file(seven, sink=ChunkWriter())
    assert not m.Activity.objects.filter(iati_identifier__contains="PIPE").exists()
    with connection.cursor() as cursor:  # the connection is usable again
        cursor.execute("SELECT 1")


def test_an_error_of_the_reading_waits_for_the_writes_in_flight(seven, monkeypatch):
    calls = []

    class Failing(ChunkWriter):
        def __call__(self, records):
            calls.append(len(records))
            if len(calls) == 2:  # the first chunk's writes may still be running
                raise ValueError("reading failed")
            return super().__call__(records)

    sink = Failing()
    with pytest.raises(ValueError, match="reading failed"), transaction.atomic():
        parse_file(seven, sink=sink)
    assert sink.pipeline is not None and sink.pipeline._thread is None  # joined before rollback
    assert not m.Activity.objects.filter(iati_identifier__contains="PIPE").exists()


def test_chunks_are_bounded_by_their_rows_too(tmp_path, monkeypatch):
    """Activities with many transactions are written a few at a time (memory), by the job's
    streaming path and by ``writer.write`` alike."""
    path = tmp_path / "heavy.xml"
    big_file.write(path, 7, prefix="ROWS")
    parsed = parse_file(path)
    per_activity = bulk.records_.row_count(parsed.activities[0])
    assert per_activity > 20  # dates, organisations, locations, budgets, 8 transactions…
    monkeypatch.setattr(bulk, "CHUNK_ROWS", 2 * per_activity + 1)  # 3 activities per chunk
    sizes = []
    original = bulk.publish_chunk

    def spy(records, *args, **kwargs):
        sizes.append(len(records))
        return original(records, *args, **kwargs)

    monkeypatch.setattr(bulk, "publish_chunk", spy)
    parse_file(path, sink=ChunkWriter())
    assert sizes == [3, 3, 1]
    sizes.clear()
    writer.write(parsed)
    assert sizes == [3, 3, 1]
    assert m.Activity.objects.filter(iati_identifier__contains="ROWS", live=True).count() == 7
