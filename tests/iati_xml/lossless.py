"""Counting what a file says: every element, attribute and text occurrence of its activities
(or organisations), with narratives counted by their resolved language. Import → export is
lossless when nothing of the input is missing from the output (``lost`` is empty)."""

from collections import Counter
from decimal import Decimal, InvalidOperation

from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
IGNORED_ATTRS = {"generated-datetime", "version"}  # the file's, not the activities' facts


def _value(text):
    text = (text or "").strip()
    try:
        return (
            format(Decimal(text).normalize(), "f") if text and text[0] in "-0123456789." else text
        )
    except InvalidOperation:
        return text


def occurrences(path_or_tree, item_tag="iati-activity") -> Counter:
    tree = path_or_tree
    if not isinstance(tree, etree._Element):
        tree = etree.parse(str(path_or_tree), etree.XMLParser(remove_comments=True)).getroot()
    counts = Counter()
    for item in tree.iter(item_tag):
        lang = item.get(XML_LANG) or tree.get(XML_LANG) or "en"
        _walk(item, (item_tag,), lang, counts)
    return counts


def _walk(element, path, lang, counts):
    counts[path] += 1
    for name, value in element.attrib.items():
        if name in IGNORED_ATTRS and len(path) == 1:
            continue
        if "version" in name and len(path) == 1:
            continue  # the downloaders' per-activity version (the export declares 2.03)
        if name == XML_LANG and element.tag == "narrative":
            continue
        counts[(*path, f"@{name}", _value(value))] += 1
    if element.tag == "narrative":
        counts[(*path, "lang", (element.get(XML_LANG) or lang).lower(), _value(element.text))] += 1
    elif (element.text or "").strip():
        counts[(*path, "text()", _value(element.text))] += 1
    for child in element:
        if isinstance(child.tag, str):
            _walk(child, (*path, child.tag), lang, counts)


def lost(before: Counter, after: Counter) -> Counter:
    return before - after


def share_kept(before: Counter, after: Counter) -> float:
    total = sum(before.values())
    return 1.0 if not total else 1 - sum(lost(before, after).values()) / total
