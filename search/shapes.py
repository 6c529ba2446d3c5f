"""The SQL of a search compiled once per query *shape*, then reused with each search's words.

Compiling one kind's matches through Wagtail's search API (``backend.search``, the compiler's
querysets and expressions, ``sql_with_params``) costs about 7 ms of Python per kind: 40 ms of
every results page, whatever the data. Yet the SQL text depends only on

- the query's shape: its tree of ``And``/``Or``/``Not``/``Boost``, phrases and plain texts, and
  the number of words of each (Wagtail's PostgreSQL compiler turns each word into one parameter,
  ``'word'``, ``'word':*`` or ``!'word'``, and a phrase into one parameter, its text);
- what the caller puts in the key: the kind, its visibility rules, the sort, the cap.

``compiled(key, query, build)`` calls ``build`` once per (key, shape) with the query's words
replaced by placeholders (``zqw0x``…), keeps the SQL and the positions of the parameters that
hold a placeholder, and for each search fills those with its words, escaped by Wagtail's own
``Lexeme`` — so the SQL and the parameters are exactly those of a direct compile
(``tests/search/test_shapes.py`` compares both on the bench's queries and the bad inputs). A
placeholder that would land in the SQL text itself, or in no parameter, makes the shape
uncacheable: ``build`` then runs with the real words each time, as without this module.

Memory: the ``SIZE`` shapes used last, per process (a few KB each). No SQL.
"""

import re
import threading
from collections import OrderedDict

from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

SPLIT = re.compile(r"[\s\-]+")  # how Wagtail's PostgreSQL compiler cuts a plain text into words
PLACEHOLDER = re.compile(r"zqw\d+x")
SIZE = 512

_cache = OrderedDict()
_lock = threading.Lock()


class Unshapeable(Exception):
    """The query holds something this module does not know how to replace by placeholders."""


class _Template:
    """A query with placeholders, and what each placeholder stands for."""

    def __init__(self, query):
        self.words = {}  # placeholder -> word
        self.phrases = {}  # placeholder text of a phrase -> the phrase's text
        self.signature = []
        self.query = self._swap(query)

    def _placeholders(self, text):
        found = []
        for word in SPLIT.split(text):
            if word:
                placeholder = f"zqw{len(self.words)}x"
                self.words[placeholder] = word
                found.append(placeholder)
        return found

    def _swap(self, query):
        if isinstance(query, PlainText):
            found = self._placeholders(query.query_string)
            self.signature.append(("text", query.operator, query.boost, len(found)))
            return PlainText(" ".join(found), operator=query.operator, boost=query.boost)
        if isinstance(query, Phrase):
            found = self._placeholders(query.query_string)
            if not found:
                raise Unshapeable(query)
            text = " ".join(found)
            self.phrases[text] = query.query_string
            self.signature.append(("phrase", len(found)))
            return Phrase(text)
        if isinstance(query, Not):
            self.signature.append("not")
            return Not(self._swap(query.subquery))
        if isinstance(query, Boost):
            self.signature.append(("boost", query.boost))
            return Boost(self._swap(query.subquery), query.boost)
        if isinstance(query, And | Or):
            self.signature.append((type(query).__name__, len(query.subqueries)))
            return type(query)([self._swap(subquery) for subquery in query.subqueries])
        raise Unshapeable(query)


def _slots(sql, params, placeholders):
    """The positions of the parameters holding a placeholder, or None when the SQL cannot be
    reused (a placeholder in the SQL text, in a non-text parameter, or nowhere)."""
    if PLACEHOLDER.search(sql):
        return None
    slots, seen = [], set()
    for index, value in enumerate(params):
        if isinstance(value, str):
            found = PLACEHOLDER.findall(value)
            if found:
                slots.append(index)
                seen.update(found)
        elif PLACEHOLDER.search(repr(value)):
            return None
    return slots if seen == set(placeholders) else None


def _escaped(word):
    """``word`` as Wagtail's ``Lexeme`` writes it inside its quotes."""
    return Lexeme(word).as_sql(None, None)[1][0][1:-1]


def _fill(params, slots, template):
    params = list(params)
    for index in slots:
        value = params[index]
        if value in template.phrases:
            params[index] = template.phrases[value]
        else:
            params[index] = PLACEHOLDER.sub(
                lambda match: _escaped(template.words[match.group()]), value
            )
    return params


def compiled(key, query, build):
    """``build(query)``'s result ``(sql, params, *rest)`` for ``query``, built once per (key,
    shape of ``query``). ``key``: anything else the SQL depends on (hashable)."""
    try:
        template = _Template(query)
    except Unshapeable:
        return build(query)
    cache_key = (key, tuple(template.signature))
    with _lock:
        entry = _cache.get(cache_key)
        if entry is not None:
            _cache.move_to_end(cache_key)
    if entry is None:
        sql, params, *rest = build(template.query)
        slots = _slots(sql, params, template.words)
        if slots is None:
            return build(query)
        entry = (sql, params, slots, rest)
        with _lock:
            _cache[cache_key] = entry
            while len(_cache) > SIZE:
                _cache.popitem(last=False)
    sql, params, slots, rest = entry
    return (sql, _fill(params, slots, template), *rest)


def clear():
    """Forget every compiled shape (tests)."""
    with _lock:
        _cache.clear()
