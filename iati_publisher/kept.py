"""Lossless import → export: what the publisher wrote is kept and re-published.

The models hold what editors edit; everything else an imported file says (policy markers,
tags, humanitarian scope, transaction-level geography and types, narratives in every language,
extension elements in other namespaces…) is kept verbatim. On import each part row and the
activity itself get ``iati_source = {"xml": <the element as published, upgraded to 2.03>,
"digest": <fingerprint of the row's model fields>}`` (:func:`seal`); the activity's own copy
leaves out the children that became rows (they are kept on their rows). That import side —
:func:`seal`, :func:`digest`, :func:`activity_source`, :func:`element_source`, ``ROW_TAGS`` —
lives in :mod:`iati_publisher.kept_source` and is importable from here; this module is the
export side.

On export (:func:`combine`):

- a row (or activity) whose fields still have the fingerprint they had at import — nobody
  edited it — is published as its source, verbatim: 0 % lost;
- an edited one is *merged* (:func:`merge`): the generated element wins for what the model
  manages (``MANAGED`` children, ``MANAGED_ATTRS`` attributes, the French/English narratives
  of bilingual fields, the one narrative of single-text fields), everything else comes from
  the source, and the children are put back in the official schema order
  (:func:`schema_order`, read from the shipped 2.03 XSD).

The activity's title and descriptions are written by ``narratives`` already merged with the
source (``OWN``): they replace the source's, edited or not.

No SQL. Cost: one ``fromstring`` per kept element at export.
"""

from __future__ import annotations

import copy
from functools import cache

from lxml import etree

from . import xmlsafe
from .kept_source import (  # noqa: F401 - the import side, re-exported (kept.seal…)
    NOT_IN_ACTIVITY_DIGEST,
    NOT_IN_DIGEST,
    ROW_TAGS,
    activity_source,
    digest,
    element_source,
    seal,
)
from .validation import resources

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XS = "{http://www.w3.org/2001/XMLSchema}"
ACTIVITY = "iati-activity"
ORGANISATION = "iati-organisation"

# Children of <iati-activity> that the export writes already merged with the activity's source
# (``narratives``): {tag: does it apply to this activity?}; they replace the source's.
OWN = {}

ONE, MANY = "one", "many"


def _first_of_type(value):
    return lambda element: (element.get("type") or value) == value


def _vocabulary_1(element):
    return (element.get("vocabulary") or "1") == "1"


