"""Publish a chunk of imported activities in bulk: the fast path of :func:`writer.write`.

The end state is the one of Wagtail's ``save_revision().publish()`` for each activity (tested
field by field against it in tests/iati_xml/test_bulk_import.py): the activity row live, its
child rows, ONE revision whose content is the activity as published (serialised once, from
the rows just written), ``latest_revision`` = ``live_revision`` = that revision, publication
dates, the "create"/"edit" and "publish" log entries, its search index entry. What differs is
how, for a chunk of ``CHUNK`` activities (or ``CHUNK_ROWS`` part rows) at once:

- the activities are inserted with one INSERT (updated ones with one UPDATE), their child
  rows with one INSERT per relation, the revisions with one INSERT, the revision pointers with
  one UPDATE, the log entries with one INSERT (:mod:`bulk_sql`: ``bulk_create`` and
  ``bulk_update`` without their per-value Python); the old child rows and stored checks of
  re-imported activities with one DELETE per relation (no per-row ``post_delete``: the
  chunk's invalidation is sent once);
- no per-object signal: the search index is updated with one ``add_bulk`` per backend, and
  Wagtail's ``published`` signal is sent once per reporting organisation of the chunk (its
  receivers — the published files' regeneration per organisation, the API, aid-map and page
  caches of ``home.cache`` — invalidate, they do not read the instance's fields); with
  per-object ``save()`` each activity cost a search-index task, two log ``full_clean`` queries
  and four cache round trips.

SQL: a constant number of queries per chunk whatever its size (asserted in the tests at two
sizes; created ≤ 21, updated ≤ 41): 1 SELECT of the existing activities, 1 of their thematic
groups, 18 + 1 DELETEs when some are re-imported (the editor's rows of parts the source holds
again included), 1 allocation of the chunk's primary keys (PostgreSQL), 1-2 activity writes,
≤ 13 child-row INSERTs (the title and description narratives included), 1 revision INSERT,
1 pointer UPDATE, 1 log INSERT, the search backend's bulk insert (1-3 queries). A partial
record (the spreadsheet's, ``records.Activity.stored``) brings copies of its stored rows, the
editor's parts included (≤ 5 more INSERTs, only for those). On PostgreSQL the INSERTs and
UPDATEs run in the :mod:`pipeline` thread while the next chunk is read.
"""

from __future__ import annotations

from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations
from modelsearch.backends import get_search_backends_with_name
from wagtail.log_actions import get_active_log_context
from wagtail.log_actions import registry as log_registry
from wagtail.models import Revision
from wagtail.signals import published

from iati_publisher import extra_parts, kept
from iati_publisher import models as m
from iati_publisher.models.parts import ExactDecimalField

from . import bulk_sql, mapping
from . import records as records_
from .bulk_sql import serializable

CHUNK = 500  # activities written together, at most
# part rows written together, at most: 500 rich activities make ~17,000; a file whose
# activities hold thousands of transactions each is written a few activities at a time, so
# that a chunk's statements and records stay the size of an ordinary chunk (memory)
CHUNK_ROWS = 20_000


def is_full(activities: int, rows: int) -> bool:
    """Whether a chunk of ``activities`` records making ``rows`` part rows is written now."""
    return activities >= CHUNK or rows >= CHUNK_ROWS


def chunks(records):
    """``records`` cut into the chunks :func:`is_full` allows (in order)."""
    chunk, rows = [], 0
    for record in records:
        chunk.append(record)
        rows += records_.row_count(record)
        if is_full(len(chunk), rows):
            yield chunk
            chunk, rows = [], 0
    if chunk:
        yield chunk


RELATIONS = extra_parts.IMPORTED  # the relations an import maps to rows
# Rows the editor makes of elements an import keeps in the activity's source (extra_parts): after
# an import the source is their truth, so rows left from an earlier edit are stale and removed.
EDITOR_ROWS = extra_parts.RELATIONS
# bookkeeping fields the activity rows of a re-import keep (pointers are set afterwards)
NOT_UPDATED = {"id", "latest_revision", "live_revision"}


def _updatable_fields():
    return [f.name for f in m.Activity._meta.concrete_fields if f.name not in NOT_UPDATED]


def _raw_delete(queryset):
    """DELETE without loading the rows (nothing cascades from them; no per-row signal)."""
    queryset._raw_delete(queryset.db)


