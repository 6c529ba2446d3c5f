"""The parts an activity gained after the lossless import, declared once: policy markers,
humanitarian scopes, tags, other identifiers, related activities (rows of their own,
``models/classification.py``), the activity's humanitarian flag and the recipient country and
region of a transaction (fields). For each: how it is read from its XML element and written
back, and what of the element the model manages (``kept.MANAGED``…, registered below).

Where an imported part lives (one place at a time, never both):

- a freshly imported activity keeps these elements in its own ``iati_source`` (the importer
  knows nothing of them): the source is the truth, rows of these relations are ignored (after a
  re-import they would be stale);
- once the activity is saved in the editor (or migrated, ``0009``), the elements are rows
  (:func:`adopt` removes them from the source and marks it ``"parts": "rows"``);
- the editor shows the source's elements as rows before that (:func:`lift`, unsaved rows each
  sealed with its element, so an unedited one is re-published verbatim).

The fields (humanitarian, transaction geography) are filled from the element when it is sealed
(:func:`complete`, called by ``kept.seal``), so the importer needs no change. No SQL.
"""

from __future__ import annotations

from lxml import etree

from . import kept, xmlsafe

XML_LANG = kept.XML_LANG
A = kept.ACTIVITY
S = etree.SubElement
TRUE = {"1", "true"}

# tag under <iati-activity> -> relation of the activity (in the schema's order)
ROW_TAGS = {
    "other-identifier": "other_identifiers",
    "tag": "tags",
    "humanitarian-scope": "humanitarian_scopes",
    "policy-marker": "policy_markers",
    "related-activity": "related_activities",
}
RELATIONS = tuple(ROW_TAGS.values())
# Every part of an activity, declared once: tag (or path) under <iati-activity> -> inline
# relation: the parts an import maps to rows (``kept.ROW_TAGS``, then the narratives of the
# title and descriptions beyond the French/English fields, ``narratives``), then these.
PART_TAGS = {
    **kept.ROW_TAGS,
    "title/narrative": "narratives",
    "description/narrative": "narratives",
    **ROW_TAGS,
}
PARTS = tuple(dict.fromkeys(PART_TAGS.values()))
# the parts an import writes as rows (``importer.bulk``); the others stay in the source
IMPORTED = tuple(relation for relation in PARTS if relation not in RELATIONS)

kept.MANAGED_ATTRS.update(
    {
        (A, "policy-marker"): {"vocabulary", "code", "significance", "vocabulary-uri"},
        (A, "humanitarian-scope"): {"type", "vocabulary", "vocabulary-uri", "code"},
        (A, "tag"): {"vocabulary", "vocabulary-uri", "code"},
        (A, "other-identifier"): {"ref", "type"},
        (A, "other-identifier", "owner-org"): {"ref"},
        (A, "related-activity"): {"ref", "type"},
        (A, "transaction", "recipient-country"): {"code"},
        (A, "transaction", "recipient-region"): {"code"},
    }
)
kept.MANAGED_ATTRS[(A,)].add("humanitarian")
kept.MANAGED[(A, "other-identifier")] = {"owner-org": (kept.ONE, None)}
kept.MANAGED[(A, "transaction")].update(
    {"recipient-country": (kept.ONE, None), "recipient-region": (kept.ONE, None)}
)
for _path in ("policy-marker", "humanitarian-scope", "tag"):
    kept.NARRATIVES[(A, _path)] = kept.LABELLED
kept.NARRATIVES[(A, "other-identifier", "owner-org")] = kept.LABELLED


# -- where the parts live -----------------------------------------------------------------------
def _xml(obj):
    source = getattr(obj, "iati_source", None) or {}
    return source.get("xml") if isinstance(source, dict) else None


def rows_are_truth(obj) -> bool:
    """Are the rows of these relations what to publish (else: the activity's kept source)?"""
    source = getattr(obj, "iati_source", None) or {}
    return not _xml(obj) or source.get("parts") == "rows"


