"""What the portal can store without rounding: checked on each activity before import.

Amounts, percentages and coordinates are stored as exact decimals (no float, no rounding at
any step): a number with more digits than its column holds is refused with a precise message
(line, XPath, activity) instead of being rounded or failing the whole import. No SQL.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_noop

from iati_publisher.models.parts import COORDINATE, MONEY, PERCENTAGE
from iati_publisher.validation.paths import element_path
from iati_publisher.validation.problems import ERROR, Problem

MSG_TOO_MANY_DIGITS = gettext_noop(
    "The number “{value}” cannot be stored without rounding: at most {integer} digits before "
    "the decimal point and {decimals} after."
)
LIMITS = {"money": MONEY, "percentage": PERCENTAGE, "coordinate": COORDINATE}


def fits(value: Decimal, limits) -> bool:
    max_digits, decimal_places = limits
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        return False  # NaN, Infinity
    decimals = max(0, -exponent)
    integer = max(0, len(digits) - decimals) if exponent < 0 else len(digits) + exponent
    if digits == (0,):
        integer = 0
    return decimals <= decimal_places and integer <= max_digits - decimal_places


def _numbers(element):
    """(node for the message, attribute name or None, text, kind) of the stored numbers."""
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag == "value" and node.getparent() is not None:
            yield node, None, node.text or "", "money"
        elif node.tag == "pos":
            for part in (node.text or "").split():
                yield node, None, part, "coordinate"
        percentage = node.get("percentage")
        if percentage is not None:
            yield node, "percentage", percentage, "percentage"


def check_storage(element, report, top_xpath, ident):
    for node, attribute, text, kind in _numbers(element):
        text = text.strip()
        if not text:
            continue
        try:
            value = Decimal(text)
        except InvalidOperation:
            continue  # the XSD reports it
        limits = LIMITS[kind]
        if fits(value, limits):
            continue
        path = element_path(node, element, top_xpath)
        report.add(
            Problem(
                ERROR,
                "import",
                "decimal",
                MSG_TOO_MANY_DIGITS,
                {
                    "value": text if len(text) <= 60 else text[:57] + "…",
                    "integer": limits[0] - limits[1],
                    "decimals": limits[1],
                },
                line=node.sourceline,
                xpath=f"{path}/@{attribute}" if attribute else f"{path}/text()",
                activity=ident,
            )
        )
