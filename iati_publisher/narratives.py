"""The title and description narratives an activity holds as rows (``ActivityNarrative``,
relation ``narratives``), declared once: which narratives of an imported element become rows,
how they are written back, and how an edit is merged with what the publisher wrote.

The French and English fields (``title_fr``/``title_en``, ``description_fr``/``description_en``)
hold what the importer maps to them (``importer.mapping.bilingual``: the first French and
English narratives of the title and of the general description, or a text of another language
when one of them is missing); every other narrative with a text is a row. An imported row
keeps ``iati_source = {"xml", "digest", "at": [element, narrative]}``: its position among the
activity's ``title`` (0) and ``description`` (1…) elements and the narrative's index there.

An imported activity is marked ``iati_source["narratives"] = "rows"`` (``kept.seal``): its
title and descriptions are then written here from the source (:func:`write`): a narrative whose
row (or field) nobody edited is copied verbatim (order, ``xml:lang`` or its absence, other
children and attributes), an edited one gets the new text (and ``xml:lang`` if its language
changed), a deleted one is dropped, a new one is appended to the element of its kind (title, or
the last description of its type; a new ``<description>`` otherwise). ``kept.combine`` publishes
these elements as they are (``kept.OWN``). Without the mark (activities imported before the
rows existed and not migrated, their old revisions) the source's title and descriptions are
merged as before. Not imported: the title (fields then rows) and one description per type.

No SQL (the rows come with the activity: ``export_rows`` reads them with the other parts).
Cost: one ``fromstring`` of the activity's kept source per imported activity, at import and at
export.
"""

from __future__ import annotations

import copy

from lxml import etree

from home.text import xml_text

from . import kept, xmlsafe

XML_LANG = kept.XML_LANG
TITLE, DESCRIPTION = "title", "description"
RELATION = "narratives"
FIELDS = {TITLE: ("title_fr", "title_en"), DESCRIPTION: ("description_fr", "description_en")}
TITLE_LIMIT = 500  # ``Activity.title_fr`` / ``title_en``: what the importer keeps of a title


def _lang(narrative, default):
    return (narrative.get(XML_LANG) or default or "en").strip().lower()


def _text(narrative):
    return (narrative.text or "").strip()


def _narratives(element):
    return [child for child in element if child.tag == "narrative"]


def _type(description):
    return (description.get("type") or "1").strip() or "1"


def field_slots(items, default) -> dict[str, int]:
    """{"fr"/"en": index} of the narratives ``mapping.bilingual`` puts in the French and English
    fields, among ``items`` ([(language, text)])."""
    first = {}
    for index, (lang, text) in enumerate(items):
        if text:
            first.setdefault(lang, index)
    fr, en = first.get("fr"), first.get("en")
    others = [index for lang, index in first.items() if lang not in ("fr", "en")]
    if others and (fr is None or en is None):
        if default == "fr" and fr is None:
            fr = others[0]
        elif en is None:
            en = others[0]
        elif fr is None:
            fr = others[0]
    return {lang: index for lang, index in (("fr", fr), ("en", en)) if index is not None}


def field_element(descriptions) -> int | None:
    """Index of the description whose texts are the French/English fields (the general one,
    else the first: ``records.Activity.description``)."""
    for index, description in enumerate(descriptions):
        if _type(description) == "1":
            return index
    return 0 if descriptions else None


def _elements(source):
    """[title or None, description…]: the positions ``at`` refers to."""
    return [source.find(TITLE), *source.findall(DESCRIPTION)]


def _slots(elements, default):
    """{element index: {"fr"/"en": narrative index}} of the narratives in the fields."""
    result = {}
    descriptions = elements[1:]
    target = field_element(descriptions)
    for k, element in enumerate(elements):
        if element is None or (k > 0 and k - 1 != target):
            continue
        narratives = _narratives(element)
        result[k] = field_slots([(_lang(n, default), _text(n)) for n in narratives], default)
    return result


