"""Source strings are English: the English catalogue maps each one to itself, so it is complete."""

from pathlib import Path

import polib

po_path = Path(__file__).resolve().parent.parent / "locale/en/LC_MESSAGES/django.po"
po = polib.pofile(str(po_path))
for entry in po:
    if entry.msgid_plural:
        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
    else:
        entry.msgstr = entry.msgid
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
po.save()
print(f"{po_path.name}: {len(po)} English entries filled")