# {path: {child tag: (cardinality, selector of the source children it stands for)}}
MANAGED = {
    (ACTIVITY,): {
        "iati-identifier": (ONE, None),
        "reporting-org": (ONE, None),
        "title": (ONE, None),
        "description": (ONE, _first_of_type("1")),
        "activity-status": (ONE, None),
        "collaboration-type": (ONE, None),
        "default-flow-type": (ONE, None),
        "default-finance-type": (ONE, None),
        "default-aid-type": (ONE, _vocabulary_1),
        "default-tied-status": (ONE, None),
        **dict.fromkeys(ROW_TAGS, (MANY, None)),
    },
    (ORGANISATION,): {
        "organisation-identifier": (ONE, None),
        "name": (ONE, None),
        "reporting-org": (ONE, None),
    },
    (ACTIVITY, "contact-info"): dict.fromkeys(
        ("organisation", "person-name", "telephone", "email", "website"), (ONE, None)
    ),
    (ACTIVITY, "location"): dict.fromkeys(
        ("location-reach", "name", "administrative", "point", "exactness", "location-class"),
        (ONE, None),
    ),
    (ACTIVITY, "location", "point"): {"pos": (ONE, None)},
    (ACTIVITY, "budget"): dict.fromkeys(("period-start", "period-end", "value"), (ONE, None)),
    (ACTIVITY, "planned-disbursement"): dict.fromkeys(
        ("period-start", "period-end", "value"), (ONE, None)
    ),
    (ACTIVITY, "transaction"): dict.fromkeys(
        (
            "transaction-type",
            "transaction-date",
            "value",
            "description",
            "provider-org",
            "receiver-org",
            "sector",
        ),
        (ONE, None),
    ),
    (ACTIVITY, "document-link"): dict.fromkeys(("title", "category", "language"), (ONE, None)),
    (ACTIVITY, "result"): {"title": (ONE, None), "indicator": (MANY, None)},
    (ACTIVITY, "result", "indicator"): {
        "title": (ONE, None),
        "baseline": (ONE, None),
        "period": (MANY, None),
    },
    (ACTIVITY, "result", "indicator", "period"): dict.fromkeys(
        ("period-start", "period-end", "target", "actual"), (ONE, None)
    ),
}
# Attributes the model manages: an edited row without one no longer has it.
MANAGED_ATTRS = {
    (ACTIVITY,): {"default-currency", "last-updated-datetime"},
    (ORGANISATION,): {"default-currency"},
    (ACTIVITY, "participating-org"): {"role", "ref", "type"},
    (ACTIVITY, "activity-date"): {"type", "iso-date"},
    (ACTIVITY, "contact-info"): {"type"},
    (ACTIVITY, "recipient-country"): {"code", "percentage"},
    (ACTIVITY, "recipient-region"): {"code", "vocabulary", "percentage"},
    (ACTIVITY, "sector"): {"code", "vocabulary", "percentage"},
    (ACTIVITY, "location"): {"ref"},
    (ACTIVITY, "location", "administrative"): {"code", "vocabulary", "level"},
    (ACTIVITY, "budget"): {"type", "status"},
    (ACTIVITY, "planned-disbursement"): {"type"},
    (ACTIVITY, "transaction"): {"ref"},
    (ACTIVITY, "transaction", "provider-org"): {"ref"},
    (ACTIVITY, "transaction", "receiver-org"): {"ref"},
    (ACTIVITY, "transaction", "sector"): {"code", "vocabulary"},
    (ACTIVITY, "document-link"): {"url", "format"},
    (ACTIVITY, "result"): {"type", "aggregation-status"},
    (ACTIVITY, "result", "indicator"): {"measure", "ascending"},
    (ACTIVITY, "result", "indicator", "baseline"): {"year", "value"},
    (ACTIVITY, "result", "indicator", "period", "target"): {"value"},
    (ACTIVITY, "result", "indicator", "period", "actual"): {"value"},
}
for _tag in ("budget", "planned-disbursement", "transaction"):
    MANAGED_ATTRS[(ACTIVITY, _tag, "value")] = {"currency", "value-date"}
# Narrative containers: French and English fields ("bilingual") or one text ("single").
# ("labelled": one text whose language the editor sets, ``extra_parts``)
BILINGUAL, SINGLE, LABELLED = "bilingual", "single", "labelled"
NARRATIVES = {
    (ACTIVITY, "reporting-org"): BILINGUAL,
    (ORGANISATION, "name"): BILINGUAL,
    (ORGANISATION, "reporting-org"): BILINGUAL,
    (ACTIVITY, "title"): BILINGUAL,
    (ACTIVITY, "description"): BILINGUAL,
    (ACTIVITY, "location", "name"): BILINGUAL,
    (ACTIVITY, "result", "title"): BILINGUAL,
    (ACTIVITY, "result", "indicator", "title"): BILINGUAL,
    (ACTIVITY, "participating-org"): SINGLE,
    (ACTIVITY, "contact-info", "organisation"): SINGLE,
    (ACTIVITY, "contact-info", "person-name"): SINGLE,
    (ACTIVITY, "transaction", "description"): SINGLE,
    (ACTIVITY, "transaction", "provider-org"): SINGLE,
    (ACTIVITY, "transaction", "receiver-org"): SINGLE,
    (ACTIVITY, "document-link", "title"): SINGLE,
}


def source_xml(obj) -> str | None:
    """The element kept on ``obj`` (a row, an activity or an export record), or None."""
    kept = getattr(obj, "iati_source", None) or {}
    return kept.get("xml") if isinstance(kept, dict) else None


def _source(obj):
    kept = getattr(obj, "iati_source", None) or {}
    xml = kept.get("xml") if isinstance(kept, dict) else None
    if not xml:
        return None, False
    element = xmlsafe.fromstring(xml.encode("utf-8"))
    return element, kept.get("digest") == digest(obj, _model_of(obj))


def _model_of(obj):
    model = getattr(obj, "_kept_model", None)
    return model or type(obj)


# -- schema order ---------------------------------------------------------------------------
@cache
def _declarations(kind=resources.ACTIVITIES):
    elements, types = {}, {}
    for name in (resources.SCHEMA_FILES[kind], "iati-common.xsd"):
        root = xmlsafe.parse_file(resources.SCHEMA_DIR / name).getroot()
        for node in root:
            if node.tag == XS + "element":
                elements[node.get("name")] = node
            elif node.tag == XS + "complexType":
                types[node.get("name")] = node
    return elements, types


