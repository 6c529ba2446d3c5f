"""The one codelist store: loading the official IATI codelists into the database, and the
editor's view of them.

Contract:

- The database (``Codelist``, ``CodelistItem``) is the only store of codes. The editor's
  pickers (``choices_for``), the file validator (``validation.resources
  .codelists()``: codes, withdrawn codes, ``complete``) and the spreadsheet import (whose code
  checks use the validator's index) all read it; the shipped XML files are only what
  ``load_codelists()`` reads.
- ``load_codelists()`` reads every ``*.xml`` codelist under a folder (default: the copy shipped
  in ``iati_publisher/data/codelists``; ``manage.py load_iati_codelists [--path DIR]``),
  replacing the stored lists, then bumps the ``iati-codelists`` generation of ``home.cache``
  (at once and again at commit): every process rebuilds its copy at its next look-up, no
  restart. ``ensure_codelists()`` loads them only when the table is empty (used by the demo,
  the tests and lazily by the readers).
- Per-process copies (``home.cache.Local`` under ``NAME``): the pickers' choices per
  (codelist, language) and the validator's index. With Redis a reload reaches every worker at
  its next look-up; with the per-process cache other processes follow within a minute.

SQL cost: a choice list is one query the first time it is shown in a process (per language),
then none until the next reload; each look-up costs one cache round trip for the generation
(none when already read in the same request).
"""

from pathlib import Path

from django.db import transaction
from django.utils.translation import get_language

from home import cache

from . import xmlsafe

#: The ``home.cache`` generation bumped when the codelists are reloaded.
NAME = "iati-codelists"

DATA_DIR = Path(__file__).resolve().parent / "data"
CODELISTS_DIR = DATA_DIR / "codelists"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _narratives(element):
    """{language: text} of the narratives under ``element`` (no xml:lang means English)."""
    result = {}
    if element is None:
        return result
    for narrative in element.findall("narrative"):
        lang = narrative.get(XML_LANG, "en")
        result.setdefault(lang, (narrative.text or "").strip())
    return result


def parse_codelist(path):
    """(codelist fields, [item fields]) read from one official codelist file."""
    root = xmlsafe.parse_file(path).getroot()
    meta = root.find("metadata")
    names = _narratives(meta.find("name") if meta is not None else None)
    codelist = {
        "name": root.get("name") or Path(path).stem,
        "name_en": names.get("en", "")[:255],
        "name_fr": names.get("fr", "")[:255],
        "category_codelist": root.get("category-codelist", ""),
        "embedded": root.get("embedded") == "1",
        "complete": root.get("complete") != "0",  # open lists say complete="0"
    }
    items = []
    codes = set()
    for position, item in enumerate(root.iter("codelist-item")):
        code = (item.findtext("code") or "").strip()[:100]
        if not code or code in codes:  # a few official lists repeat a code: first one wins
            continue
        codes.add(code)
        item_names = _narratives(item.find("name"))
        descriptions = _narratives(item.find("description"))
        items.append(
            {
                "code": code,
                "name_en": item_names.get("en", ""),
                "name_fr": item_names.get("fr", ""),
                "description": descriptions.get("en", ""),
                "status": "withdrawn" if item.get("status") == "withdrawn" else "active",
                "category": (item.findtext("category") or "").strip()[:100],
                "position": position,
            }
        )
    return codelist, items


def codelist_files(path=None):
    folder = Path(path) if path else CODELISTS_DIR
    return sorted(p for p in folder.rglob("*.xml") if p.name != "mapping.xml")


@transaction.atomic
def load_codelists(path=None, Codelist=None, CodelistItem=None):
    """Replace the stored codelists by those in ``path``; returns (lists, items) counts.

    ``Codelist``/``CodelistItem`` may be historical models (data migration: the fields they do
    not have yet are left out)."""
    if Codelist is None:
        from .models import Codelist, CodelistItem
    known = {field.name for field in Codelist._meta.get_fields()}
    files = codelist_files(path)
    n_items = 0
    seen = set()
    for file in files:
        fields, items = parse_codelist(file)
        if fields["name"] in seen:  # the same list in two folders: first one wins
            continue
        seen.add(fields["name"])
        name = fields.pop("name")
        fields = {key: value for key, value in fields.items() if key in known}
        codelist, _created = Codelist.objects.update_or_create(name=name, defaults=fields)
        codelist.items.all().delete()
        CodelistItem.objects.bulk_create(
            [CodelistItem(codelist=codelist, **item) for item in items], batch_size=1000
        )
        n_items += len(items)
    clear_caches()
    transaction.on_commit(clear_caches)  # other processes must not rebuild from the old rows
    return len(seen), n_items


def ensure_codelists():
    """Load the shipped codelists if none are stored yet."""
    from .models import Codelist

    if not Codelist.objects.exists():
        load_codelists()


def clear_caches():
    """Make every process's copy of the lists stale (this one's at once)."""
    from .validation import resources

    _choice_lists.forget()
    resources.forget_codelists()
    cache.invalidate(NAME)


def _query_choices(codelist, language):
    from .models import CodelistItem

    ensure_codelists()
    items = CodelistItem.objects.filter(codelist__name=codelist).order_by("position")
    return tuple(
        (item.code, f"{item.code} – {item.label(language)}", item.status) for item in items
    )


#: {(codelist, language): ((code, label, status), …)}, filled as the pickers ask.
_choice_lists = cache.Local(NAME, dict)


def _choices(codelist, language):
    lists = _choice_lists.get()
    key = (codelist, language)
    found = lists.get(key)
    if found is None:
        found = lists[key] = _query_choices(codelist, language)
    return found


def choices_for(codelist, include=(), language=None):
    """[(code, label)] in the editor's language; withdrawn codes only if in ``include``."""
    language = (language or get_language() or "fr")[:2]
    return [
        (code, label)
        for code, label, status in _choices(codelist, language)
        if status == "active" or code in include
    ]