def adopt(obj) -> None:
    """The rows are the truth from now on: drop the elements from the activity's source."""
    xml = _xml(obj)
    if not xml or obj.iati_source.get("parts") == "rows":
        return
    element = xmlsafe.fromstring(xml.encode("utf-8"))
    for child in list(element):
        if child.tag in ROW_TAGS:
            element.remove(child)
    obj.iati_source = {
        **obj.iati_source,
        "xml": etree.tostring(element, encoding="unicode"),
        "parts": "rows",
    }


def lift(obj) -> dict[str, list]:
    """{relation: [unsaved rows]} read from the elements of the activity's kept source."""
    from . import models as m

    result = {relation: [] for relation in RELATIONS}
    xml = _xml(obj)
    if not xml:
        return result
    element = xmlsafe.fromstring(xml.encode("utf-8"))
    lang = element.get(XML_LANG) or "en"
    models = {
        "other_identifiers": m.OtherIdentifier,
        "tags": m.ActivityTag,
        "humanitarian_scopes": m.HumanitarianScope,
        "policy_markers": m.PolicyMarker,
        "related_activities": m.RelatedActivity,
    }
    for child in element:
        relation = ROW_TAGS.get(child.tag) if isinstance(child.tag, str) else None
        if relation is None:
            continue
        row = models[relation](**READERS[child.tag](child, lang))
        row.clean_texts()
        kept.seal(row, etree.tostring(child, encoding="unicode"))
        result[relation].append(row)
    return result


def lifted_fields(xml: str) -> dict[str, list[dict]]:
    """{relation: [field values]} of the elements in an activity's source (data migration)."""
    element = xmlsafe.fromstring(xml.encode("utf-8"))
    lang = element.get(XML_LANG) or "en"
    result = {}
    for child in element:
        if isinstance(child.tag, str) and child.tag in ROW_TAGS:
            fields = READERS[child.tag](child, lang)
            result.setdefault(ROW_TAGS[child.tag], []).append(
                (fields, etree.tostring(child, encoding="unicode"))
            )
    return result


# -- reading ------------------------------------------------------------------------------------
def _narrative(element, default):
    """(text, language) of the narrative the editor shows (the one ``kept.merge`` replaces)."""
    narratives = element.findall("narrative")
    index = kept._picked(narratives, default)
    if index is None:
        return "", ""
    narrative = narratives[index]
    return (narrative.text or "").strip(), (narrative.get(XML_LANG) or "").strip().lower()


def _attrs(element, **names):
    return {field: (element.get(attr) or "").strip() for field, attr in names.items()}


def _read_policy_marker(element, lang):
    text, text_lang = _narrative(element, lang)
    fields = _attrs(
        element, code="code", significance="significance", vocabulary_uri="vocabulary-uri"
    )
    fields["vocabulary"] = (element.get("vocabulary") or "1").strip()
    return {**fields, "narrative": text, "narrative_lang": text_lang}


def _read_humanitarian_scope(element, lang):
    text, text_lang = _narrative(element, lang)
    fields = _attrs(
        element, type="type", vocabulary="vocabulary", vocabulary_uri="vocabulary-uri", code="code"
    )
    return {**fields, "narrative": text, "narrative_lang": text_lang}


def _read_tag(element, lang):
    text, text_lang = _narrative(element, lang)
    fields = _attrs(element, vocabulary="vocabulary", vocabulary_uri="vocabulary-uri", code="code")
    return {**fields, "narrative": text, "narrative_lang": text_lang}


def _read_other_identifier(element, lang):
    fields = _attrs(element, ref="ref", type="type")
    owner = element.find("owner-org")
    text, text_lang = _narrative(owner, lang) if owner is not None else ("", "")
    fields["owner_org_ref"] = (owner.get("ref") or "").strip() if owner is not None else ""
    return {**fields, "owner_org_name": text, "owner_org_name_lang": text_lang}


def _read_related_activity(element, lang):
    return _attrs(element, ref="ref", type="type")


READERS = {
    "policy-marker": _read_policy_marker,
    "humanitarian-scope": _read_humanitarian_scope,
    "tag": _read_tag,
    "other-identifier": _read_other_identifier,
    "related-activity": _read_related_activity,
}