def _walk(node, types):
    found = []
    for child in node:
        if child.tag == XS + "element":
            found.append((child.get("ref") or child.get("name"), child))
        elif child.tag in (XS + "sequence", XS + "choice", XS + "all"):
            found += _walk(child, types)
        elif child.tag in (XS + "complexContent", XS + "simpleContent"):
            for derivation in child:
                base = (derivation.get("base") or "").rsplit(":", 1)[-1]
                if base in types:
                    found += _walk(types[base], types)
                found += _walk(derivation, types)
    return found


def _children(declaration, kind=resources.ACTIVITIES):
    elements, types = _declarations(kind)
    if declaration.get("ref"):
        declaration = elements.get(declaration.get("ref"), declaration)
    complex_type = declaration.find(XS + "complexType")
    if complex_type is None:
        complex_type = types.get((declaration.get("type") or "").rsplit(":", 1)[-1])
    return _walk(complex_type, types) if complex_type is not None else []


@cache
def schema_order(path: tuple) -> dict:
    """{child tag: position} of the element at ``path`` (tags from ``iati-activity``) in the
    official 2.03 schema; {} when the schema does not describe it."""
    kind = resources.ORGANISATIONS if path[0] == ORGANISATION else resources.ACTIVITIES
    elements, _types = _declarations(kind)
    declaration = elements.get(path[0])
    for tag in path[1:]:
        if declaration is None:
            return {}
        declaration = dict(_children(declaration, kind)).get(tag)
    if declaration is None:
        return {}
    order = {}
    for name, _node in _children(declaration, kind):
        order.setdefault(name, len(order))
    return order


def sort_children(element, path) -> None:
    """Put the children of ``element`` in schema order (stable; other namespaces last)."""
    order = schema_order(tuple(path))
    if not order or len(element) < 2:
        return
    last = len(order)
    children = list(element)
    ranked = sorted(
        enumerate(children),
        key=lambda item: (
            order.get(item[1].tag, last) if isinstance(item[1].tag, str) else last,
            item[0],
        ),
    )
    if [child for _i, child in ranked] != children:
        for child in children:
            element.remove(child)
        element.extend(child for _i, child in ranked)


# -- merge ----------------------------------------------------------------------------------
def _lang(narrative, default):
    return (narrative.get(XML_LANG) or default or "en").strip().lower()


def _picked(sources, default):
    """Index of the narrative the importer stored in a single-text field (``one_text``)."""
    by_lang = {}
    for index, narrative in enumerate(sources):
        if (narrative.text or "").strip():
            by_lang.setdefault(_lang(narrative, default), index)
    for lang in (default, "fr", "en"):
        if lang in by_lang:
            return by_lang[lang]
    return next(iter(by_lang.values()), None)


def _with_text(source, text):
    element = copy.deepcopy(source)
    element.text = text
    return element


def merge_narratives(generated, sources, kind, default):
    if kind in (SINGLE, LABELLED):
        result = list(sources)
        picked = _picked(sources, default)
        if generated:
            text = generated[0].text
            lang = generated[0].get(XML_LANG) if kind == LABELLED else None
            if picked is not None:
                if (result[picked].text or "").strip() != (text or "").strip():
                    result[picked] = _with_text(result[picked], text)
                if lang and _lang(result[picked], default) != lang.lower():
                    result[picked] = _with_text(result[picked], result[picked].text)
                    result[picked].set(XML_LANG, lang)
            else:
                result.insert(0, generated[0])
        elif picked is not None:
            del result[picked]
        return result
    texts = {(n.text or "").strip() for n in sources}
    wanted = {}
    for narrative in generated:
        lang = _lang(narrative, "fr")
        text = (narrative.text or "").strip()
        if lang not in ("fr", "en") or text in texts:
            # the importer put a text of another language in a French/English field
            wanted.setdefault(("same", text), narrative)
        else:
            wanted.setdefault(lang, narrative)
    result, used = [], set()
    for narrative in sources:
        lang = _lang(narrative, default)
        text = (narrative.text or "").strip()
        if ("same", text) in wanted:
            used.add(("same", text))
            result.append(narrative)
        elif lang in ("fr", "en"):
            if lang in wanted and lang not in used:
                used.add(lang)
                result.append(_with_text(narrative, wanted[lang].text))
            elif lang in used:
                result.append(narrative)  # a second narrative in the same language
        else:
            result.append(narrative)
    result += [n for key, n in wanted.items() if key not in used]
    return result


