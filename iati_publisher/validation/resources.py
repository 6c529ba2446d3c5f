"""Reference data of the validator.

- From the shipped official files, loaded once per process: the XSDs, the ``mapping.xml``
  entries and the JSON rulesets.
- The codelists (codes, withdrawn codes, whether the list is complete) from the database, the
  one codelist store the editor's pickers read too (``iati_publisher.codelists``):
  :func:`codelists` builds its index in two queries (the lists, then every code with its
  status: about 5,500 rows, about 10 ms), kept in this process's memory
  (``home.cache.Local``) until ``load_iati_codelists`` reloads the lists. Each call costs one
  cache round trip (the generation; none when already read in the same request); the
  validator calls it once per file (``ItemChecker``), not per activity. Every user of the
  validator therefore needs the database: ``validate_iati`` runs after ``migrate``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from home import cache as shared_cache

from .. import xmlsafe
from ..codelists import NAME as CODELISTS_GENERATION

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SCHEMAS_DIR = DATA_DIR / "schemas"
SCHEMA_DIR = SCHEMAS_DIR / "2.03"
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


def _load_codelists() -> dict[str, Codelist]:
    from ..codelists import ensure_codelists
    from ..models import Codelist as StoredList
    from ..models import CodelistItem

    def stored():
        rows = StoredList.objects.values_list("pk", "name", "complete")
        return {pk: (name, complete) for pk, name, complete in rows}

    lists = stored()
    if not lists:  # only in a flushed test database: migrations load them
        ensure_codelists()
        lists = stored()
    codes = {pk: set() for pk in lists}
    withdrawn = {pk: set() for pk in lists}
    for codelist_id, code, status in CodelistItem.objects.values_list(
        "codelist_id", "code", "status"
    ):
        if codelist_id not in codes:  # a list created by a reload since the first query
            continue
        codes[codelist_id].add(code)
        if status == CodelistItem.WITHDRAWN:
            withdrawn[codelist_id].add(code)
    return {
        name: Codelist(name, frozenset(codes[pk]), frozenset(withdrawn[pk]), complete)
        for pk, (name, complete) in lists.items()
    }


_codelists = shared_cache.Local(CODELISTS_GENERATION, _load_codelists)


def codelists() -> dict[str, Codelist]:
    """Every stored codelist by name (the same dict until the lists are reloaded)."""
    return _codelists.get()


def forget_codelists() -> None:
    """Drop this process's index (``iati_publisher.codelists.clear_caches``)."""
    _codelists.forget()


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
