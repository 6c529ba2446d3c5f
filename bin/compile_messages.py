"""Compile every locale/*.po catalogue to .mo with polib (no GNU gettext needed at run time)."""

import sys
from pathlib import Path

import polib

root = Path(__file__).resolve().parent.parent
count = 0
for po_path in sorted(root.glob("locale/*/LC_MESSAGES/*.po")):
    po = polib.pofile(str(po_path))
    po.save_as_mofile(str(po_path.with_suffix(".mo")))
    count += 1
    untranslated = len(po.untranslated_entries()) + len(po.fuzzy_entries())
    if untranslated:
        print(
            f"warning: {po_path.relative_to(root)}: {untranslated} untranslated/fuzzy",
            file=sys.stderr,
        )
print(f"compiled {count} catalogue(s)")
