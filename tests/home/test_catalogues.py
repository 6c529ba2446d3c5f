"""Both catalogues are complete (the "bilingual everywhere" rule): no entry untranslated or
fuzzy, the same placeholders in a translation as in its source, and every string the code marks
for translation in one literal (``_("…")``, ``gettext_lazy("…")``, ``{% translate "…" %}``) is
in both catalogues — a string added without ``make messages`` fails here, not in front of a
French-speaking user."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LANGUAGES = ("fr", "en")
SKIPPED = {".venv", "var", "node_modules", "tests", "bench", "static", "media"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
CALL = re.compile(
    r"\b(?:_|gettext|gettext_lazy|gettext_noop)\(\s*\"((?:[^\"\\]|\\.)*)\"\s*\)"
    r"|\b(?:pgettext|pgettext_lazy)\(\s*\"((?:[^\"\\]|\\.)*)\",\s*\"((?:[^\"\\]|\\.)*)\"\s*\)"
)
DOCSTRING = re.compile(r'"""[\s\S]*?"""')  # examples in docstrings are not calls
TAG = re.compile(r"\{%\s*(?:translate|trans)\s+\"([^\"]*)\"(?:\s+context\s+\"([^\"]*)\")?")


def _catalogue(language):
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def _sources():
    for path in ROOT.rglob("*"):
        if path.suffix not in (".py", ".html", ".txt") or not path.is_file():
            continue
        if SKIPPED & set(path.relative_to(ROOT).parts):
            continue
        yield path


def _marked():
    """{(context or None, msgid)} of the one-literal strings marked in the code."""
    found = set()
    for path in _sources():
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".py":
            text = DOCSTRING.sub("", text)
            for plain, context, msgid in CALL.findall(text):
                raw = plain or msgid
                value = raw.encode("utf-8").decode("unicode_escape").encode("latin-1")
                found.add((context or None, value.decode("utf-8")))
        else:
            for msgid, context in TAG.findall(text):
                found.add((context or None, msgid))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_with_the_same_placeholders(language):
    catalogue = _catalogue(language)
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    for entry in catalogue.translated_entries():
        sources = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        targets = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        expected = set(PLACEHOLDER.findall(sources[-1]))
        for target in targets:
            assert set(PLACEHOLDER.findall(target)) == expected, entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_marked_in_the_code_is_in_the_catalogue(language):
    known = {(entry.msgctxt, entry.msgid) for entry in _catalogue(language)}
    missing = sorted(
        (context or "", msgid) for context, msgid in _marked() - known if msgid.strip()
    )
    assert missing == []
