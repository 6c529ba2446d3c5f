"""Loading the official IATI codelists and looking codes up.

``load_codelists()`` reads every ``*.xml`` codelist under a folder (default: the copy shipped in
``iati_publisher/data/codelists``), replacing the stored lists. ``ensure_codelists()`` loads them
only when the table is empty (used by the demo, the tests and lazily by the editor).
"""

from functools import lru_cache
from pathlib import Path

from django.db import transaction
from django.utils.translation import get_language

from . import xmlsafe

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

    ``Codelist``/``CodelistItem`` may be historical models (data migration)."""
    if Codelist is None:
        from .models import Codelist, CodelistItem
    files = codelist_files(path)
    n_items = 0
    seen = set()
    for file in files:
        fields, items = parse_codelist(file)
        if fields["name"] in seen:  # the same list in two folders: first one wins
            continue
        seen.add(fields["name"])
        name = fields.pop("name")
        codelist, _created = Codelist.objects.update_or_create(name=name, defaults=fields)
        codelist.items.all().delete()
        CodelistItem.objects.bulk_create(
            [CodelistItem(codelist=codelist, **item) for item in items], batch_size=1000
        )
        n_items += len(items)
    clear_caches()
    return len(seen), n_items


def ensure_codelists():
    """Load the shipped codelists if none are stored yet."""
    from .models import Codelist

    if not Codelist.objects.exists():
        load_codelists()


def clear_caches():
    _codes.cache_clear()
    _choices.cache_clear()


@lru_cache(maxsize=256)
def _codes(codelist):
    """{code: status} of a codelist."""
    from .models import CodelistItem

    ensure_codelists()
    return dict(CodelistItem.objects.filter(codelist__name=codelist).values_list("code", "status"))


@lru_cache(maxsize=256)
def _choices(codelist, language):
    from .models import CodelistItem

    ensure_codelists()
    items = CodelistItem.objects.filter(codelist__name=codelist).order_by("position")
    result = []
    for item in items:
        label = item.label(language)
        result.append((item.code, f"{item.code} – {label}", item.status))
    return tuple(result)


def choices_for(codelist, include=(), language=None):
    """[(code, label)] in the editor's language; withdrawn codes only if in ``include``."""
    language = (language or get_language() or "fr")[:2]
    return [
        (code, label)
        for code, label, status in _choices(codelist, language)
        if status == "active" or code in include
    ]


def code_status(codelist, code):
    """'active', 'withdrawn' or None (unknown code) — the codelist is 'Sector' etc."""
    return _codes(codelist).get(str(code))


def label_for(codelist, code, language=None):
    language = (language or get_language() or "fr")[:2]
    for c, label, _status in _choices(codelist, language):
        if c == str(code):
            return label
    return str(code)
