"""Fill the French catalogue from other copies of it (e.g. branches' versions after a merge).

Usage: python bin/merge_catalogues.py OTHER.po [OTHER.po …]
Untranslated or fuzzy entries of locale/fr/LC_MESSAGES/django.po take the translation of the
same msgid (and context) from the first other catalogue that has one.
"""

import sys
from pathlib import Path

import polib

target_path = Path(__file__).resolve().parent.parent / "locale/fr/LC_MESSAGES/django.po"
known = {}
for path in sys.argv[1:]:
    for entry in polib.pofile(path):
        if entry.translated() and "fuzzy" not in entry.flags:
            known.setdefault((entry.msgctxt, entry.msgid, entry.msgid_plural), entry)

target = polib.pofile(str(target_path))
filled = 0
for entry in target:
    if entry.obsolete or (entry.translated() and "fuzzy" not in entry.flags):
        continue
    source = known.get((entry.msgctxt, entry.msgid, entry.msgid_plural))
    if source is None:
        continue
    entry.msgstr = source.msgstr
    entry.msgstr_plural = dict(source.msgstr_plural)
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.previous_msgid = None
    entry.previous_msgid_plural = None
    filled += 1
target.save()
missing = [e.msgid for e in target if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
print(f"filled {filled}; still untranslated or fuzzy: {len(missing)}")
for msgid in missing:
    print("  -", msgid[:100])
