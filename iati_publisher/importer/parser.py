"""Parse stage of the importer: an IATI activity or organisation file -> :mod:`records`.

The file is validated first (:func:`iati_publisher.validation.validate_file`, each activity in
its own version, plus :func:`limits.check_storage`). An activity that is not valid on its own
— schema error, version 1.0x ("needs upgrade"), a number too long to store without
rounding, a repeated identifier — is not imported and is listed with its line, XPath
and reason in ``ParsedFile.rejected``; its siblings are. Rule errors of the official ruleset
(budgets over a year, percentages...), unknown and withdrawn codes are real-world
imperfections of the publisher's data: they are imported as written and listed. ``strict=True`` keeps the all-or-nothing
behaviour: any validator error refuses the file. 2.01/2.02 activities are upgraded to 2.03
(``validation.versions.upgrade``) and counted in ``ParsedFile.upgraded``. Memory: one activity
element at a time (iterparse, cleared); the records of the file are kept. No SQL.

This module is the file-level side (validation, streaming, rejected and repeated activities);
the records of one element are built by :mod:`elements` (``_Parser``, ``_keep_sources``).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_noop
from lxml import etree  # noqa: F401

from iati_publisher import kept, xmlsafe
from iati_publisher.validation import Problem, validate_file, versions

from . import collector
from . import records as r
from .elements import _attr, _keep_sources, _Parser, _text
from .limits import check_storage
from .pipeline import finishing

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CHUNK = 500  # activities read between two passes of the garbage collector (``collector``)
MSG_DUPLICATE = gettext_noop("The activity identifier “{identifier}” appears more than once.")


class ImportRefused(Exception):
    """The file cannot be imported; ``problems`` say why, with line numbers."""

    def __init__(self, problems, report=None):
        problems = sorted(problems, key=lambda p: p.line or 0)
        super().__init__("; ".join(p.as_text() for p in problems[:5]))
        self.problems = problems
        self.report = report


BLOCKING_RULES = ("xsd", "file", "version", "import")
ITEM_INDEX = re.compile(
    r"^/iati-(?:activities|organisations)/iati-(?:activity|organisation)\[(\d+)\]"
)


def _blocks(problem) -> bool:
    """Only what makes an activity unreadable blocks it: schema errors, version 1, numbers too
    long to store. Unknown codes are imported as written (the publisher's data, kept and
    re-published) and listed, like the official rules' errors; the editor shows them."""
    return problem.is_error and problem.rule_id in BLOCKING_RULES


def item_index(problem) -> int | None:
    """1-based position of the activity/organisation a problem belongs to (None: the file)."""
    match = ITEM_INDEX.match(problem.xpath or "")
    return int(match.group(1)) if match else None


def blocking_problems(report, strict=False) -> list[Problem]:
    """The problems that stop the import of their activity (of the file with ``strict``)."""
    if report.fatal is not None:
        return [report.fatal]
    if strict:
        return report.errors
    return [p for p in report.errors if _blocks(p) and item_index(p) is not None]


def rejected_items(report) -> dict[int, list[Problem]]:
    """{position: blocking problems} of the items that are not imported (non-strict mode):
    schema-invalid on their own, version 1, numbers too long to store."""
    rejected = {}
    for problem in blocking_problems(report):
        index = item_index(problem)
        if index is not None:
            rejected.setdefault(index, []).append(problem)
    return rejected


def _open(source):
    if isinstance(source, str) or hasattr(source, "__fspath__"):
        return open(source, "rb"), True  # noqa: SIM115 - closed by the caller
    return source, False


def parse_file(source, *, strict=False, validate=True, sink=None) -> r.ParsedFile:
    """Validate then parse ``source`` (path or seekable binary file).

    Non-strict (default): every activity that is valid on its own is parsed; the others are
    listed in ``parsed.rejected`` ({position: problems}) and nothing of them is written;
    ImportRefused only when the file cannot be read or no activity is left. ``strict``: any
    validator error refuses the whole file (nothing written).

    ``sink(activities)``: the activities are handed over by chunks as they are read, and not
    kept (``parsed.count`` says how many): memory bounded by one chunk. A chunk is
    ``sink.size`` activities, or what ``sink.is_full(activities, part rows)`` allows
    (``bulk.is_full``). A sink with ``finish()``/``abandon()`` (``writer.ChunkWriter``) is
    finished after the last chunk, or abandoned on an error (its error, if any, raised as the
    cause)."""
    handle, owned = _open(source)
    try:
        report = None
        rejected = {}
        if validate:
            report = validate_file(handle, extra_checks=[check_storage])
            if report.fatal is not None:
                raise ImportRefused([report.fatal], report)
            if strict and report.errors:
                raise ImportRefused(report.errors, report)
            rejected = rejected_items(report)
            handle.seek(0)
            if sink is not None:
                sink.total = report.count - len(rejected)
        if report is not None and report.kind == "organisations":
            parsed = _parse_organisations(handle, rejected)
        else:
            parsed = _parse(handle, rejected, strict, sink)
        parsed.report = report
        parsed.rejected = {**rejected, **parsed.rejected}
        if parsed.rejected and not (parsed.count or parsed.organisations):
            problems = [p for items in parsed.rejected.values() for p in items]
            raise ImportRefused(problems, report)
        return parsed
    finally:
        if owned:
            handle.close()


