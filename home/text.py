"""Text rules shared by every app: what may be stored, and what may go into a spreadsheet.

- :func:`clean_text` removes the control characters that XML 1.0 cannot carry (everything in
  ``\\x00``–``\\x1f`` except tab, line feed and carriage return, plus ``\\x7f`` and the
  non-characters U+FFFE/U+FFFF). Word's soft line break (``\\x0b``) pasted in a title would
  otherwise break every feed and IATI file that carries it. Apply on save and on import.
- :func:`spreadsheet_cell` neutralises formulas in exported text (CSV/XLSX injection): a value
  that a spreadsheet would read as a formula — starting with ``=``, ``+``, ``-``, ``@``, or a
  tab or carriage return before one of those, as in OWASP's list — is prefixed with ``'``.
  Numbers, dates and booleans pass unchanged. Every spreadsheet export goes through it.
"""

import re

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def clean_text(value):
    """``value`` without the control characters XML cannot carry (non-strings unchanged)."""
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    return value


def spreadsheet_cell(value):
    """A value safe to write into a CSV or XLSX cell (see the module docstring)."""
    if isinstance(value, str):
        value = clean_text(value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value
