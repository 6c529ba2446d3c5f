"""The bulk import's statements: Django's ``bulk_create``/``bulk_update`` and modelcluster's
revision serialisation, without their per-value Python.

A chunk of 500 rich activities is ~17,000 rows of ~15 columns: ``bulk_create`` compiles each
value through ``pre_save`` → ``get_db_prep_save`` → ``get_prep_value`` (about a third of the
write stage's CPU), and modelcluster's ``get_serializable_data_for_fields`` calls ``pre_save``
and ``value_to_string`` per value (a ``StreamField`` builds a new ``JSONField`` each time).
Here each model's columns are sorted once (:func:`_columns`) into the ones whose value passes
through unchanged for its Python type (text, numbers, dates, booleans, keys) and the others,
which keep Django's own conversion. Same rows, same revision content: tested equal to
``bulk_create`` and to modelcluster value by value (tests/iati_xml/test_bulk_sql.py), and the
whole import to Wagtail's publish field by field (tests/iati_xml/test_bulk_import.py).

SQL: :func:`allocate` is ONE query (the keys of every model of a chunk); the statements are
built, not executed (``pipeline`` executes them); :func:`serializable` none. PostgreSQL only:
on other databases the writer uses ``bulk_create``/``bulk_update``.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from functools import cache

import orjson
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.backends.postgresql.psycopg_any import Jsonb
from modelcluster.models import get_field_value
from wagtail.fields import StreamField

# Field classes whose database value is the Python value itself when it has one of these types
# (on PostgreSQL: Django's adapt_*field_value return dates and decimals unchanged).
PASSTHROUGH = {
    models.CharField: (str,),
    models.TextField: (str,),
    models.URLField: (str,),
    models.EmailField: (str,),
    models.SlugField: (str,),
    models.IntegerField: (int,),
    models.PositiveIntegerField: (int,),
    models.PositiveSmallIntegerField: (int,),
    models.SmallIntegerField: (int,),
    models.BigIntegerField: (int,),
    models.BooleanField: (bool,),
    models.DateField: (dt.date,),
    models.DecimalField: (Decimal,),
}
PROTECTED = (
    type(None),
    int,
    bool,
    float,
    Decimal,
    dt.date,
    dt.time,
)  # modelcluster keeps these as is


JSON = ("json",)  # marks a JSONField: its dicts and lists are encoded by orjson (_dumps)


@cache
def _dumps(encoder):
    """``json.dumps(value, cls=encoder)`` for PostgreSQL's jsonb, by orjson (the same JSON
    values; what orjson does not encode itself — decimals, dates, lazy strings — goes to
    ``encoder().default``: a type neither knows is refused, as by json.dumps)."""
    fallback = (encoder or json.JSONEncoder)().default
    options = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS

    def dumps(value):
        return orjson.dumps(value, default=fallback, option=options).decode()

    return dumps


def _auto_date(field) -> bool:
    """A date or datetime that ``pre_save`` sets (``auto_now``/``auto_now_add``)."""
    return isinstance(field, models.DateField) and (field.auto_now or field.auto_now_add)


def _passthrough_types(field):
    """The Python types that ``field`` writes unchanged, or () (Django's conversion kept)."""
    if type(field) is models.JSONField:
        return JSON
    if _auto_date(field):
        return ()
    for cls in type(field).__mro__:
        if cls in PASSTHROUGH:
            if type(field).get_db_prep_save is not cls.get_db_prep_save:
                return ()
            if type(field).get_db_prep_value is not cls.get_db_prep_value:
                return ()
            if type(field).get_prep_value is not cls.get_prep_value:
                return ()
            if type(field).pre_save is not cls.pre_save:
                return ()
            return PASSTHROUGH[cls]
    return ()


@cache
def _columns(model):
    """[(column, attname, field, passthrough types)] of ``model``'s INSERT (no auto pk)."""
    return [
        (f.column, f.attname, f, (int,) if f.is_relation else _passthrough_types(f))
        for f in model._meta.concrete_fields
        if not f.generated and not isinstance(f, models.AutoField)
    ]


def _value(obj, attname, field, types, connection, add):
    value = getattr(obj, attname)
    if types and (value is None or type(value) in types):
        return value  # None too: these fields' get_db_prep_save(None) is None
    if types is JSON and type(value) in (dict, list):
        return Jsonb(value, dumps=_dumps(field.encoder))
    return field.get_db_prep_save(field.pre_save(obj, add), connection)


def allocate(counts: dict, connection) -> dict | None:
    """{model: [n primary keys drawn from its table's sequence]} for {model: n}, in ONE query
    (PostgreSQL; None elsewhere: the rows get their keys as they are inserted). The keys are
    the ones the inserts would have taken; a rolled-back import leaves a gap, as they do."""
    if connection.vendor != "postgresql":
        return None
    models_ = [model for model, n in counts.items() if n]
    if not models_:
        return {}
    parts, params = [], []
    for model in models_:
        parts.append(
            "ARRAY(SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s))"
        )
        params += [model._meta.db_table, model._meta.pk.column, counts[model]]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        arrays = cursor.fetchone()
    return dict(zip(models_, arrays, strict=True))


def insert_statement(objs, connection) -> tuple[str, list]:
    """The INSERT of ``objs`` (instances of one model, primary keys already given): what
    ``bulk_create(objs)`` writes, as ONE statement (PostgreSQL)."""
    model = type(objs[0])
    pk = model._meta.pk
    columns = [(pk.column, pk.attname, pk, (int,))] + _columns(model)
    quote = connection.ops.quote_name
    params = []
    for obj in objs:
        for _column, attname, field, types in columns:
            params.append(_value(obj, attname, field, types, connection, True))
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(c[0]) for c in columns)}) VALUES {', '.join([row] * len(objs))}"
    )
    return sql, params