def source_rows(xml: str | bytes) -> list[tuple[dict, list, str]]:
    """[(field values, at, narrative xml)] of the rows an activity's kept source gives (import
    and data migration)."""
    source = xmlsafe.fromstring(xml.encode("utf-8") if isinstance(xml, str) else xml)
    default = (source.get(XML_LANG) or "en").strip().lower()
    elements = _elements(source)
    slots = _slots(elements, default)
    result = []
    for k, element in enumerate(elements):
        if element is None:
            continue
        in_fields = set(slots.get(k, {}).values())
        for j, narrative in enumerate(_narratives(element)):
            if j in in_fields or not _text(narrative):
                continue
            fields = {
                "element": TITLE if k == 0 else DESCRIPTION,
                "description_type": "" if k == 0 else _type(element),
                "lang": _lang(narrative, default),
                "text": _text(narrative),
            }
            xml = etree.tostring(narrative, encoding="unicode", with_tail=False)
            result.append((fields, [k, j], xml))
    return result


def rows(xml: str | bytes | None) -> list:
    """Unsaved ``ActivityNarrative`` rows of an activity's kept source, each sealed."""
    from .models import ActivityNarrative

    if not xml:
        return []
    result = []
    for fields, at, narrative_xml in source_rows(xml):
        row = ActivityNarrative(**fields)
        row.clean_texts()
        row.iati_source = {"xml": narrative_xml, "digest": kept.digest(row), "at": at}
        result.append(row)
    return result


def mark(obj) -> dict:
    """What ``kept.seal`` adds to an activity's source: its narratives are rows."""
    return {RELATION: "rows"} if obj._meta.model_name == "activity" else {}


def rows_are_parts(activity) -> bool:
    source = getattr(activity, "iati_source", None) or {}
    return isinstance(source, dict) and source.get(RELATION) == "rows"


# -- writing ------------------------------------------------------------------------------------
def _narrative(text, lang):
    element = etree.Element("narrative", {XML_LANG: lang} if lang else {})
    element.text = text
    return element


def _type_key(code):
    return (len(code), code)


def _field_values(activity, kind, strip=True):
    values = {}
    for lang, name in zip(("fr", "en"), FIELDS[kind], strict=True):
        value = xml_text(getattr(activity, name, "") or "")
        values[lang] = value.strip() if strip else value
    return values


def write(parent, activity, lang) -> None:
    """Append the ``title`` and ``description`` elements of ``activity`` to ``parent``."""
    rows_ = list(getattr(activity, RELATION).all())
    marks = getattr(activity, "narrative_marks", None)
    marks = marks if marks is not None else {}
    xml = kept.source_xml(activity)
    if not xml:
        elements = _generated(activity, rows_, marks)
    elif rows_are_parts(activity):
        elements = _merged(activity, rows_, xmlsafe.fromstring(xml.encode("utf-8")), marks)
    else:  # imported before the rows existed: the fields, merged with the source as before
        elements = _generated(activity, [], marks)
    parent.extend(elements)


def _generated(activity, rows_, marks):
    """Title (fields, then its rows) and one description per type (type 1: fields first)."""
    title = etree.Element(TITLE)
    for lang, text in _field_values(activity, TITLE, strip=False).items():
        if text:
            title.append(_narrative(text, lang))
    descriptions = {}
    fields = _field_values(activity, DESCRIPTION, strip=False).items()
    fields = [(lang, text) for lang, text in fields if text]
    if fields:
        descriptions["1"] = etree.Element(DESCRIPTION, {"type": "1"})
        for lang, text in fields:
            descriptions["1"].append(_narrative(text, lang))
    for index, row in enumerate(rows_):
        text = xml_text((row.text or "").strip())
        if not text:
            continue
        if row.element == TITLE:
            target = title
        else:
            code = row.description_type or "1"
            if code not in descriptions:
                descriptions[code] = etree.Element(DESCRIPTION, {"type": code})
                marks.setdefault(descriptions[code], index)
            target = descriptions[code]
        narrative = _narrative(text, row.lang)
        target.append(narrative)
        marks[narrative] = index
    ordered = [descriptions[code] for code in sorted(descriptions, key=_type_key)]
    return [title, *ordered]


def _claims(rows_, elements):
    """({(k, j): (row index, row)} of the rows still at their imported place, [new rows])."""
    claims, new = {}, []
    for index, row in enumerate(rows_):
        source = getattr(row, "iati_source", None) or {}
        at = source.get("at") if isinstance(source, dict) else None
        place = tuple(at) if isinstance(at, list) and len(at) == 2 else None
        valid = place is not None and place not in claims and 0 <= place[0] < len(elements)
        if valid and elements[place[0]] is not None:
            kind = TITLE if place[0] == 0 else DESCRIPTION
            same_type = kind == TITLE or (row.description_type or "1") == _type(elements[place[0]])
            valid = row.element == kind and same_type
        else:
            valid = False
        if valid:
            claims[place] = (index, row, source.get("digest") == kept.digest(row, _model(row)))
        else:
            new.append((index, row))
    return claims, new