def complete(obj, xml: str) -> None:
    """Fill the fields of ``obj`` that the importer does not map from its element ``xml``."""
    kind = obj._meta.model_name  # historical models too (data migration)
    if kind == "activity":
        head = xml[: xml.find(">") + 1]
        if " humanitarian=" in head and obj.humanitarian is None:
            try:
                value = etree.fromstring(head + "</iati-activity>").get("humanitarian")
            except etree.XMLSyntaxError:
                value = None
            if value is not None and value.strip():
                obj.humanitarian = value.strip().lower() in TRUE
    elif kind == "transaction" and "<recipient-" in xml:
        element = xmlsafe.fromstring(xml.encode("utf-8"))
        country, region = element.find("recipient-country"), element.find("recipient-region")
        if country is not None and not obj.recipient_country:
            obj.recipient_country = (country.get("code") or "").strip()[:20]
        if region is not None and not obj.recipient_region:
            obj.recipient_region = (region.get("code") or "").strip()[:20]


# -- writing ------------------------------------------------------------------------------------
def _narrative_out(parent, text, lang):
    if text:
        S(parent, "narrative", {XML_LANG: lang} if lang else {}).text = text


def _set(attrs, name, value):
    if value:
        attrs[name] = value
    return attrs


def _write_policy_marker(row):
    attrs = _set({"vocabulary": row.vocabulary or "1"}, "vocabulary-uri", row.vocabulary_uri)
    attrs["code"] = row.code
    _set(attrs, "significance", row.significance)
    element = etree.Element("policy-marker", attrs)
    _narrative_out(element, row.narrative, row.narrative_lang)
    return element


def _write_humanitarian_scope(row):
    attrs = {"type": row.type or "1", "vocabulary": row.vocabulary or "1-2"}
    _set(attrs, "vocabulary-uri", row.vocabulary_uri)
    attrs["code"] = row.code
    element = etree.Element("humanitarian-scope", attrs)
    _narrative_out(element, row.narrative, row.narrative_lang)
    return element


def _write_tag(row):
    attrs = _set({"vocabulary": row.vocabulary or "1"}, "vocabulary-uri", row.vocabulary_uri)
    attrs["code"] = row.code
    element = etree.Element("tag", attrs)
    _narrative_out(element, row.narrative, row.narrative_lang)
    return element


def _write_other_identifier(row):
    element = etree.Element("other-identifier", {"ref": row.ref, "type": row.type or "A1"})
    if row.owner_org_ref or row.owner_org_name:
        owner = S(element, "owner-org", _set({}, "ref", row.owner_org_ref))
        _narrative_out(owner, row.owner_org_name, row.owner_org_name_lang)
    return element


def _write_related_activity(row):
    return etree.Element("related-activity", {"ref": row.ref, "type": row.type or "1"})


WRITERS = {
    "policy-marker": _write_policy_marker,
    "humanitarian-scope": _write_humanitarian_scope,
    "tag": _write_tag,
    "other-identifier": _write_other_identifier,
    "related-activity": _write_related_activity,
}


def write(parent, activity, tag, lang) -> None:
    """Append the ``tag`` elements of ``activity``'s rows (when they are the truth)."""
    if not rows_are_truth(activity):
        return
    for row in getattr(activity, ROW_TAGS[tag]).all():
        element = WRITERS[tag](row)
        parent.append(element)
        if getattr(row, "iati_source", None):
            result = kept.combine(element, row, (A, tag), lang)
            if result is not element:
                parent.replace(element, result)


def transaction_geography(tx, row) -> None:
    """The recipient country and region of a transaction, after its value (schema order:
    … value, description, provider-org, receiver-org, disbursement-channel, sector, …,
    recipient-country, recipient-region, flow-type …)."""
    if row.recipient_country:
        S(tx, "recipient-country", {"code": row.recipient_country})
    if row.recipient_region:
        S(tx, "recipient-region", {"code": row.recipient_region})


def humanitarian_attr(attrs, activity) -> None:
    value = getattr(activity, "humanitarian", None)
    if value is not None:
        attrs["humanitarian"] = "1" if value else "0"
