"""Validation of one activity, as an editor sees it.

``check_activity(activity, parts)`` runs (1) the codelists through the official ``mapping.xml``,
(2) the error-level rules of ``rulesets/standard.json`` that apply to what the editor can enter,
and (3) the official XSD on the XML the export would write. Each ``Problem`` names the field and,
for the inline rows, the relation and row index it belongs to, so the admin form can attach it
to the exact place; messages are translated in the active (editor's) language.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from . import extra_parts
from .codelists import CODELISTS_DIR, code_status
from .export import activities_document, activity_element
from .schema import xsd_errors

ERROR, WARNING = "error", "warning"
RELATIONS = (
    "dates",
    "participating_orgs",
    "contacts",
    "recipient_countries",
    "recipient_regions",
    "locations",
    "sectors",
    "budgets",
    "planned_disbursements",
    "transactions",
    "document_links",
    "results",
    *extra_parts.RELATIONS,
)
# XML element under <iati-activity> → inline relation of the activity.
TAG_RELATIONS = {
    "activity-date": "dates",
    "participating-org": "participating_orgs",
    "contact-info": "contacts",
    "recipient-country": "recipient_countries",
    "recipient-region": "recipient_regions",
    "location": "locations",
    "sector": "sectors",
    "budget": "budgets",
    "planned-disbursement": "planned_disbursements",
    "transaction": "transactions",
    "document-link": "document_links",
    "result": "results",
    **extra_parts.ROW_TAGS,
}
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
}


@dataclass
class Problem:
    severity: str
    rule: str
    message: str
    field: str | None = None
    relation: str | None = None
    index: int | None = None


@lru_cache(maxsize=1)
def mappings():
    """[(relative xpath of the attribute, codelist name)] from the official mapping.xml."""
    root = etree.parse(str(CODELISTS_DIR / "mapping.xml")).getroot()
    result = []
    for mapping in root.iter("mapping"):
        path = mapping.findtext("path") or ""
        if not path.startswith("//iati-activity/"):
            continue
        path = path[len("//iati-activity/") :]
        condition = mapping.findtext("condition")
        if condition:
            head, _sep, attribute = path.rpartition("/")
            path = f"{head}[{condition}]/{attribute}" if head else f".[{condition}]/{attribute}"
        result.append((path, mapping.find("codelist").get("ref")))
    return result


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


def check_codelists(top, problems):
    for path, codelist in mappings():
        try:
            values = top.xpath(path)
        except etree.XPathError:
            continue
        for value in values:
            if not isinstance(value, str) or not getattr(value, "is_attribute", False):
                continue
            element = value.getparent()
            relation, index, element_path = locate(element, top)
            attr_path = (
                f"{element_path}/@{value.attrname}" if element_path else f"@{value.attrname}"
            )
            field = PATH_FIELDS.get(attr_path)
            if relation and relation in ("locations",) and field is None:
                continue
            status = code_status(codelist, value)
            if status == "active":
                continue
            if status is None:
                message = _("“%(code)s” is not a code of the IATI codelist %(codelist)s.")
            else:
                message = _("“%(code)s” has been withdrawn from the IATI codelist %(codelist)s.")
            kind = "codelist" if status is None else "codelist-withdrawn"
            problems.append(
                Problem(
                    ERROR,
                    kind,
                    message % {"code": value, "codelist": codelist},
                    field,
                    relation,
                    index,
                )
            )


def check_xsd(top, problems):
    document = activities_document([])
    document.append(top)
    for line, message in xsd_errors(etree.ElementTree(document)):
        element = next((e for e in document.iter() if e.sourceline == line), None)
        relation = index = None
        if element is not None and element is not top and element is not document:
            relation, index, _path = locate(element, top)
        problems.append(
            Problem(
                ERROR,
                "xsd",
                _("The IATI XML would not be valid: %(message)s") % {"message": message},
                None,
                relation,
                index,
            )
        )


def generated_tree(activity, parts):
    """The <iati-activity> element re-parsed so that each element has its own line."""
    element = activity_element(Snapshot(activity, parts))
    text = etree.tostring(element, pretty_print=True)
    return etree.fromstring(text)


def check_activity(activity, parts, today=None, xsd=True):
    """All the problems of ``activity`` whose rows are ``parts`` ({relation: [objects]})."""
    from .rules import check_rules

    problems = []
    check_rules(activity, parts, problems, today or timezone.localdate())
    try:
        top = generated_tree(activity, parts)
    except (TypeError, ValueError, AttributeError) as exc:  # incomplete rows: rules say why
        if not any(p.severity == ERROR for p in problems):
            problems.append(Problem(ERROR, "xsd", str(exc)))
        return problems
    check_codelists(top, problems)
    if xsd and not any(p.severity == ERROR for p in problems):  # a safety net, last
        check_xsd(top, problems)
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