def _model(row):
    return getattr(row, "_kept_model", None) or type(row)


def _merged(activity, rows_, source, marks):
    """The source's title and descriptions with the edits of the fields and rows applied."""
    default = (source.get(XML_LANG) or "en").strip().lower()
    originals = _elements(source)
    slots = _slots(originals, default)
    claims, new = _claims(rows_, originals)
    out, used = [], set()
    for k, original in enumerate(originals):
        if original is None:
            out.append(None)
            continue
        element = copy.deepcopy(original)
        kind = TITLE if k == 0 else DESCRIPTION
        fields = _field_values(activity, kind) if k in slots else {}
        in_slot = {index: lang for lang, index in slots.get(k, {}).items()}
        had = False
        for j, narrative in enumerate(_narratives(element)):
            had = True
            text = _text(narrative)
            if j in in_slot:
                lang = in_slot[j]
                value = fields.pop(lang)
                imported = text[:TITLE_LIMIT] if kind == TITLE else text
                if value == imported:
                    continue
                if not value:
                    element.remove(narrative)
                    continue
                narrative.text = value
                if _lang(narrative, default) != lang:
                    narrative.set(XML_LANG, lang)
            elif text:
                claim = claims.get((k, j))
                if claim is None:
                    element.remove(narrative)
                    continue
                index, row, unedited = claim
                used.add((k, j))
                marks[narrative] = index
                if unedited:
                    continue
                value = xml_text((row.text or "").strip())
                if not value:
                    element.remove(narrative)
                    del marks[narrative]
                    continue
                if value != text:
                    narrative.text = value
                if row.lang and _lang(narrative, default) != row.lang.lower():
                    narrative.set(XML_LANG, row.lang)
        for lang, value in fields.items():  # a field the source had no narrative for
            if value:
                _insert_field(element, _narrative(value, lang), default)
        if had and not _narratives(element) and kind == DESCRIPTION:
            out.append(None)  # every text deleted: no empty description
            continue
        out.append(element)
    title = out[0] if out[0] is not None else etree.Element(TITLE)
    if originals[0] is None:
        for lang, value in _field_values(activity, TITLE).items():
            if value:
                title.append(_narrative(value, lang))
    descriptions = [d for d in out[1:] if d is not None]
    if field_element(originals[1:]) is None:  # no description in the source: the fields' one
        values = [(lang, v) for lang, v in _field_values(activity, DESCRIPTION).items() if v]
        if values:
            general = etree.Element(DESCRIPTION, {"type": "1"})
            general.extend(_narrative(v, lang) for lang, v in values)
            descriptions.insert(0, general)
    new += [(i, row) for place, (i, row, _u) in claims.items() if place not in used]
    new.sort(key=lambda pair: pair[0])
    added = {}
    for index, row in new:
        value = xml_text((row.text or "").strip())
        if not value:
            continue
        narrative = _narrative(value, row.lang)
        marks[narrative] = index
        if row.element == TITLE:
            title.append(narrative)
            continue
        code = row.description_type or "1"
        target = next((d for d in reversed(descriptions) if _type(d) == code), None)
        if target is None:
            target = added.get(code)
        if target is None:
            target = added[code] = etree.Element(DESCRIPTION, {"type": code})
        marks.setdefault(target, index)
        target.append(narrative)
    descriptions += [added[code] for code in sorted(added, key=_type_key)]
    for description in descriptions:
        first = next((marks[n] for n in _narratives(description) if n in marks), None)
        if first is not None:
            marks.setdefault(description, first)
    return [title, *descriptions]


def _insert_field(element, narrative, default):
    """A new French/English narrative: after the element's last French/English one, else
    before its first narrative."""
    narratives = _narratives(element)
    ours = [n for n in narratives if _lang(n, default) in ("fr", "en")]
    if ours:
        ours[-1].addnext(narrative)
        narrative.tail = ours[-1].tail
    elif narratives:
        narratives[0].addprevious(narrative)
    else:
        element.append(narrative)


kept.OWN.update({TITLE: rows_are_parts, DESCRIPTION: rows_are_parts})
