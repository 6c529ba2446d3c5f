"""Validation of one activity, as an editor sees it.

``check_activity(activity, parts)`` runs (1) the portal's rules (``rules``: the official rule ids
on what the editor enters, in the editor's words, even when the activity cannot be exported yet)
and (2) the file validator's own engine (``validation.ItemChecker``: the official XSD, the
codelists of ``mapping.xml`` and the ruleset ``standard.json``) on the XML the export would
write — one engine for files and editor, so an activity the editor accepts is one the validator
accepts. Each ``Problem`` (the validator's type) names the field and, for the inline rows, the
relation and row index it belongs to, found from the element and XPath the engine reports, so
the admin form attaches it to the exact place; messages are in the active (editor's) language.
No SQL once the reference data is loaded; the export's cost for the activity otherwise.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone
from lxml import etree

from . import extra_parts
from .export import activity_element
from .validation import codelists, resources
from .validation.problems import ERROR, WARNING, Problem, Report
from .validation.validator import ItemChecker

__all__ = ["ERROR", "WARNING", "Problem", "check_activity", "stored_parts"]
# XML element under <iati-activity> → inline relation of the activity (``extra_parts``)
TAG_RELATIONS = extra_parts.PART_TAGS
RELATIONS = extra_parts.PARTS
# Attribute path (relative to <iati-activity> or to the row's element) → model field.
PATH_FIELDS = {
    "@default-currency": "default_currency",
    "activity-status/@code": "activity_status",
    "collaboration-type/@code": "collaboration_type",
    "default-flow-type/@code": "default_flow_type",
    "default-finance-type/@code": "default_finance_type",
    "default-aid-type/@code": "default_aid_type",
    "default-tied-status/@code": "default_tied_status",
    "reporting-org/@type": "reporting_org",
    "activity-date/@type": "type",
    "participating-org/@role": "role",
    "participating-org/@type": "type",
    "contact-info/@type": "type",
    "recipient-country/@code": "code",
    "recipient-region/@code": "code",
    "recipient-region/@vocabulary": "vocabulary",
    "location/location-reach/@code": "location_reach",
    "location/exactness/@code": "exactness",
    "location/location-class/@code": "location_class",
    "location/administrative/@code": "admin_unit_code",
    "sector/@code": "code",
    "sector/@vocabulary": "vocabulary",
    "budget/@type": "type",
    "budget/@status": "status",
    "budget/value/@currency": "currency",
    "planned-disbursement/@type": "type",
    "planned-disbursement/value/@currency": "currency",
    "transaction/transaction-type/@code": "transaction_type",
    "transaction/value/@currency": "currency",
    "transaction/sector/@code": "sector_code",
    "transaction/sector/@vocabulary": "sector_vocabulary",
    "document-link/category/@code": "category",
    "document-link/language/@code": "language",
    "result/@type": "type",
    # the rows of the title and descriptions (``narratives``; placed by ``Snapshot`` marks)
    "title/narrative": "text",
    "title/narrative/@xml:lang": "lang",
    "description/narrative": "text",
    "description/narrative/@xml:lang": "lang",
    "description/@type": "description_type",
}
NARRATIVES = "narratives"


class _Rows:
    def __init__(self, rows):
        self.rows = rows

    def all(self):
        return self.rows


class Snapshot:
    """An activity with its parts taken from lists (the admin form's rows) for the exporter."""

    def __init__(self, activity, parts):
        self._activity = activity
        self._parts = parts
        self.narrative_marks = {}  # {element written: index of its narrative row}

    @property
    def _kept_model(self):  # ``kept.digest`` reads the activity's fields
        return type(self._activity)

    def __getattr__(self, name):
        if name in RELATIONS:
            return _Rows(self._parts.get(name, []))
        return getattr(self._activity, name)


def locate(element, top):
    """(relation, index, attribute path) of an element inside the <iati-activity> ``top``."""
    tags = []
    node = element
    while node is not None and node is not top and node.getparent() is not top:
        tags.append(node.tag)
        node = node.getparent()
    if node is None or node is top:
        return None, None, "/".join(reversed(tags))
    tags.append(node.tag)
    relation = TAG_RELATIONS.get(node.tag)
    index = None
    if relation:
        index = sum(1 for sibling in node.itersiblings(preceding=True) if sibling.tag == node.tag)
    return relation, index, "/".join(reversed(tags))


def _place(problem, top, lines, marks=None):
    """Set the form field (and inline row) of a problem the official engine found in ``top``:
    its element is the one on its line (``generated_tree`` gives each element its own line),
    its attribute the end of its XPath; a narrative row's element is in ``marks``."""
    element = lines.get(problem.line)
    if element is None or element is top:
        relation, index, element_path = None, None, ""
    else:
        relation, index, element_path = locate(element, top)
        if marks and element in marks:
            relation, index = NARRATIVES, marks[element]
    attribute = problem.xpath.rpartition("/")[2] if "/@" in problem.xpath else ""
    path = (
        f"{element_path}/{attribute}" if element_path and attribute else element_path or attribute
    )
    problem.field = PATH_FIELDS.get(path)
    problem.relation, problem.index = relation, index
    if problem.msgid == codelists.MSG_WITHDRAWN:
        # The editor refuses a withdrawn code; the form accepts one the activity already had.
        problem.rule_id, problem.severity = "codelist-withdrawn", ERROR
    return problem


def official_problems(top, today, schema=True, marks=None):
    """The problems the file validator's engine finds in the <iati-activity> ``top``: the XSD,
    the codelists of mapping.xml and the official ruleset (``validation.ItemChecker``), each
    placed in the form (``_place``; ``marks``: {element: narrative row index})."""
    report = Report(kind=resources.ACTIVITIES)
    ItemChecker(resources.ACTIVITIES, today=today, check_schema=schema).check(
        top, report, top_xpath="/iati-activities/iati-activity"
    )
    lines = {element.sourceline: element for element in top.iter() if isinstance(element.tag, str)}
    return [_place(problem, top, lines, marks) for problem in report.problems]


def generated_tree(activity, parts, marks=None):
    """The <iati-activity> element re-parsed so that each element has its own line; ``marks``
    (a dict) receives {re-parsed element: index of the narrative row it was written from}."""
    snapshot = Snapshot(activity, parts)
    element = activity_element(snapshot)
    written = snapshot.narrative_marks
    positions = {i: written[node] for i, node in enumerate(element.iter()) if node in written}
    top = etree.fromstring(etree.tostring(element, pretty_print=True))
    if marks is not None and positions:
        for i, node in enumerate(top.iter()):
            if i in positions:
                marks[node] = positions[i]
    return top


def check_activity(activity, parts, today=None, xsd=True):
    """All the problems of ``activity`` whose rows are ``parts`` ({relation: [objects]}): the
    portal's rules in the editor's words (``rules``), then the file validator's engine on the
    XML the export would write, for what they do not cover. The XSD is a safety net: its
    messages are shown only when nothing else is an error."""
    from .rules import check_rules

    today = today or timezone.localdate()
    problems = []
    check_rules(activity, parts, problems, today)
    try:
        marks = {}
        top = generated_tree(activity, parts, marks)
    except (TypeError, ValueError, AttributeError) as exc:  # incomplete rows: rules say why
        if not any(p.severity == ERROR for p in problems):
            problems.append(Problem(ERROR, "xsd", "", str(exc)))
        return problems
    covered = {p.rule_id for p in problems}
    found = [
        p
        for p in official_problems(top, today, schema=xsd, marks=marks)
        if p.rule_id not in covered
    ]
    schema = [p for p in found if p.rule_id == "xsd"]
    problems += [p for p in found if p.rule_id != "xsd"]
    if not any(p.severity == ERROR for p in problems):
        problems += schema
    return _dedupe(problems)


def _dedupe(problems):
    seen = set()
    result = []
    for p in problems:
        key = (p.severity, p.message, p.field, p.relation, p.index)
        if key not in seen:
            seen.add(key)
            result.append(p)
    return result


def stored_parts(activity):
    """{relation: [rows]} of a saved (or revision-restored) activity."""
    return {name: list(getattr(activity, name).all()) for name in RELATIONS}


def percentage_sums(rows, key):
    sums = defaultdict(Decimal)
    counts = defaultdict(int)
    for row in rows:
        sums[key(row)] += row.percentage or Decimal(0)
        counts[key(row)] += 1
    return sums, counts


def as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    return value
