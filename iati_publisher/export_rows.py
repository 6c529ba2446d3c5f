"""The activities to export read from the database: in chunks, with their parts, at a constant
number of SQL queries per chunk (``export.iter_activities`` is this with ``export.CHUNK_SIZE``).

:func:`read_activities` yields :class:`ExportRecord`s: one query lists the ids, then per chunk
one query per part table (``PREFETCH``), one for the document links (with their documents) and
one for the activities, plus one for each chunk that meets new reporting organisations. Rows
of activities outside the queryset but inside a chunk's id range are read and skipped.

Cost per row: a part row is a named tuple of its field values (no model instance: 10,000
activities have 200,000 rows), and an empty ``iati_source`` (``{}``, every row that was not
imported) is read as NULL, so only the rows that keep a source cost a JSON decode
(``kept.combine`` reads the kept ones). Memory: the rows of one chunk.
"""

import collections
import itertools
import operator

from django.db.models import JSONField, Value
from django.db.models.functions import NullIf

from . import extra_parts

# every part of an activity (``extra_parts.PARTS``) but the document links, read with their
# documents
PREFETCH = tuple(relation for relation in extra_parts.PARTS if relation != "document_links")


class _Rows:
    __slots__ = ("rows",)

    def __init__(self, rows):
        self.rows = rows

    def all(self):
        return self.rows


_NO_ROWS = _Rows(())


class ExportRecord:
    """An activity read for export: its own fields, its reporting organisation and its parts,
    as plain attribute holders (no model instances: 10,000 activities have 200,000 rows)."""

    def __init__(self, fields, reporting_org, parts):
        from .models import Activity

        self.__dict__.update(fields)
        self._kept_model = Activity  # for ``kept.digest``
        self.reporting_org = reporting_org
        for name in RELATION_MODELS:
            rows = parts.get(name)
            setattr(self, name, _Rows(rows) if rows else _NO_ROWS)


def _row_class(model):
    """A named tuple of the model's field values (``.values()`` names): a part row read for
    export; ``_kept_model`` (for ``kept.digest``) is a class attribute."""
    fields = [f.attname for f in model._meta.concrete_fields]
    base = collections.namedtuple(f"{model.__name__}Row", fields)
    return type(base.__name__, (base,), {"__slots__": (), "_kept_model": model})


def _rows(queryset, cls=None):
    """The rows of ``queryset``: dicts of their field values (``.values()``), or ``cls``
    tuples (:func:`_row_class`). ``iati_source`` is read as NULL when it is ``{}`` (what every
    row the editor or a bulk creation made holds): only rows that keep a source decode JSON."""
    fields = [f.attname for f in queryset.model._meta.concrete_fields]
    columns = [_kept_or_null() if name == "iati_source" else name for name in fields]
    rows = queryset.values_list(*columns)
    if cls is not None:
        return map(cls._make, rows)
    return (dict(zip(fields, values, strict=True)) for values in rows)


def _kept_or_null():
    return NullIf("iati_source", Value({}, output_field=JSONField()))


def _relation_models():
    from .models import Activity

    result = {}
    for relation in Activity._meta.related_objects:
        name = relation.get_accessor_name()
        if name in PREFETCH or name == "document_links":
            result[name] = relation.related_model
    return result


RELATION_MODELS = (*PREFETCH, "document_links")


_ACTIVITY_ID = operator.attrgetter("activity_id")


def read_activities(queryset, chunk_size):
    """Yield ``ExportRecord``s of the activities of ``queryset``, a chunk of ids at a time, with
    one query per part table and chunk (the count never grows with the activities)."""
    from .models import DocumentLink, ReportingOrganisation

    models = _relation_models()
    classes = {name: _row_class(models[name]) for name in PREFETCH}
    orgs = {}
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    model = queryset.model
    for start in range(0, len(ids), chunk_size):
        chunk_ids = ids[start : start + chunk_size]
        parts = {pk: {} for pk in chunk_ids}
        # an id range rather than a long IN list; rows of activities outside the set are skipped
        span = {"activity_id__gte": chunk_ids[0], "activity_id__lte": chunk_ids[-1]}
        for name in PREFETCH:
            rows = models[name].objects.filter(**span).order_by("activity_id", "sort_order", "pk")
            for activity_id, group in itertools.groupby(_rows(rows, classes[name]), _ACTIVITY_ID):
                target = parts.get(activity_id)
                if target is not None:
                    target[name] = list(group)
        links = DocumentLink.objects.filter(**span).select_related("document")
        for link in links.order_by("activity_id", "sort_order", "pk"):
            if link.activity_id in parts:
                parts[link.activity_id].setdefault("document_links", []).append(link)
        activities = model.objects.filter(pk__gte=chunk_ids[0], pk__lte=chunk_ids[-1])
        activities = [f for f in _rows(activities.order_by("pk")) if f["id"] in parts]
        missing = {f["reporting_org_id"] for f in activities} - orgs.keys()
        if missing:
            orgs.update(ReportingOrganisation.objects.in_bulk(missing))
        for fields in activities:
            org_id = fields["reporting_org_id"]
            yield ExportRecord(fields, orgs[org_id], parts[fields["id"]])
