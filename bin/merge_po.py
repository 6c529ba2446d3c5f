"""A git merge driver for gettext catalogues: the union of both sides' entries.

Parallel branches each add strings to ``locale/*/LC_MESSAGES/django.po``; a line-based merge
conflicts on every ``#:`` reference comment. This driver merges entry by entry instead:
an entry from either side is kept, a translation changed on one side only wins, and when both
sides translated the same string differently ours wins (run ``make messages`` afterwards: it
re-extracts the strings, drops the obsolete ones and keeps every translation).

Install once per clone (the attribute is committed in ``.gitattributes``)::

    git config merge.po.name "gettext catalogue union"
    git config merge.po.driver "$PWD/.venv/bin/python $PWD/bin/merge_po.py %O %A %B"

Usage (by git): ``merge_po.py BASE OURS THEIRS`` — writes the result into OURS, exit 0.
"""

import sys

import polib


def key(entry):
    return (entry.msgctxt, entry.msgid)


def translated(entry):
    if entry is None:
        return False
    if entry.msgid_plural:
        return any(entry.msgstr_plural.values()) and "fuzzy" not in entry.flags
    return bool(entry.msgstr) and "fuzzy" not in entry.flags


def translation(entry):
    if entry is None:
        return None
    return dict(entry.msgstr_plural) if entry.msgid_plural else entry.msgstr


def merge(base_path, ours_path, theirs_path):
    base = {key(e): e for e in polib.pofile(base_path)}
    ours = polib.pofile(ours_path, wrapwidth=79)
    theirs = polib.pofile(theirs_path)
    ours_index = {key(e): e for e in ours}
    for entry in theirs:
        mine = ours_index.get(key(entry))
        if mine is None:
            if not entry.obsolete:
                ours.append(entry)
            continue
        theirs_changed = translation(entry) != translation(base.get(key(entry)))
        if translated(entry) and (not translated(mine) or theirs_changed):
            if entry.msgid_plural:
                mine.msgstr_plural = dict(entry.msgstr_plural)
            else:
                mine.msgstr = entry.msgstr
            mine.flags = [f for f in mine.flags if f != "fuzzy"]
        mine.occurrences = sorted(set(mine.occurrences) | set(entry.occurrences))
    ours.save(ours_path)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: merge_po.py BASE OURS THEIRS")
    merge(*sys.argv[1:])
