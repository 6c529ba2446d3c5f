"""Lossless import → export, the import side: what is kept of an imported element.

Each part row and the activity itself get ``iati_source = {"xml": <the element as published,
upgraded to 2.03>, "digest": <fingerprint of the row's model fields>}`` (:func:`seal`); the
activity's own copy leaves out the children that became rows (:func:`activity_source`: they
are kept on their rows) and is marked ``"narratives": "rows"`` (its title and description
narratives beyond the French/English fields are rows: ``iati_publisher.narratives``). :func:`digest` is the fingerprint the export compares to tell an
unedited row from an edited one (``kept.combine``). Everything here is importable from
``iati_publisher.kept`` too. No SQL.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from decimal import Decimal
from functools import cache

from lxml import etree

# The activity's children that are stored as rows (one row = one element, kept on the row).
ROW_TAGS = {
    "activity-date": "dates",
    "participating-org": "participating_orgs",
    "contact-info": "contacts",
    "recipient-country": "recipient_countries",
    "recipient-region": "recipient_regions",
    "location": "locations",
    "sector": "sectors",
    "budget": "budgets",
    "planned-disbursement": "planned_disbursements",
    "transaction": "transactions",
    "document-link": "document_links",
    "result": "results",
}
NOT_IN_DIGEST = {"id", "activity", "sort_order", "iati_source", "organisation", "document"}
NOT_IN_ACTIVITY_DIGEST = {
    "id",
    "iati_source",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "latest_revision",
    "go_live_at",
    "expire_at",
    "expired",
}


# -- fingerprints ---------------------------------------------------------------------------
def _canonical(value):
    kind = type(value)
    if kind is str:  # most values: a plain text (a JSON list in a text field is read below)
        if value[:1] != "[":
            return value
    elif value is None or kind is int or kind is bool:
        return value
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    raw = getattr(value, "raw_data", None)  # a StreamField value
    if raw is not None:
        value = list(raw)
    if isinstance(value, str) and value[:1] == "[":
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in sorted(value.items()) if k != "id"}
    return value


@cache
def _digest_fields(model, exclude=()):
    excluded = NOT_IN_ACTIVITY_DIGEST if model._meta.model_name == "activity" else NOT_IN_DIGEST
    fields = model._meta.concrete_fields
    return tuple(f.attname for f in fields if f.name not in excluded and f.name not in exclude)


def digest(obj, model=None, exclude=()) -> str:
    """Fingerprint of the model fields of a row or activity (an instance, or an export record
    read with ``.values()``: same attribute names); ``exclude``: as before those fields existed
    (data migrations; the model may be a historical one)."""
    model = model or type(obj)
    fields = _digest_fields(model, tuple(exclude))
    values = [_canonical(getattr(obj, name, None)) for name in fields]
    text = json.dumps(values, default=str, ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def seal(obj, xml: bytes | str | None) -> None:
    """Keep ``xml`` (the element as published) on ``obj`` with the fingerprint of its fields."""
    if not xml:
        return
    if isinstance(xml, bytes):
        xml = xml.decode("utf-8")
    from . import extra_parts, narratives  # import kept, which imports this module

    extra_parts.complete(obj, xml)  # the fields the importer does not map
    obj.iati_source = {"xml": xml, "digest": digest(obj), **narratives.mark(obj)}


def activity_source(element) -> bytes:
    """The activity element as kept on the activity: without the children kept on rows."""
    shell = copy.copy(element)
    for child in list(shell):
        if child.tag in ROW_TAGS:
            shell.remove(child)
    return etree.tostring(shell, encoding="utf-8")


def element_source(element) -> bytes:
    return etree.tostring(element, encoding="utf-8")
