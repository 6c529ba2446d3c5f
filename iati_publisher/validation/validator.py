"""Validate an IATI 2.03 activity or organisation file in one streaming pass.

``lxml.etree.iterparse`` yields each ``iati-activity`` (or ``iati-organisation``) when it is
complete; that subtree is checked against the XSD (the element is global in the official
schema), the codelists and the ruleset, then cleared, so memory stays flat whatever the size of
the file. The root element (its attributes and non-IATI children) is checked at the end.
"""

from __future__ import annotations

import copy
from pathlib import Path

from django.utils.translation import gettext_noop
from lxml import etree

from .. import xmlsafe
from . import codelists, resources
from .paths import element_path
from .problems import ERROR, WARNING, Problem, Report
from .rules import RuleRunner

SUPPORTED_VERSION = "2.03"
ITEM_TAGS = {resources.ACTIVITIES: "iati-activity", resources.ORGANISATIONS: "iati-organisation"}
ROOT_TAGS = {"iati-activities": resources.ACTIVITIES, "iati-organisations": resources.ORGANISATIONS}

MSG_UNREADABLE = gettext_noop("The file cannot be read: {error}")
MSG_NOT_XML = gettext_noop("The file is not well-formed XML: {error}")
MSG_NOT_IATI = gettext_noop(
    "This is not an IATI file: the root element is “{tag}” "
    "(expected iati-activities or iati-organisations)."
)
MSG_VERSION = gettext_noop(
    "The file declares IATI version “{version}”; only version 2.03 is supported."
)
MSG_NO_VERSION = gettext_noop("The file does not declare its IATI version (version attribute).")
MSG_SCHEMA = gettext_noop("Does not match the IATI 2.03 schema: {error}")


def _fatal(report, msgid, line=None, **params):
    report.fatal = Problem(ERROR, "file", "file", msgid, params, line=line)
    return report


def _schema_problems(schema, element, top, top_xpath, report, ident, skip=()):
    if schema.validate(element):
        return
    for entry in schema.error_log:
        if any(text in entry.message for text in skip):
            continue
        report.add(
            Problem(
                ERROR,
                "xsd",
                "schema",
                MSG_SCHEMA,
                {"error": entry.message},
                line=entry.line or element.sourceline,
                xpath=_log_path(entry, top_xpath),
                activity=ident,
            )
        )


def _log_path(entry, top_xpath):
    path = getattr(entry, "path", "") or ""
    # The subtree is validated as its own document: /iati-activity/... -> top_xpath/...
    if path.startswith("/iati-activity") or path.startswith("/iati-organisation"):
        rest = path.split("/", 2)[2] if path.count("/") > 1 else ""
        return f"{top_xpath}/{rest}" if rest else top_xpath
    return path or top_xpath


def _identifier(element, kind):
    tag = "iati-identifier" if kind == resources.ACTIVITIES else "organisation-identifier"
    return (element.findtext(tag) or "").strip()


def validate_file(source, *, today=None, check_schema=True, require_version=True) -> Report:
    """Validate a path (or a seekable binary file). Never raises for bad input: see ``fatal``.

    ``require_version=False`` downgrades a version other than 2.03 to a warning and checks the
    file as 2.03 anyway (used to run the official schema test suite, whose files say "xx").
    """
    report = Report()
    if isinstance(source, str | Path):
        try:
            handle = open(source, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            return _fatal(report, MSG_UNREADABLE, error=exc.strerror or str(exc))
    else:
        handle = source
    try:
        return _validate_stream(handle, report, today, check_schema, require_version)
    finally:
        if isinstance(source, str | Path):
            handle.close()


def _check_root(root, report, require_version=True):
    kind = ROOT_TAGS.get(root.tag if isinstance(root.tag, str) else "")
    if kind is None:
        _fatal(report, MSG_NOT_IATI, line=root.sourceline, tag=str(root.tag))
        return None
    report.kind = kind
    version = (root.get("version") or "").strip()
    report.version = version
    if not version and require_version:
        _fatal(report, MSG_NO_VERSION, line=root.sourceline)
        return None
    if version != SUPPORTED_VERSION:
        if not require_version:
            report.add(
                Problem(
                    WARNING,
                    "file",
                    "version",
                    MSG_VERSION,
                    {"version": version},
                    line=root.sourceline,
                )
            )
            return kind
        _fatal(report, MSG_VERSION, line=root.sourceline, version=version)
        return None
    return kind


def _iterparse(handle, **kwargs):
    return xmlsafe.iterparse(handle, remove_comments=True, **kwargs)


def _validate_stream(handle, report, today, check_schema, require_version):
    # First event only: the root element tells the kind of file and its version.
    try:
        xmlsafe.refuse_doctype(handle)
        _event, root = next(iter(_iterparse(handle, events=("start",))))
        xmlsafe.check_docinfo(root)
    except StopIteration:
        return _fatal(report, MSG_NOT_XML, error="empty document")
    except etree.XMLSyntaxError as exc:
        return _fatal(report, MSG_NOT_XML, line=exc.lineno or None, error=exc.msg)
    except xmlsafe.UnsafeXML as exc:
        return _fatal(report, xmlsafe.MSG_DOCTYPE, line=exc.line)
    except OSError as exc:
        return _fatal(report, MSG_UNREADABLE, error=str(exc))
    kind = _check_root(root, report, require_version)
    if kind is None:
        return report
    item_tag = ITEM_TAGS[kind]
    runner = RuleRunner(kind, today=today)
    schema = resources.schema(kind) if check_schema else None
    handle.seek(0)
    index = 0
    root = None
    try:
        for _event, element in _iterparse(handle, events=("end",), tag=item_tag):
            parent = element.getparent()
            if root is None:
                root = parent
            if parent is not root:
                continue
            index += 1
            top_xpath = f"/{root.tag}/{item_tag}[{index}]"
            ident = _identifier(element, kind)
            if schema is not None:
                _schema_problems(schema, element, element, top_xpath, report, ident)
            codelists.check_subtree(element, kind, top_xpath, report, ident)
            runner.run(element, top_xpath, report, ident)
            element.clear()
            while element.getprevious() is not None:
                del root[0]
    except etree.XMLSyntaxError as exc:
        report.problems.clear()
        return _fatal(report, MSG_NOT_XML, line=exc.lineno or None, error=exc.msg)
    except OSError as exc:
        return _fatal(report, MSG_UNREADABLE, error=str(exc))
    report.count = index
    if root is None:
        handle.seek(0)
        root = etree.parse(handle, xmlsafe.parser()).getroot()
    codelists.check_root(root, kind, report)
    if schema is not None:
        shell = copy.copy(root)
        for child in list(shell):
            if child.tag == item_tag:
                shell.remove(child)
        skip = (f"Expected is ( {item_tag} )",) if index else ()
        _schema_problems(schema, shell, shell, f"/{root.tag}", report, "", skip=skip)
    return report


__all__ = ["validate_file", "SUPPORTED_VERSION", "element_path"]
