"""Text rules shared by every app: what may be stored, and what may go into a spreadsheet.

- :func:`clean_text` removes the control characters that XML 1.0 cannot carry (everything in
  ``\\x00``–``\\x1f`` except tab, line feed and carriage return, plus ``\\x7f`` and the
  non-characters U+FFFE/U+FFFF). Word's soft line break (``\\x0b``) pasted in a title would
  otherwise break every feed and IATI file that carries it. Apply on save and on import.
  :func:`xml_text` also gives ``\\n`` line ends, as XML parsers do (IATI texts).
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


def xml_text(value):
    """``value`` as an XML reader would give it back: :func:`clean_text`, and the line ends
    ``\\r\\n`` and ``\\r`` turned into ``\\n`` (XML 1.0, section 2.11). For text published as
    XML (IATI): a browser's text area posts CRLF, a file read back gives LF."""
    value = clean_text(value)
    if isinstance(value, str) and "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def spreadsheet_cell(value):
    """A value safe to write into a CSV or XLSX cell (see the module docstring)."""
    if isinstance(value, str):
        value = clean_text(value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


# --- On save: every text field of the project's models (receiver in home/signals.py) ------------
_JSON_CONTROL = re.compile(r"\\u00(?:0[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])|[\x7f\ufffe\uffff]")
_FIELDS_CACHE = {}


def _clean_nested(value):
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean_nested(item) for item in value]
    if isinstance(value, dict):
        return {key: _clean_nested(item) for key, item in value.items()}
    return value


def _text_fields(model):
    if model not in _FIELDS_CACHE:
        from django.db import models
        from wagtail.fields import StreamField

        text, stream = [], []
        for field in model._meta.concrete_fields:
            if isinstance(field, StreamField):
                stream.append(field)
            elif isinstance(field, (models.CharField, models.TextField)):
                text.append(field)
        _FIELDS_CACHE[model] = (text, stream)
    return _FIELDS_CACHE[model]


def clean_instance_text(instance):
    """Remove control characters from every char/text/StreamField value of ``instance``.

    Costs no query; StreamFields are only rebuilt when their JSON holds such a character.
    """
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    text, stream = _text_fields(type(instance))
    for field in text:
        value = getattr(instance, field.attname, None)
        if isinstance(value, str):
            cleaned = clean_text(value)
            if cleaned != value:
                setattr(instance, field.attname, cleaned)
    for field in stream:
        value = getattr(instance, field.attname, None)
        if value is None:
            continue
        raw = field.get_prep_value(value)
        serialised = raw if isinstance(raw, str) else json.dumps(raw, cls=DjangoJSONEncoder)
        if serialised and _JSON_CONTROL.search(serialised):
            data = json.loads(serialised)
            cleaned = json.dumps(_clean_nested(data), cls=DjangoJSONEncoder)
            setattr(instance, field.attname, field.to_python(cleaned))
