"""Validate an IATI activity or organisation file (versions 1.0x–2.03) in one streaming pass.

``lxml.etree.iterparse`` yields each ``iati-activity`` (or ``iati-organisation``) when it is
complete; :func:`check_item` checks that subtree in its own version (see ``versions``): the
XSD (the element is global in the official schema), the codelists and the official ruleset;
then it is cleared, so memory stays flat whatever the size of the file. The root element (its
attributes and non-IATI children) is checked at the end. :func:`check_item` is also what the
activity editor runs on the XML an activity would export: ONE engine for files and editor.

Exit status of a report: 2 only when the file is not XML, has a DOCTYPE or is not IATI;
1 when an item has an error (1.0x items: "needs upgrade"); 0 otherwise (warnings allowed).
No SQL once the reference data is loaded (``resources``).
"""

from __future__ import annotations

import copy
from collections import Counter
from pathlib import Path

from django.utils.translation import gettext_noop
from lxml import etree

from .. import xmlsafe
from . import codelists, resources, versions
from .paths import element_path
from .problems import ERROR, WARNING, Problem, Report
from .rules import RuleRunner

SUPPORTED_VERSION = versions.CURRENT
ITEM_TAGS = {resources.ACTIVITIES: "iati-activity", resources.ORGANISATIONS: "iati-organisation"}
ROOT_TAGS = {"iati-activities": resources.ACTIVITIES, "iati-organisations": resources.ORGANISATIONS}

MSG_UNREADABLE = gettext_noop("The file cannot be read: {error}")
MSG_NOT_XML = gettext_noop("The file is not well-formed XML: {error}")
MSG_NOT_IATI = gettext_noop(
    "This is not an IATI file: the root element is “{tag}” "
    "(expected iati-activities or iati-organisations)."
)
MSG_VERSION = versions.MSG_UNKNOWN_VERSION
MSG_NO_VERSION = versions.MSG_NO_VERSION
MSG_SCHEMA = gettext_noop("Does not match the IATI {version} schema: {error}")
MSG_ROOT = gettext_noop("The root element of the file does not match the IATI schema: {error}")


def _fatal(report, msgid, line=None, **params):
    report.fatal = Problem(ERROR, "file", "file", msgid, params, line=line)
    return report


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


class ItemChecker:
    """Checks one activity/organisation element at a time (reference data loaded once; the
    codelists as stored when the checker is made: one file sees one set of lists)."""

    def __init__(self, kind, *, today=None, check_schema=True, rules=True, extra_checks=()):
        self.kind = kind
        self.codes = codelists.index(kind)
        self.check_schema = check_schema
        self.extra_checks = tuple(extra_checks)
        self.runner = RuleRunner(kind, today=today) if rules else None

    def check(self, element, report, *, top_xpath, version=versions.CURRENT, ident=None):
        """Add the problems of ``element`` (in ``version``) to ``report``; returns them."""
        start = len(report.problems)
        ident = _identifier(element, self.kind) if ident is None else ident
        if versions.is_v1(version):
            report.add(
                Problem(
                    ERROR,
                    "version",
                    "needs-upgrade",
                    versions.MSG_NEEDS_UPGRADE,
                    {"version": version},
                    line=element.sourceline,
                    xpath=top_xpath,
                    activity=ident,
                )
            )
            return report.problems[start:]
        if version not in versions.SUPPORTED_2X:
            report.add(
                Problem(
                    WARNING,
                    "version",
                    "version",
                    versions.MSG_UNKNOWN_VERSION,
                    {"version": version},
                    line=element.sourceline,
                    xpath=top_xpath,
                    activity=ident,
                )
            )
        if self.check_schema:
            self._schema(element, report, top_xpath, ident, version)
        codelists.check_subtree(element, self.kind, top_xpath, report, ident, self.codes)
        if self.runner is not None:
            self.runner.run(element, top_xpath, report, ident)
        for extra in self.extra_checks:
            extra(element, report, top_xpath, ident)
        return report.problems[start:]

    def _schema(self, element, report, top_xpath, ident, version):
        schema_version = versions.schema_version(version)
        schema = resources.schema(self.kind, schema_version)
        label = version if version in versions.SUPPORTED_2X else versions.CURRENT
        if not schema.validate(element):
            for entry in schema.error_log:
                report.add(
                    Problem(
                        ERROR,
                        "xsd",
                        "schema",
                        MSG_SCHEMA,
                        {"error": entry.message, "version": label},
                        line=entry.line or element.sourceline,
                        xpath=_log_path(entry, top_xpath),
                        activity=ident,
                    )
                )
        for node, what, since in versions.introduced_problems(element, version):
            target = node.getparent() if isinstance(node, str) else node
            name = f"/@{node.attrname}" if getattr(node, "is_attribute", False) else ""
            report.add(
                Problem(
                    ERROR,
                    "xsd",
                    "schema",
                    versions.MSG_INTRODUCED,
                    {"version": version, "what": what, "since": since},
                    line=target.sourceline,
                    xpath=element_path(target, element, top_xpath) + name,
                    activity=ident,
                )
            )


