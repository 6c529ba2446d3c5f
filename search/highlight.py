"""Extracts of a result's text around the words searched, with those words in ``<mark>``.

Everything is escaped first; only the ``<mark>`` tags this module adds are markup, so the
extract is safe whatever the text holds. Matching mirrors the index's rules: case and accents
never matter, and a word matches a searched word sharing its start (a light stand-in for the
stemmer: "école" for "ecoles", "vaccination" for "vaccins"). No SQL.

Cost: linear in the text examined, which is bounded: the first ``SCANNED`` characters of a
long text (the database sends no more, ``sources.describe_documents``), each distinct word
folded and tested once (a long extracted text repeats its words). On 10 results of 6 KB this
is about 5 ms; without the bound a 200 KB PDF text took tens of milliseconds per result.
"""

import re
import unicodedata
from itertools import islice

from django.utils.html import escape
from django.utils.safestring import mark_safe

EXTRACT_LENGTH = 260
SCANNED = 20_000  # characters of a long text examined for the best window (its start)
SPANS = 64  # matched words considered for the best window: the first ones
_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text):
    """Lower case without accents ("Écoles" -> "ecoles")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _prefix(word):
    """The start a text word must share with a searched word to count as the same word."""
    if len(word) <= 4:
        return word
    return word[: max(4, len(word) - 3)]


def matcher(words):
    """A function telling whether a text word matches one of ``words`` (already folded)."""
    prefixes = sorted({_prefix(fold(word)) for word in words if word}, key=len, reverse=True)

    seen = {}

    def matches(token):
        found = seen.get(token)
        if found is None:
            folded = fold(token)
            found = seen[token] = any(
                folded.startswith(prefix) and (len(prefix) > 3 or len(folded) <= len(prefix) + 1)
                for prefix in prefixes
            )
        return found

    return matches


def extract(text, words, length=EXTRACT_LENGTH, matches=None):
    """An escaped extract of ``text`` of about ``length`` characters around the densest
    cluster of matched words, with the matched words marked; "" when ``text`` is empty.
    ``matches``: ``matcher(words)`` when already built (one per results page: it remembers
    the words it tested)."""
    text = " ".join((text or "")[:SCANNED].split())
    if not text:
        return ""
    matches = matches or (matcher(words) if words else (lambda token: False))
    hits = _spans(text, words, matches) if words else []
    start = 0
    if hits:
        best, best_count = hits[0][0], 0
        right = 0
        for left, (hit_start, _end) in enumerate(hits):
            while right < len(hits) and hits[right][1] - hit_start <= length:
                right += 1
            if right - left > best_count:
                best, best_count = hit_start, right - left
        start = max(0, best - length // 4)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < best else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + _marked(text[start:end], matches) + suffix)  # noqa: S308


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _spans(text, words, matches):
    """[(start, end)] of the first ``SPANS`` words of ``text`` that ``matches`` accepts (a word
    present all along a long text gave thousands, each tested). A regular expression
    finds, in the text lowered and without accents (same length: positions are kept), the
    words starting like a searched word (few), so that Python tests those only; a text whose
    length that folding changes is read word by word."""
    prefixes = sorted({_prefix(fold(word)) for word in words if word}, key=len, reverse=True)
    if not prefixes:
        return []
    folded = _COMBINING.sub("", unicodedata.normalize("NFD", text.lower()))
    if len(folded) != len(text):
        found = (m.span() for m in _WORD.finditer(text) if matches(m.group()))
    else:
        starts = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, prefixes)) + r")\w*")
        found = (m.span() for m in starts.finditer(folded) if matches(m.group()))
    return list(islice(found, SPANS))


def _marked(window, matches):
    """``window`` escaped, with the words ``matches`` accepts in ``<mark>`` (all else escaped)."""
    pieces, position = [], 0
    for match in _WORD.finditer(window):
        if matches(match.group()):
            pieces.append(escape(window[position : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    pieces.append(escape(window[position:]))
    return "".join(pieces)


def highlight(text, words, matches=None):
    """``text`` (a title) whole and escaped, with the matched words marked (``matches``: as
    for ``extract``)."""
    matches = matches or (matcher(words) if words else (lambda token: False))
    return mark_safe(_marked(text or "", matches))  # noqa: S308 — every piece is escaped
