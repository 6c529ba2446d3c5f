"""One place for numbers, amounts, sizes and dates as a reader of each language expects them.

French: ``12 500 000 FCFA``, ``1,6 Mo``, ``2 déc. 2026``; English: ``XOF 12,500,000``,
``1.6 MB``, ``2 Dec 2026``. The thousands separator in French is a narrow no-break space
(U+202F) so that an amount never breaks across lines. Month abbreviations are unambiguous in
both languages (French ``juin``/``juil.``, never ``Jui``). The functions take the language
explicitly or use the active one; the template filters (``site_tags``: ``number``, ``amount``,
``filesize``, ``day``, ``short_day``, ``month_year``) call them. No SQL.
"""

from decimal import Decimal, InvalidOperation

from django.utils import numberformat
from django.utils.translation import get_language

SEPARATORS = {"fr": ("\u202f", ","), "en": (",", ".")}
#: ISO 4217 code → how French readers name it (the CFA franc of West Africa is "FCFA").
FRENCH_CURRENCY_NAMES = {"XOF": "FCFA"}
MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}  # fmt: skip
SHORT_MONTHS = {
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}  # fmt: skip
SIZE_UNITS = {"fr": ["octets", "Ko", "Mo", "Go", "To"], "en": ["bytes", "KB", "MB", "GB", "TB"]}


def _language(language=None):
    code = (language or get_language() or "fr")[:2]
    return code if code in SEPARATORS else "en"


def number(value, decimals=0, language=None):
    """``12500000`` → ``12 500 000`` (fr) / ``12,500,000`` (en); '' for no value."""
    if value is None or value == "":
        return ""
    try:
        value = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    thousands, decimal = SEPARATORS[_language(language)]
    value = round(value, decimals)
    return numberformat.format(
        value, decimal, decimal_pos=decimals, grouping=3, thousand_sep=thousands,
        force_grouping=True, use_l10n=False,
    )  # fmt: skip


def amount(value, currency="XOF", language=None):
    """``12 500 000 FCFA`` (fr) / ``XOF 12,500,000`` (en); '' for no value."""
    if value is None or value == "":
        return ""
    lang = _language(language)
    digits = number(value, 0, lang)
    if lang == "fr":
        return f"{digits}\u00a0{FRENCH_CURRENCY_NAMES.get(currency, currency)}"
    return f"{currency}\u00a0{digits}"


SCALES = {
    "fr": [(10**9, "milliard", "milliards"), (10**6, "million", "millions")],
    "en": [(10**9, "billion", "billion"), (10**6, "million", "million")],
}


def compact_amount(value, currency="XOF", language=None):
    """Big figures at a glance: ``336,1 milliards FCFA`` / ``XOF 336.1 billion``."""
    if value is None or value == "":
        return ""
    lang = _language(language)
    for scale, singular, plural in SCALES[lang]:
        if abs(value) >= scale:
            scaled = value / scale
            digits = number(scaled, 0 if round(scaled, 1) == int(scaled) else 1, lang)
            word = singular if abs(scaled) < 2 else plural
            if lang == "fr":
                return f"{digits}\u00a0{word} {FRENCH_CURRENCY_NAMES.get(currency, currency)}"
            return f"{currency}\u00a0{digits}\u00a0{word}"
    return amount(value, currency, lang)


def filesize(size, language=None):
    """``1 600 000`` → ``1,5 Mo`` (fr) / ``1.5 MB`` (en): powers of 1024, one decimal."""
    if size is None or size == "":
        return ""
    lang = _language(language)
    units = SIZE_UNITS[lang]
    value = float(size)
    index = 0
    while value >= 1024 and index < len(units) - 1:
        value /= 1024
        index += 1
    if index == 0:
        return f"{int(value)}\u00a0{units[0]}"
    return f"{number(value, 1, lang)}\u00a0{units[index]}"


def day(value, language=None):
    """``2 décembre 2026`` / ``2 December 2026``."""
    if not value:
        return ""
    lang = _language(language)
    first = "1er" if lang == "fr" and value.day == 1 else str(value.day)
    return f"{first} {MONTHS[lang][value.month - 1]} {value.year}"


def short_day(value, language=None):
    """``2 déc. 2026`` / ``2 Dec 2026`` (lists, tables)."""
    if not value:
        return ""
    lang = _language(language)
    return f"{value.day} {SHORT_MONTHS[lang][value.month - 1]} {value.year}"


def month_year(value, language=None):
    """``décembre 2026`` / ``December 2026``."""
    if not value:
        return ""
    lang = _language(language)
    return f"{MONTHS[lang][value.month - 1]} {value.year}"