def merge(generated, source, path, default_lang, own=()):
    """The generated element (model) merged with its source (file), in schema order; the
    children of the ``own`` tags are the generated ones (already merged: ``OWN``)."""
    path = tuple(path)
    managed_attrs = MANAGED_ATTRS.get(path, set())
    attrs = {k: v for k, v in source.attrib.items() if k not in managed_attrs}
    attrs.update(generated.attrib)
    if len(path) == 1 and XML_LANG in source.attrib:
        attrs[XML_LANG] = source.get(XML_LANG)
    flag = (source.get("humanitarian") or "").strip().lower()
    if len(path) == 1 and flag and attrs.get("humanitarian") == str(int(flag in ("1", "true"))):
        attrs["humanitarian"] = source.get("humanitarian")  # "true" stays "true"
    element = etree.Element(generated.tag, attrs, nsmap=source.nsmap)
    element.text = generated.text if generated.text is not None else source.text
    managed = MANAGED.get(path, {})
    groups_g, groups_s, tags = {}, {}, []
    for child in source:
        groups_s.setdefault(child.tag, []).append(child)
        if child.tag not in tags:
            tags.append(child.tag)
    for child in generated:
        groups_g.setdefault(child.tag, []).append(child)
        if child.tag not in tags:
            tags.append(child.tag)
    children = []
    for tag in tags:
        gen, src = groups_g.get(tag, []), groups_s.get(tag, [])
        if tag in own:
            children += gen
        elif tag == "narrative":
            kind = NARRATIVES.get(path, BILINGUAL)
            children += merge_narratives(gen, src, kind, default_lang)
        elif tag in managed:
            cardinality, selector = managed[tag]
            owned = [c for c in src if selector is None or selector(c)]
            others = [c for c in src if c not in owned]
            if cardinality == ONE:
                others = owned[1:] + others
                owned = owned[:1]
            for index, child in enumerate(gen):
                if index < len(owned):
                    children.append(merge(child, owned[index], (*path, tag), default_lang))
                else:
                    children.append(child)
            children += others
        else:
            children += src + gen
    element.extend(children)
    sort_children(element, path)
    return element


def combine(generated, obj, path, default_lang=None):
    """What to publish for ``obj`` (a row or an activity): its source when unedited, the merge
    of ``generated`` with it when edited, ``generated`` when it was not imported."""
    source, unchanged = _source(obj)
    if source is None:
        return generated
    default_lang = default_lang or source.get(XML_LANG) or "en"
    if path == (ORGANISATION,):
        return _combine_organisation(generated, source, unchanged, default_lang)
    if len(path) == 1:  # the activity: its rows come from ``generated`` in any case
        own = {tag for tag, applies in OWN.items() if applies(obj)}
        rows = [
            c
            for c in generated
            if c.tag in ROW_TAGS or c.tag in extra_parts.ROW_TAGS or c.tag in own
        ]
        if unchanged:
            element = copy.copy(source)
            for child in list(element):
                if child.tag in own:
                    element.remove(child)
            element.extend(rows)
            sort_children(element, path)
            return element
        return merge(generated, source, path, default_lang, own)
    if unchanged:
        return source
    return merge(generated, source, path, default_lang)


def _combine_organisation(generated, source, unchanged, default_lang):
    """An organisation: the publisher's file (its budgets, expenditure, documents…) as
    written, or merged when edited; the totals the portal computes from the published
    activities are added only when the publisher gave no ``total-budget`` of its own."""
    computed = [child for child in generated if child.tag == "total-budget"]
    for child in computed:
        generated.remove(child)
    if unchanged:
        element = copy.deepcopy(source)
    else:
        element = merge(generated, source, (ORGANISATION,), default_lang)
    if element.find("total-budget") is None and computed:
        element.extend(computed)
        sort_children(element, (ORGANISATION,))
    return element


def default_language(obj):
    """The ``xml:lang`` of an imported activity (narratives without a language are in it)."""
    kept = getattr(obj, "iati_source", None) or {}
    xml = kept.get("xml") if isinstance(kept, dict) else None
    if not xml:
        return None
    head = xml[: xml.find(">") + 1]
    try:
        return etree.fromstring(head + "</iati-activity>").get(XML_LANG)
    except etree.XMLSyntaxError:
        return None


from . import extra_parts, narratives  # noqa: E402,F401 - register what the newer parts manage
