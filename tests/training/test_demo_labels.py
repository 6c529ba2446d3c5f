"""The demo lessons name the admin's real buttons, menus and fields: every label in bold in a
lesson (French and English) is a UI string of this product or of Wagtail in that language, or a
name the product generates (the sandbox's title, a group's workflow "<acronym> — Modération").
A renamed menu or field makes this fail, so the lessons are corrected with the screens."""

import html
import re
from pathlib import Path

import polib
import pytest
import wagtail
from django.conf import settings

from training.demo_content import en as content_en
from training.demo_content import fr as content_fr
from training.sandbox import TITLES

GENERATED = {"fr": [TITLES["fr"], "SANTE — Modération"], "en": [TITLES["en"], "SANTE — Modération"]}


def normalise(text):
    text = re.sub(r"%\(\w+\)s|%s|\{[^}]*\}", "…", html.unescape(text))
    return text.replace("'", "’").lower()


def catalogue(language):
    """Every UI string shown in ``language``: the project's catalogue and Wagtail's."""
    files = [Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"]
    files += Path(wagtail.__file__).parent.glob(f"**/locale/{language}/LC_MESSAGES/django.po")
    strings = list(GENERATED[language])
    for path in files:
        for entry in polib.pofile(str(path)):
            strings += [entry.msgstr, *entry.msgstr_plural.values()]
            if language == "en":  # source strings are English
                strings += [entry.msgid, entry.msgid_plural]
    return normalise("\n".join(s for s in strings if s))


@pytest.mark.parametrize("language, content", [("fr", content_fr), ("en", content_en)])
def test_every_bold_label_of_the_lessons_is_a_real_ui_string(language, content):
    known = catalogue(language)
    missing = []
    for number, module in enumerate(content.MODULES, start=1):
        for lesson_number, lesson in enumerate(module["lessons"], start=1):
            for label in re.findall(r"<b>(.*?)</b>", lesson["text"] + lesson["exercise"]):
                parts = [part.strip() for part in normalise(label).split("…") if part.strip()]
                if not all(part in known for part in parts):
                    missing.append((number, lesson_number, label))
    assert not missing, missing
