"""The value semantics of IATI's own rule engine (js-validator-api, JavaScript), in Python.

The official ruleset (``standard.json``) is run by IATI's validator in JavaScript with the
``xpath`` package; to give the same verdicts the rule runner (``rules.py``) reproduces:

- **truthiness**: a node-set is an array, so it is *true even when empty* (``if``, ``then``
  and ``condition`` expressions that select nodes always hold; e.g. rule 3.7.1's ``then`` is
  always true, only 3.7.2 can fail); booleans as they are; numbers true unless 0 or NaN;
  strings true unless empty;
- **numbers**: ``Number(text)`` — surrounding whitespace ignored, empty text is 0, anything
  else unparsable is NaN (which fails every comparison);
- **sums**: floating-point additions in document order, then ``toFixed(4)`` (round half up
  on the exact binary value) before comparing with the expected sum (rule 3.1.2 and friends);
- **dates**: ``new Date(text)`` of the *first* matching attribute (an element never parses),
  date-only values at UTC midnight; ``differenceInDays`` counts whole days.

No SQL, no I/O.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal

_JS_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)$")
_JS_SPACE = " \t\n\r\x0b\x0c\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
_JS_SPACE += "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def truthy(value) -> bool:
    if isinstance(value, list):
        return True
    if isinstance(value, float):
        return value == value and value != 0
    return bool(value)


def js_trim(text: str) -> str:
    return text.strip(_JS_SPACE)


def number(text) -> float:
    """JavaScript's ``Number(text)``."""
    if isinstance(text, bool):
        return 1.0 if text else 0.0
    if isinstance(text, int | float):
        return float(text)
    text = js_trim(str(text))
    if text == "":
        return 0.0
    if text in ("Infinity", "+Infinity"):
        return math.inf
    if text == "-Infinity":
        return -math.inf
    lowered = text.lower()
    for prefix, base in (("0x", 16), ("0o", 8), ("0b", 2)):
        if lowered.startswith(prefix):
            try:
                return float(int(text[2:], base))
            except ValueError:
                return math.nan
    if not _JS_NUMBER.match(text):
        return math.nan
    return float(text)


def to_fixed(value: float, digits: int = 4) -> float:
    """``Number(value.toFixed(digits))``: the nearest, ties to the larger value."""
    if value != value or math.isinf(value):
        return value
    exact = Decimal(value)
    rounding = ROUND_HALF_UP if exact >= 0 else ROUND_HALF_DOWN
    return float(exact.quantize(Decimal(1).scaleb(-digits), rounding=rounding))


def js_sum(texts) -> float:
    total = 0.0
    for text in texts:
        total = total + number(text)
    return to_fixed(total)


def parse_date(text) -> dt.datetime | None:
    """``new Date(text)`` for the ISO forms IATI uses; None for an Invalid Date."""
    if text is None:
        return None
    text = str(text).strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def difference_in_days(end: dt.datetime, start: dt.datetime) -> int:
    seconds = (end - start).total_seconds()
    days = seconds / 86400
    return math.floor(days) if days >= 0 else math.ceil(days)