def validate_file(
    source, *, today=None, check_schema=True, require_version=True, extra_checks=()
) -> Report:
    """Validate a path (or a seekable binary file). Never raises for bad input: see ``fatal``.

    ``require_version=False`` checks every item as 2.03 whatever it declares (used to run the
    official schema test suite, whose files say "xx")."""
    report = Report()
    if isinstance(source, str | Path):
        try:
            handle = open(source, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            return _fatal(report, MSG_UNREADABLE, error=exc.strerror or str(exc))
    else:
        handle = source
    try:
        return _validate_stream(handle, report, today, check_schema, require_version, extra_checks)
    finally:
        if isinstance(source, str | Path):
            handle.close()


def _iterparse(handle, **kwargs):
    return xmlsafe.iterparse(handle, remove_comments=True, **kwargs)


def _check_root(root, report):
    kind = ROOT_TAGS.get(root.tag if isinstance(root.tag, str) else "")
    if kind is None:
        _fatal(report, MSG_NOT_IATI, line=root.sourceline, tag=str(root.tag))
        return None
    report.kind = kind
    report.version = (root.get("version") or "").strip()
    if not report.version:
        report.add(Problem(WARNING, "version", "version", MSG_NO_VERSION, line=root.sourceline))
    return kind


def _validate_stream(handle, report, today, check_schema, require_version, extra_checks=()):
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
    kind = _check_root(root, report)
    if kind is None:
        return report
    item_tag = ITEM_TAGS[kind]
    checker = ItemChecker(kind, today=today, check_schema=check_schema, extra_checks=extra_checks)
    handle.seek(0)
    index = 0
    root = None
    seen = Counter()
    try:
        for _event, element in _iterparse(handle, events=("end",), tag=item_tag):
            parent = element.getparent()
            if root is None:
                root = parent
            if parent is not root:
                continue
            index += 1
            version, _declared = versions.item_version(element, report.version)
            if not require_version:
                version = versions.CURRENT
            seen[version] += 1
            checker.check(
                element, report, top_xpath=f"/{root.tag}/{item_tag}[{index}]", version=version
            )
            element.clear()
            while element.getprevious() is not None:
                del root[0]
    except etree.XMLSyntaxError as exc:
        report.problems.clear()
        return _fatal(report, MSG_NOT_XML, line=exc.lineno or None, error=exc.msg)
    except OSError as exc:
        return _fatal(report, MSG_UNREADABLE, error=str(exc))
    report.count = index
    report.versions = dict(seen)
    if root is None:
        handle.seek(0)
        root = etree.parse(handle, xmlsafe.parser()).getroot()
    codelists.check_root(root, kind, report, checker.codes)
    if check_schema:
        _check_root_schema(root, kind, item_tag, index, report)
    return report


def _check_root_schema(root, kind, item_tag, count, report):
    """The root without its items against the 2.03 schema. Attribute problems of the root are
    warnings: download services (Datastore, d-portal) add their own; the items are the data."""
    shell = copy.copy(root)
    for child in list(shell):
        if child.tag == item_tag:
            shell.remove(child)
    schema = resources.schema(kind)
    if schema.validate(shell):
        return
    for entry in schema.error_log:
        if count and f"Expected is ( {item_tag} )" in entry.message:
            continue
        attribute = "attribute" in entry.message.lower()
        report.add(
            Problem(
                WARNING if attribute else ERROR,
                "xsd",
                "schema",
                MSG_ROOT,
                {"error": entry.message},
                line=entry.line or root.sourceline,
                xpath=f"/{root.tag}",
            )
        )


__all__ = ["ItemChecker", "validate_file", "SUPPORTED_VERSION", "element_path"]