def _items(handle, tag):
    """(position, element, root) of each top-level ``tag`` element, cleared after use."""
    index = 0
    for _event, element in xmlsafe.iterparse(
        handle, events=("end",), tag=tag, remove_comments=True
    ):
        root = element.getparent()
        if root is None or root.getparent() is not None:
            continue
        index += 1
        yield index, element, root
        element.clear()
        while element.getprevious() is not None:
            del root[0]


def _parse_organisations(handle, rejected=None) -> r.ParsedFile:
    """An organisation file: each ``iati-organisation`` becomes a reporting organisation."""
    rejected = rejected or {}
    parsed = None
    for index, element, root in _items(handle, "iati-organisation"):
        if parsed is None:
            parsed = r.ParsedFile(
                version=root.get("version", ""), generated=root.get("generated-datetime", "")
            )
        if index in rejected:
            continue
        parser = _Parser((element.get(XML_LANG) or root.get(XML_LANG) or "en").lower())
        reporting = element.find("reporting-org")
        versions.upgrade(element, versions.item_version(element, parsed.version)[0])
        if root.get(XML_LANG) and element.get(XML_LANG) is None:
            element.set(XML_LANG, root.get(XML_LANG))
        parsed.organisations.append(
            r.Organisation(
                ref=_text(element.find("organisation-identifier")) or _attr(reporting, "ref"),
                line=element.sourceline,
                name=parser.narratives(element.find("name")) or parser.narratives(reporting),
                type=_attr(reporting, "type"),
                default_currency=_attr(element, "default-currency"),
            )
        )
        parsed.organisations[-1].xml = kept.element_source(element)
    return parsed or r.ParsedFile(version="")


def _parse(handle, rejected=None, strict=False, sink=None) -> r.ParsedFile:
    with collector.paused() as gc_pause, finishing(sink):
        return _parse_items(handle, rejected or {}, strict, sink, gc_pause)


def _parse_items(handle, rejected, strict, sink, gc_pause) -> r.ParsedFile:
    parsed = None
    parser = _Parser("en")
    seen = {}
    rows = 0  # part rows of the records not handed over yet
    full = getattr(sink, "is_full", None) or (lambda activities, _rows: activities >= sink.size)
    for index, element, root in _items(handle, "iati-activity"):
        if parsed is None:
            parsed = r.ParsedFile(
                version=root.get("version", ""), generated=root.get("generated-datetime", "")
            )
        if index in rejected:
            continue
        version, _declared = versions.item_version(element, parsed.version)
        note = versions.upgrade(element, version)
        activity = parser.activity(element, root.get(XML_LANG))
        _keep_sources(activity, element, root.get(XML_LANG))
        if activity.identifier in seen:
            problem = Problem(
                "error",
                "import",
                "unique",
                MSG_DUPLICATE,
                {"identifier": activity.identifier},
                line=element.sourceline,
                xpath=f"/{root.tag}/iati-activity[{index}]",
                activity=activity.identifier,
            )
            if strict:
                raise ImportRefused([problem])
            parsed.rejected[index] = [problem]
            continue
        seen[activity.identifier] = True
        if note:
            parsed.upgraded[version] = parsed.upgraded.get(version, 0) + 1
        parsed.activities.append(activity)
        parsed.count += 1
        rows += r.row_count(activity)
        if sink is not None and full(len(parsed.activities), rows):
            sink(parsed.activities)
            parsed.activities, rows = [], 0
            gc_pause.chunk_done()
        elif sink is None and parsed.count % CHUNK == 0:
            gc_pause.chunk_done()
    if sink is not None and parsed is not None and parsed.activities:
        sink(parsed.activities)
        parsed.activities = []
    return parsed or r.ParsedFile(version="")
