"""Codelist check driven by the official ``mapping.xml``.

One walk over each activity (or organisation) subtree: each element's path below the activity
is looked up in an index built from the mappings, so the cost does not grow with the number of
mappings. Open lists (``complete="0"``) only reject withdrawn codes.

The codes come from the database (``resources.codelists()``, the store the editor's pickers
read): :func:`index` is rebuilt, in memory, when the lists are reloaded; a caller checking many
items (``validator.ItemChecker``) takes it once and passes it to every check. No SQL but the
index's own (two queries per process and reload).
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext_noop

from . import resources
from .paths import element_path
from .problems import ERROR, WARNING, Problem

MSG_INVALID = gettext_noop("The code “{code}” is not in the {codelist} codelist.")
MSG_WITHDRAWN = gettext_noop("The code “{code}” of the {codelist} codelist is withdrawn.")
#: Withdrawn codes are warnings, as in IATI's own validator: data published before the code was
#: withdrawn stays valid. The editor never offers them for new data (hidden from the pickers)
#: and refuses one typed in a changed field (``forms.py``).
WITHDRAWN_SEVERITY = WARNING


_built = {}  # {kind: (the codelists it was built from, index)}


def index(kind: str):
    """(by element path, everywhere) of ``kind``: the mappings with the codelist they check,
    for the codelists stored now."""
    lists = resources.codelists()
    found = _built.get(kind)
    if found is None or found[0] is not lists:
        found = _built[kind] = (lists, _build_index(kind, lists))
    return found[1]


def _build_index(kind, lists):
    by_path = defaultdict(list)
    everywhere = []
    for mapping in resources.mappings():
        codelist = lists.get(mapping.codelist)
        if codelist is None:
            continue
        if mapping.kind == "any":
            if codelist.complete or codelist.withdrawn:
                everywhere.append((mapping, codelist))
        elif mapping.kind == kind:
            by_path[mapping.element_path].append((mapping, codelist))
    return dict(by_path), everywhere


def _check(value, mapping, codelist, element, attribute_label, top, top_xpath, report, ident):
    code = (value or "").strip()
    if code in codelist.codes and code not in codelist.withdrawn:
        return
    if code in codelist.withdrawn:
        msgid, severity = MSG_WITHDRAWN, WITHDRAWN_SEVERITY
    elif not codelist.complete:
        return
    else:
        msgid, severity = MSG_INVALID, ERROR
    report.add(
        Problem(
            severity=severity,
            rule_id="codelist",
            rule_name=codelist.name,
            msgid=msgid,
            params={"code": code, "codelist": codelist.name},
            line=element.sourceline,
            xpath=f"{element_path(element, top, top_xpath)}/{attribute_label}",
            activity=ident,
        )
    )


def check_root(root, kind, report, codes=None):
    by_path, _ = codes or index(kind)
    for mapping, codelist in by_path.get(("@root",), []):
        value = root.get(mapping.attribute)
        if value is not None:
            _check(value, mapping, codelist, root, f"@{mapping.attribute}", root, "", report, "")


def check_subtree(top, kind, top_xpath, report, ident="", codes=None):
    """Check every coded value in ``top`` (an iati-activity or iati-organisation element);
    ``codes``: an :func:`index` taken once for many items."""
    by_path, everywhere = codes or index(kind)
    stack = [(top, ())]
    while stack:
        element, path = stack.pop()
        for mapping, codelist in by_path.get(path, ()):
            if mapping.attribute is None:
                value = element.text
                label = "text()"
            else:
                value = element.get(mapping.attribute)
                label = "@" + mapping.attribute
            if value is None:
                continue
            if mapping.condition is not None and not mapping.condition(element):
                continue
            _check(value, mapping, codelist, element, label, top, top_xpath, report, ident)
        for mapping, codelist in everywhere:
            value = element.get(mapping.attribute)
            if value is not None:
                _check(
                    value, mapping, codelist, element, "@xml:lang", top, top_xpath, report, ident
                )
        for child in element:
            tag = child.tag
            if isinstance(tag, str) and tag[0] != "{":
                stack.append((child, (*path, tag)))


__all__ = ["check_root", "check_subtree", "WARNING", "ERROR"]
