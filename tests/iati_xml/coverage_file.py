"""An ``iati-activity`` built from the official 2.03 XSD itself: every element the schema
declares below ``iati-activity`` (each at least once, narratives in three languages), each
with every attribute it declares, values of the declared type and codes from the codelist
``mapping.xml`` gives for that place. The round-trip test imports it and checks nothing is
lost: a test of the standard, not of a sample."""

from lxml import etree

from iati_publisher import kept
from iati_publisher.validation import resources

XS = kept.XS
XML_LANG = kept.XML_LANG
TYPE_VALUES = {
    "decimal": "12.5",
    "date": "2020-01-01",
    "dateTime": "2020-01-01T08:30:00Z",
    "boolean": "1",
    "anyURI": "http://example.org/doc",
    "positiveInteger": "2",
    "nonNegativeInteger": "2",
    "int": "2",
    "integer": "2",
    "gYear": "2020",
}
TEXT_VALUES = {
    "iati-identifier": "XM-DAC-7-COVER-1",
    "email": "contact@example.org",
    "pos": "14.4843 -4.1827",
    "website": "http://example.org/",
    "telephone": "+223 20 00 00 00",
}
# attributes whose value decides the codelist of another: set first, to the main list
FIRST = ("vocabulary", "type", "role")


def _types():
    return kept._declarations()[1]


def _attributes(declaration):
    """[(name, type)] of the attributes an element declares (types, extensions, groups)."""
    elements, types = kept._declarations()
    if declaration.get("ref"):
        declaration = elements.get(declaration.get("ref"), declaration)
    complex_type = declaration.find(XS + "complexType")
    if complex_type is None:
        complex_type = types.get((declaration.get("type") or "").rsplit(":", 1)[-1])
    found = []

    def walk(node):
        for child in node:
            if child.tag == XS + "attribute":
                found.append((child.get("name") or child.get("ref"), child.get("type") or ""))
            elif child.tag in (XS + "complexContent", XS + "simpleContent"):
                for derivation in child:
                    base = (derivation.get("base") or "").rsplit(":", 1)[-1]
                    if base in types:
                        walk(types[base])
                    walk(derivation)

    if complex_type is not None:
        walk(complex_type)
    return found


def _text_type(declaration):
    elements, types = kept._declarations()
    if declaration.get("ref"):
        declaration = elements.get(declaration.get("ref"), declaration)
    own = (declaration.get("type") or "").rsplit(":", 1)[-1]
    if own in TYPE_VALUES:
        return own
    complex_type = declaration.find(XS + "complexType")
    if complex_type is None:
        complex_type = types.get(own)
    if complex_type is None:
        return None
    simple = complex_type.find(XS + "simpleContent")
    if simple is None:
        return None
    base = (simple[0].get("base") or "").rsplit(":", 1)[-1]
    return base


def _code(path, attribute, element):
    """A code of the list ``mapping.xml`` gives for ``attribute`` at ``path`` (None: none)."""
    lists = resources.codelists()
    for mapping in resources.mappings():
        if mapping.kind not in (resources.ACTIVITIES, "any"):
            continue
        if mapping.attribute != attribute:
            continue
        if mapping.kind != "any" and mapping.element_path != tuple(path[1:]):
            continue
        if mapping.condition is not None and not mapping.condition(element):
            continue
        codelist = lists.get(mapping.codelist)
        if codelist:
            codes = sorted(codelist.codes - codelist.withdrawn)
            return "1" if "1" in codes else codes[0]
    return None


def _choices(declaration):
    """The children to build: each element once; of an ``xs:choice``, the first option."""
    elements, types = kept._declarations()
    if declaration.get("ref"):
        declaration = elements.get(declaration.get("ref"), declaration)
    complex_type = declaration.find(XS + "complexType")
    if complex_type is None:
        complex_type = types.get((declaration.get("type") or "").rsplit(":", 1)[-1])
    found = []

    def walk(node):
        for child in node:
            if child.tag == XS + "element":
                found.append((child.get("ref") or child.get("name"), child))
            elif child.tag == XS + "sequence":
                walk(child)
            elif child.tag == XS + "choice":
                options = [c for c in child if c.tag == XS + "element"]
                if options:
                    found.append((options[0].get("ref") or options[0].get("name"), options[0]))
            elif child.tag in (XS + "complexContent", XS + "simpleContent"):
                for derivation in child:
                    base = (derivation.get("base") or "").rsplit(":", 1)[-1]
                    if base in types:
                        walk(types[base])
                    walk(derivation)

    if complex_type is not None:
        walk(complex_type)
    return found


def build(path=("iati-activity",), declaration=None, counter=None):
    counter = counter if counter is not None else {"n": 0}
    if declaration is None:
        declaration = kept._declarations()[0]["iati-activity"]
    tag = path[-1]
    element = etree.Element(tag)
    attributes = sorted(_attributes(declaration), key=lambda a: a[0] not in FIRST)
    for name, type_ in attributes:
        if name == "xml:lang":
            element.set(XML_LANG, "en" if tag == "iati-activity" else "fr")
            continue
        if name.endswith("date"):
            element.set(name, "2020-01-01")
            continue
        code = _code(path, name, element)
        if code is not None:
            element.set(name, code)
            continue
        local = type_.rsplit(":", 1)[-1]
        counter["n"] += 1
        element.set(name, TYPE_VALUES.get(local, f"{name}-{counter['n']}"))
    if tag == "narrative":
        counter["n"] += 1
        element.text = f"Texte {counter['n']}"
        return element
    text_type = _text_type(declaration)
    if tag in TEXT_VALUES:
        element.text = TEXT_VALUES[tag]
    elif _code(path, None, element) is not None:
        element.text = _code(path, None, element)
    elif text_type in TYPE_VALUES:
        element.text = TYPE_VALUES[text_type]
    elif text_type:
        counter["n"] += 1
        element.text = f"{tag} {counter['n']}"
    for name, child in _choices(declaration):
        if name in path:  # no recursion (document-link inside document-link…)
            continue
        element.append(build((*path, name), child, counter))
        if name == "narrative":
            for lang in ("en", "es"):
                extra = build((*path, name), child, counter)
                extra.set(XML_LANG, lang)
                element.append(extra)
    return element


def coverage_file(target):
    """Write the file (one activity covering the schema, plus an extension element)."""
    root = etree.Element("iati-activities", {"version": "2.03"})
    activity = build()
    ext = etree.SubElement(activity, "{http://example.org/ext}note")
    ext.text = "Extension du publieur"
    root.append(activity)
    etree.ElementTree(root).write(str(target), encoding="utf-8", xml_declaration=True)
    return target