def delete_children(activity_ids) -> None:
    """Remove the child rows and stored checks of ``activity_ids`` (one DELETE each)."""
    if not activity_ids:
        return
    for relation in RELATIONS + EDITOR_ROWS:
        related = m.Activity._meta.get_field(relation).related_model
        _raw_delete(related.objects.filter(activity_id__in=activity_ids))
    _raw_delete(m.ActivityCheck.objects.filter(activity_id__in=activity_ids))


def _m2m_values(activities) -> dict:
    """{activity pk: {m2m field name: [pks]}} of existing activities, in one query per field,
    in the order ``serializable_data`` reads them (the related model's ordering)."""
    result = {a.pk: {} for a in activities}
    if not result:
        return result
    for field in get_all_child_m2m_relations(m.Activity):
        if not field.serialize:
            continue
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        ordering = [f"{target}__{name}" for name in field.related_model._meta.ordering or ["pk"]]
        rows = (
            through.objects.filter(**{f"{source}__in": list(result)})
            .order_by(*ordering)
            .values_list(f"{source}_id", f"{target}_id")
        )
        for name in result.values():
            name[field.name] = []
        for activity_id, item_id in rows:
            result[activity_id][field.name].append(item_id)
    return result


@cache
def _read_back(model):
    """The fields of ``model`` whose value read from the database differs from the one written
    (``ExactDecimalField``: 11.5500 is read back as 11.55)."""
    return [f for f in model._meta.concrete_fields if isinstance(f, ExactDecimalField)]


def _as_read(row):
    for field in _read_back(type(row)):
        value = getattr(row, field.attname)
        if value is not None:
            setattr(row, field.attname, field.from_db_value(value, None, None))
    return row


def _revision_content(activity, kids, m2m) -> dict:
    """``activity.serializable_data()``, built from the rows just written (no read back: their
    values as the database gives them back, ``_as_read``)."""
    content = serializable(activity)
    for name in RELATIONS:
        content[name] = [serializable(_as_read(row)) for row in kids[name]]
    for name in EDITOR_ROWS:  # only a partial record (spreadsheet) brings rows of these
        content[name] = [serializable(row) for row in kids.get(name, ())]
    for field in get_all_child_m2m_relations(m.Activity):
        if field.serialize:
            content[field.name] = m2m.get(field.name, [])
    return content


def _index(activities) -> None:
    """The chunk's search index entries, one bulk insert per backend (Wagtail indexes each
    saved object with one task)."""
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(m.Activity, activities)
        except Exception:
            if not backend.catch_indexing_errors:
                raise
            import logging

            logging.getLogger(__name__).exception("Bulk indexing failed in %s", name)


def _log_entries(model, activities, created, user, now) -> list:
    """The "create"/"edit" and "publish" entries of each activity (``created``: ids of the new
    instances), unsaved."""
    context = get_active_log_context()
    content_type = ContentType.objects.get_for_model(m.Activity, for_concrete_model=False)
    user = user or context.user
    entries = []
    for activity in activities:
        label = str(activity) or f"Activity object ({activity.pk})"
        for action in ("wagtail.create" if id(activity) in created else "wagtail.edit",
                       "wagtail.publish"):  # fmt: skip
            entries.append(
                model(
                    content_type=content_type,
                    label=label,
                    action=action,
                    timestamp=now,
                    data={},
                    user=user,
                    uuid=context.uuid,
                    revision=activity.live_revision,
                    content_changed=True,  # as Wagtail logs them
                    object_id=str(activity.pk),
                )
            )
    return entries


class _Writes:
    """A chunk's INSERTs and UPDATEs. PostgreSQL: the rows get keys drawn beforehand
    (``bulk_sql.allocate``, one query) and the statements are kept, to run in order later (in
    the ``pipeline`` thread); other databases: ``bulk_create``/``bulk_update`` at once."""

    def __init__(self, counts):
        self.connection = connections[m.Activity.objects.db]
        self.ids = bulk_sql.allocate(counts, self.connection)
        self.taken = dict.fromkeys(counts, 0)
        self.statements = []

    def insert(self, objs):
        if not objs:
            return
        model = type(objs[0])
        if self.ids is None:
            model.objects.bulk_create(objs)
            return
        start = self.taken[model]
        self.taken[model] += len(objs)
        for obj, pk in zip(objs, self.ids[model][start : self.taken[model]], strict=True):
            obj.pk = pk
            obj._state.adding, obj._state.db = False, self.connection.alias
        self.statements.append(bulk_sql.insert_statement(objs, self.connection))

    def update(self, objs, fields):
        if not objs:
            return
        if self.ids is None:
            type(objs[0]).objects.bulk_update(objs, fields)
            return
        self.statements.append(bulk_sql.update_statement(objs, fields, self.connection))

    def run(self, pipeline, after):
        """The kept statements through ``pipeline`` (or here, without one); then ``after``."""
        if pipeline is not None and self.ids is not None:
            pipeline.submit(self.statements, after)
            return
        if self.statements:
            with self.connection.cursor() as cursor:
                for sql, params in self.statements:
                    cursor.execute(sql, params)
        after()


