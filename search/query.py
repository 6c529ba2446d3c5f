"""What the visitor asked: the words (parsed into Wagtail search query objects), the facets
selected, the sort and the page, read from GET and never trusted.

Syntax understood in the box (the same for every backend, through ``modelsearch.query``):
words are all required; ``"a phrase"`` matches the words in that order; ``OR`` (or ``|``)
between words or groups gives either; ``-word`` excludes; ``AND`` is the default and ignored.
Anything else (punctuation, ``%``, ``\\``, emoji, SQL or HTML-looking text) is a separator.
No SQL: pure parsing.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from modelsearch.query import And, Not, Or, Phrase, PlainText

MAX_QUERY_LENGTH = 200  # characters kept from the box
MAX_TERMS = 12  # words and phrases used from a query
MAX_VALUES = 20  # values per facet read from the URL

KINDS = ("page", "document", "activity", "series", "edition", "organisation")
SORTS = ("relevance", "date")
FACETS = ("kind", "group", "year", "audience", "doctype", "partner")

_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_WORD_SPLIT = re.compile(r"[^\w]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def words_of(text):
    """The searchable words of ``text``: letters and digits, everything else separates."""
    return [word for word in _WORD_SPLIT.split(text.replace("_", " ")) if word]


@dataclass
class ParsedQuery:
    """A query ready for Wagtail's search API (``search_query``) and the words to highlight."""

    search_query: object = None
    words: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def is_empty(self):
        return self.search_query is None


def parse(text):
    """Parse the box's text; ``notes`` explain to the visitor what was changed or ignored."""
    notes = []
    text = _CONTROL.sub(" ", text or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH]
        notes.append(
            _("Your search was long: only its first %(count)s characters were used.")
            % {"count": MAX_QUERY_LENGTH}
        )
    groups, current, words, terms = [], [], [], 0
    for token in _TOKEN.findall(text):
        if token in ("OR", "|", "||"):
            if current:
                groups.append(current)
            current = []
            continue
        if token in ("AND", "&", "&&", "+"):
            continue
        negate = token.startswith("-") and len(token) > 1
        body = token[1:] if negate else token
        if body.startswith('"'):
            phrase_words = words_of(body.strip('"'))
            if not phrase_words:
                continue
            node = (
                Phrase(" ".join(phrase_words))
                if len(phrase_words) > 1
                else PlainText(phrase_words[0])
            )
            found = phrase_words
        else:
            found = words_of(body)
            if not found:
                continue
            node = PlainText(" ".join(found), operator="and")
        if terms >= MAX_TERMS:
            notes.append(
                _("Only the first %(count)s words of your search were used.") % {"count": MAX_TERMS}
            )
            break
        terms += 1
        if negate:
            current.append(Not(node))
        else:
            current.append(node)
            words.extend(found)
    if current:
        groups.append(current)
    alternatives = []
    for group in groups:
        positives = [node for node in group if not isinstance(node, Not)]
        if not positives:
            continue  # only exclusions: nothing to look for in this alternative
        alternatives.append(group[0] if len(group) == 1 else And(group))
    if not alternatives:
        if text and groups:
            notes.append(_("Add at least one word to look for: a search cannot only exclude."))
        return ParsedQuery(None, [], notes)
    search_query = alternatives[0] if len(alternatives) == 1 else Or(alternatives)
    return ParsedQuery(search_query, list(dict.fromkeys(words)), notes)


def _values(params, name, valid=None, integer=False):
    values = []
    for value in params.getlist(name)[: MAX_VALUES * 2]:
        value = _CONTROL.sub("", value).strip()[:100]
        if not value:
            continue
        if integer:
            if not value.isdecimal() or len(value) > 9:
                continue
            value = int(value)
        elif valid is not None and value not in valid:
            continue
        if value not in values:
            values.append(value)
    return values[:MAX_VALUES]


@dataclass
class SiteQuery:
    """The visitor's whole search, from GET: ``q``, the facets, ``sort`` and ``page``."""

    text: str = ""
    parsed: ParsedQuery = field(default_factory=ParsedQuery)
    selected: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: str = "1"

    @classmethod
    def from_request(cls, request):
        from library.models import AudienceCode, DocumentType

        params = request.GET
        text = _CONTROL.sub(" ", params.get("q", "")).strip()
        parsed = parse(text)
        selected = {
            "kind": _values(params, "kind", valid=set(KINDS)),
            "group": _values(params, "group", integer=True),
            "year": _values(params, "year", integer=True),
            "audience": _values(params, "audience", valid=set(AudienceCode.values)),
            "doctype": _values(params, "doctype", valid=set(DocumentType.values)),
            "partner": _values(params, "partner"),
        }
        sort = params.get("sort", "relevance")
        if sort not in SORTS:
            sort = "relevance"
        return cls(
            text=text[: MAX_QUERY_LENGTH * 2],
            parsed=parsed,
            selected=selected,
            sort=sort,
            page=params.get("page", "1")[:12],
        )

    @property
    def is_filtered(self):
        return any(self.selected.values())