def update_statement(objs, fields, connection) -> tuple[str, list]:
    """``bulk_update(objs, fields)`` of saved instances of one model as ONE ``UPDATE … FROM
    (VALUES …)`` (PostgreSQL; ``bulk_update`` builds a CASE expression per field and row:
    about a second of Python per 500 activities)."""
    model = type(objs[0])
    quote = connection.ops.quote_name
    attnames = {model._meta.get_field(name).attname for name in fields}
    columns = [c for c in _columns(model) if c[1] in attnames]
    pk = model._meta.pk
    casts = [f"%s::{pk.db_type(connection)}"] + [
        f"%s::{field.db_type(connection)}" for _c, _a, field, _t in columns
    ]
    params = []
    for obj in objs:
        params.append(obj.pk)
        for _column, attname, field, types in columns:
            params.append(_value(obj, attname, field, types, connection, False))
    names = ", ".join(quote(c[0]) for c in columns)
    assignments = ", ".join(f"{quote(c[0])} = v.{quote(c[0])}" for c in columns)
    table = quote(model._meta.db_table)
    row = f"({', '.join(casts)})"
    sql = (
        f"UPDATE {table} SET {assignments} FROM (VALUES {', '.join([row] * len(objs))}) "
        f"AS v(pk_, {names}) WHERE {table}.{quote(pk.column)} = v.pk_"
    )
    return sql, params


# -- revision content -------------------------------------------------------------------------
def _stream_json(field):
    encoder = DjangoJSONEncoder  # StreamField.json_field's encoder (a new field per access)

    def value(obj):
        return json.dumps(field.get_prep_value(field.value_from_object(obj)), cls=encoder)

    return value


def _plain(field):
    attname = field.attname

    def value(obj):
        value = getattr(obj, attname)
        if type(value) in PROTECTED or type(value) is str:
            return value  # what value_to_string would give back for a string: itself
        return get_field_value(field, obj)

    return value


def _json(field):
    attname = field.attname
    return lambda obj: getattr(obj, attname)  # JSONField.value_to_string: the value itself


def _is_plain(field) -> bool:
    """Whether modelcluster serialises ``field``'s plain values as they are: protected types
    (dates and decimals included) before ``value_to_string``, text through the base one."""
    if isinstance(field, models.DateTimeField) or _auto_date(field):
        return False  # datetimes are made aware, auto dates set by pre_save
    return type(field).value_to_string is models.Field.value_to_string or isinstance(
        field, models.DateField | models.DecimalField
    )


@cache
def _serializers(model):
    """[(key, function)] giving modelcluster's ``get_serializable_data_for_fields`` of a
    ``model`` instance, key by key (a model with an auto pk, no multi-table inheritance)."""
    result = [("pk", lambda obj: obj.pk)]
    for field in model._meta.fields:
        if not field.serialize:
            continue
        if field.remote_field is not None:
            attname = field.attname
            result.append((field.name, lambda obj, a=attname: getattr(obj, a)))
        elif type(field) is StreamField:
            result.append((field.name, _stream_json(field)))
        elif type(field) is models.JSONField:
            result.append((field.name, _json(field)))
        elif _is_plain(field):
            result.append((field.name, _plain(field)))
        else:  # datetimes (made aware), auto dates, other conversions: modelcluster's own
            result.append((field.name, lambda obj, f=field: get_field_value(f, obj)))
    return result


def serializable(obj) -> dict:
    """``modelcluster.models.get_serializable_data_for_fields(obj)`` of a saved instance."""
    return {key: value(obj) for key, value in _serializers(type(obj))}
