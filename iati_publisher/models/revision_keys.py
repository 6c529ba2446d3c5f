"""Opening a revision of an activity without one query per foreign key of each of its rows.

Wagtail rebuilds an object from a revision with modelcluster's ``from_serializable_data``,
whose ``check_fks`` looks up every foreign key of the object and of each child row with its own
query (the rows' ``ParentalKey`` to the activity itself included): about 20 queries to open an
activity's draft, so 20 per draft on the validation report. :func:`check_keys` gives the same
result with one query per related model: the keys are gathered, the existing ones read at
once, and a missing target is dealt with as modelcluster does — per ``on_delete``: a row whose
``CASCADE`` target is gone is dropped, a ``SET_NULL`` key nulled, ``DO_NOTHING`` left; on the
object itself a ``CASCADE`` or ``SET_NULL`` key is nulled (the object is ``None`` with
``strict_fks``), anything else raises, as there. The rows' ``ParentalKey`` to the object is
not looked up: it is the object being rebuilt.

SQL: one query per related model with a key set (reporting organisation, revisions, portal
organisations, documents…), whatever the number of rows.
"""

from collections import defaultdict

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations


def _keys(instance):
    return [field for field in instance._meta.concrete_fields if field.many_to_one]


def check_keys(obj, strict_fks=False):
    """``obj`` (rebuilt with ``check_fks=False``) with its dangling foreign keys handled."""
    keys = [(obj, field, None) for field in _keys(obj)]
    relations = []
    for relation in get_all_child_relations(type(obj)):
        name = relation.get_accessor_name()
        rows = list(getattr(obj, name).all())
        relations.append((name, rows))
        for row in rows:
            keys += [(row, f, name) for f in _keys(row) if not isinstance(f, ParentalKey)]
    wanted = defaultdict(set)
    for instance, field, _name in keys:
        value = getattr(instance, field.attname)
        if value is not None:
            wanted[(field.remote_field.model, field.remote_field.field_name)].add(value)
    found = {
        (model, name): set(
            model._default_manager.filter(**{f"{name}__in": values}).values_list(name, flat=True)
        )
        for (model, name), values in wanted.items()
    }
    dropped = set()
    for instance, field, relation in keys:
        value = getattr(instance, field.attname)
        target = (field.remote_field.model, field.remote_field.field_name)
        if value is None or value in found[target]:
            continue
        on_delete = field.remote_field.on_delete
        if on_delete == models.DO_NOTHING:
            continue
        if on_delete == models.CASCADE and relation is not None:
            dropped.add(id(instance))
        elif on_delete == models.CASCADE and strict_fks:
            return None
        elif on_delete in (models.CASCADE, models.SET_NULL):
            setattr(instance, field.attname, None)
        else:
            raise Exception(  # noqa: TRY002 — modelcluster's own error for these
                "can't currently handle on_delete types other than CASCADE, SET_NULL and DO_NOTHING"
            )
    for name, rows in relations:
        if any(id(row) in dropped for row in rows):
            setattr(obj, name, [row for row in rows if id(row) not in dropped])
    return obj