def publish_chunk(
    records, reporting_orgs: dict, portal: dict, user=None, pipeline=None, after=None
) -> tuple[list, list]:
    """Create or update the activities of ``records`` as live; return (created, updated)
    identifiers. ``reporting_orgs``: {ref: saved ReportingOrganisation}; ``portal``: {ref:
    groups.Organisation} (both built once per file by the writer). With a ``pipeline``, the
    writes run in its thread and this returns once they are prepared; ``after()`` runs (in this
    thread) once they are done."""
    now = timezone.now()
    existing = {
        a.iati_identifier: a
        for a in m.Activity.objects.filter(iati_identifier__in=[r.identifier for r in records])
    }
    delete_children([a.pk for a in existing.values()])
    m2m = _m2m_values(existing.values())
    activities, all_kids, new = [], [], []
    for record in records:
        activity = existing.get(record.identifier)
        if activity is None:
            activity = m.Activity(iati_identifier=record.identifier)
            new.append(activity)
        activity.reporting_org = reporting_orgs[record.reporting_org.ref]
        for name, value in mapping.activity_fields(record).items():
            setattr(activity, name, value)
        activity.live, activity.has_unpublished_changes, activity.expired = True, False, False
        activity.last_published_at = now
        if activity.first_published_at is None:
            activity.first_published_at = now
        kept.seal(activity.clean_texts(), getattr(record, "xml", None))
        activities.append(activity)
        all_kids.append(mapping.children(record, portal))
    log_model = log_registry.get_log_model_for_model(m.Activity)
    counts = {m.Activity: len(new), Revision: len(activities)}
    if log_model is not None:
        counts[log_model] = 2 * len(activities)
    for relation in RELATIONS + EDITOR_ROWS:
        model = m.Activity._meta.get_field(relation).related_model
        counts[model] = sum(len(kids.get(relation, ())) for kids in all_kids)
    writes = _Writes(counts)
    writes.insert(new)
    created = {id(a) for a in new}
    writes.update([a for a in activities if id(a) not in created], _updatable_fields())
    for relation in RELATIONS + EDITOR_ROWS:  # no INSERT when a relation has no row
        rows = []
        for activity, kids in zip(activities, all_kids, strict=True):
            for position, row in enumerate(kids.get(relation, ())):
                row.activity = activity
                row.sort_order = position
                rows.append(row)
        writes.insert(rows)
    content_type = ContentType.objects.get_for_model(m.Activity, for_concrete_model=False)
    base_type = ContentType.objects.get_for_model(m.Activity)
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=base_type,
            object_id=str(activity.pk),
            created_at=now,
            user=user,
            content=_revision_content(activity, kids, m2m.get(activity.pk, {})),
            object_str=str(activity),
        )
        for activity, kids in zip(activities, all_kids, strict=True)
    ]
    writes.insert(revisions)
    for activity, revision in zip(activities, revisions, strict=True):
        activity.latest_revision = activity.live_revision = revision
    writes.update(activities, ["latest_revision", "live_revision"])
    if log_model is not None:
        writes.insert(_log_entries(log_model, activities, created, user, now))
    _index(activities)
    first_of_org = {}
    for activity in activities:
        first_of_org.setdefault(activity.reporting_org_id, activity)

    def done():
        for activity in first_of_org.values():
            published.send(sender=m.Activity, instance=activity, revision=activity.live_revision)
        if after is not None:
            after()

    writes.run(pipeline, done)
    return (
        [a.iati_identifier for a in activities if id(a) in created],
        [a.iati_identifier for a in activities if id(a) not in created],
    )
