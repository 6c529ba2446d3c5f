"""Reference data read from the shipped official files (never from the database).

Everything is loaded once per process and cached: the two XSDs, the codelists (codes, withdrawn
codes, whether the list is complete), the ``mapping.xml`` entries and the JSON ruleset.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from .. import xmlsafe

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SCHEMAS_DIR = DATA_DIR / "schemas"
SCHEMA_DIR = SCHEMAS_DIR / "2.03"
CODELIST_DIRS = [DATA_DIR / "codelists" / "embedded-2.03", DATA_DIR / "codelists" / "non-embedded"]
MAPPING_FILE = DATA_DIR / "codelists" / "mapping.xml"
RULESET_FILE = DATA_DIR / "rulesets" / "standard.json"

ACTIVITIES = "activities"
ORGANISATIONS = "organisations"
SCHEMA_FILES = {
    ACTIVITIES: "iati-activities-schema.xsd",
    ORGANISATIONS: "iati-organisations-schema.xsd",
}


@cache
def schema(kind: str, version: str = "2.03") -> etree.XMLSchema:
    """The official XSD of ``version`` for ``activities`` or ``organisations`` (shipped files,
    local imports only)."""
    return etree.XMLSchema(etree.parse(str(SCHEMAS_DIR / version / SCHEMA_FILES[kind])))


@dataclass(frozen=True)
class Codelist:
    name: str
    codes: frozenset
    withdrawn: frozenset
    complete: bool


@cache
def codelists() -> dict[str, Codelist]:
    """Every shipped codelist by name."""
    result = {}
    for folder in CODELIST_DIRS:
        for path in sorted(folder.glob("*.xml")):
            root = xmlsafe.parse_file(path).getroot()
            codes, withdrawn = set(), set()
            for item in root.iter("codelist-item"):
                code = (item.findtext("code") or "").strip()
                if not code:
                    continue
                codes.add(code)
                if item.get("status") == "withdrawn":
                    withdrawn.add(code)
            name = root.get("name") or path.stem
            result[name] = Codelist(
                name, frozenset(codes), frozenset(withdrawn), root.get("complete") != "0"
            )
    return result


@dataclass(frozen=True)
class Mapping:
    """One ``mapping.xml`` entry: the element path, the attribute (or text) and its codelist."""

    kind: str  # activities / organisations / "any"
    element_path: tuple  # tags below the activity / organisation; ("@root",) for the root
    attribute: str | None  # attribute name, None for text()
    codelist: str
    condition: etree.XPath | None
    condition_text: str


@cache
def mappings() -> tuple[Mapping, ...]:
    result = []
    for entry in xmlsafe.parse_file(MAPPING_FILE).getroot().iter("mapping"):
        path = entry.findtext("path").strip()
        ref = entry.find("codelist").get("ref")
        condition_text = (entry.findtext("condition") or "").strip()
        condition = etree.XPath(condition_text) if condition_text else None
        steps = path.lstrip("/").split("/")
        last = steps.pop()
        attribute = None if last == "text()" else last.lstrip("@")
        if last != "text()" and not last.startswith("@"):
            continue
        if path.startswith("//@"):
            kind, element_path = "any", ()
        elif steps[0] in ("iati-activities", "iati-organisations"):
            kind = ACTIVITIES if steps[0] == "iati-activities" else ORGANISATIONS
            element_path = ("@root",)
        else:
            kind = ACTIVITIES if steps[0] == "iati-activity" else ORGANISATIONS
            element_path = tuple(steps[1:])
        if attribute == "xml:lang":
            attribute = "{http://www.w3.org/XML/1998/namespace}lang"
        result.append(Mapping(kind, element_path, attribute, ref, condition, condition_text))
    return tuple(result)


#: Our own rules for the editor (warnings), in the official format: ``validation/portal.json``.
PORTAL_RULESET_FILE = Path(__file__).resolve().parent / "portal.json"


@cache
def ruleset(name: str = "standard") -> dict:
    """The official ruleset (``standard``) or the portal's own editor rules (``portal``)."""
    path = RULESET_FILE if name == "standard" else PORTAL_RULESET_FILE
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)
