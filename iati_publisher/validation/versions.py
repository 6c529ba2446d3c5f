"""IATI versions: which version an activity (or organisation) is in, what it may not use, and
how it is upgraded to 2.03.

Files from the IATI Datastore or d-portal carry no ``version`` on their root but one per
activity, as an attribute in the downloader's namespace (``iati-extra:version``,
``iati-activities:version``…): :func:`item_version` reads any attribute named ``version``
whatever its namespace, then the root's, then infers it (1.0x activities have no
``narrative``; everything else is checked as 2.03).

2.01 and 2.02 are checked against their own official XSD, shipped in ``data/schemas/2.01`` and
``2.02`` (:func:`schema_version`); were those folders missing, the 2.03 schema (which only adds
to them: see the official changelogs of 2.02 and 2.03) plus :data:`INTRODUCED` (the elements
and attributes a 2.01/2.02 activity may not use yet) would stand in. Upgrading 2.01/2.02 → 2.03 therefore changes nothing in the
content: the version becomes 2.03 and the import says so (:func:`upgrade_note`). 1.0x
activities must be upgraded by their publisher (different structure: no narratives, text
codes): they are reported as "needs upgrade" and never imported.

No SQL.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop
from lxml import etree

from . import resources

CURRENT = "2.03"
SUPPORTED_2X = ("2.01", "2.02", "2.03")
MSG_NEEDS_UPGRADE = gettext_noop(
    "This activity is in IATI version {version}: it needs upgrade to version 2.03 by its "
    "publisher before it can be checked in full or imported (version 1 has no narratives "
    "and other codes)."
)
MSG_NO_VERSION = gettext_noop(
    "The file does not declare its IATI version on its root element: each activity was "
    "checked in its own version (or as 2.03 when it gives none)."
)
MSG_UNKNOWN_VERSION = gettext_noop("Unknown IATI version “{version}”: checked as version 2.03.")
MSG_INTRODUCED = gettext_noop(
    "Not valid in IATI {version}: {what} was introduced in version {since}."
)
MSG_UPGRADED = gettext_noop(
    "Upgraded from IATI {version} to 2.03: nothing had to change (2.03 only adds to {version})."
)

# (XPath relative to the activity, what it is, version that introduced it)
INTRODUCED = [
    ("@humanitarian", "@humanitarian", "2.02"),
    ("participating-org/@activity-id", "participating-org/@activity-id", "2.02"),
    ("recipient-region/@vocabulary-uri", "recipient-region/@vocabulary-uri", "2.02"),
    ("sector/@vocabulary-uri", "sector/@vocabulary-uri", "2.02"),
    ("humanitarian-scope", "humanitarian-scope", "2.02"),
    ("policy-marker/@vocabulary-uri", "policy-marker/@vocabulary-uri", "2.02"),
    ("budget/@status", "budget/@status", "2.02"),
    ("planned-disbursement/provider-org", "planned-disbursement/provider-org", "2.02"),
    ("planned-disbursement/receiver-org", "planned-disbursement/receiver-org", "2.02"),
    ("transaction/@humanitarian", "transaction/@humanitarian", "2.02"),
    ("transaction/provider-org/@type", "transaction/provider-org/@type", "2.02"),
    ("transaction/receiver-org/@type", "transaction/receiver-org/@type", "2.02"),
    ("transaction/sector/@vocabulary-uri", "transaction/sector/@vocabulary-uri", "2.02"),
    (
        "transaction/recipient-region/@vocabulary-uri",
        "transaction/recipient-region/@vocabulary-uri",
        "2.02",
    ),
    ("document-link/document-date", "document-link/document-date", "2.02"),
    ("result/indicator/reference", "result/indicator/reference", "2.02"),
    ("result/indicator/period/*[self::target or self::actual]/location", "period location", "2.02"),
    (
        "result/indicator/period/*[self::target or self::actual]/dimension",
        "period dimension",
        "2.02",
    ),
    ("crs-add/channel-code", "crs-add/channel-code", "2.02"),
    ("participating-org/@crs-channel-code", "participating-org/@crs-channel-code", "2.03"),
    ("tag", "tag", "2.03"),
    ("default-aid-type/@vocabulary", "default-aid-type/@vocabulary", "2.03"),
    ("default-aid-type[2]", "a second default-aid-type", "2.03"),
    ("transaction/aid-type/@vocabulary", "transaction/aid-type/@vocabulary", "2.03"),
    ("transaction/aid-type[2]", "a second transaction/aid-type", "2.03"),
    ("result/document-link", "result/document-link", "2.03"),
    ("result/reference", "result/reference", "2.03"),
    ("result/indicator/@aggregation-status", "result/indicator/@aggregation-status", "2.03"),
    ("result/indicator/document-link", "result/indicator/document-link", "2.03"),
    ("result/indicator/baseline[2]", "a second baseline", "2.03"),
    ("result/indicator/baseline/@iso-date", "baseline/@iso-date", "2.03"),
    ("result/indicator/baseline/location", "baseline/location", "2.03"),
    ("result/indicator/baseline/dimension", "baseline/dimension", "2.03"),
    ("result/indicator/baseline/document-link", "baseline/document-link", "2.03"),
    ("result/indicator/baseline[not(@value)]", "a baseline without @value", "2.03"),
    ("result/indicator/period/target[2]", "a second target", "2.03"),
    ("result/indicator/period/actual[2]", "a second actual", "2.03"),
    ("result/indicator/period/target[not(@value)]", "a target without @value", "2.03"),
    ("result/indicator/period/actual[not(@value)]", "an actual without @value", "2.03"),
    ("result/indicator/period/*/document-link", "period document-link", "2.03"),
    ("document-link/description", "document-link/description", "2.03"),
    ("@budget-not-provided", "@budget-not-provided", "2.03"),
]


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def item_version(element, root_version: str) -> tuple[str, bool]:
    """(version of an activity/organisation element, whether it was declared somewhere)."""
    for name, value in element.attrib.items():
        if _local(name) == "version" and value.strip():
            return value.strip(), True
    if root_version:
        return root_version, True
    if element.find(".//narrative") is None and (element.findtext("title") or "").strip():
        return "1.0x", False
    return CURRENT, False


def is_v1(version: str) -> bool:
    return version.startswith("1.")


def schema_version(version: str) -> str:
    """The version whose shipped XSD checks ``version`` (its own when shipped, else 2.03)."""
    if version in SUPPORTED_2X and (resources.SCHEMAS_DIR / version).is_dir():
        return version
    return CURRENT


def introduced_problems(element, version: str):
    """[(node, what, since)] of the 2.02/2.03 features an activity of ``version`` uses."""
    if version not in ("2.01", "2.02") or schema_version(version) == version:
        return []
    found = []
    for expr, what, since in INTRODUCED:
        if since <= version:
            continue
        for node in _xpath(expr)(element):
            found.append((node, what, since))
    return found


_COMPILED = {}


def _xpath(expr):
    if expr not in _COMPILED:
        _COMPILED[expr] = etree.XPath(expr)
    return _COMPILED[expr]


def upgrade(element, version: str) -> str | None:
    """Upgrade a 2.01/2.02 activity element to 2.03 in place; the note (msgid) or None.

    The version attributes the downloaders add are removed: the published file declares 2.03
    on its root."""
    if version not in ("2.01", "2.02"):
        return None
    for name in list(element.attrib):
        if _local(name) == "version":
            del element.attrib[name]
    return MSG_UPGRADED
