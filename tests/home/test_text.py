"""Shared text rules: control characters removed, spreadsheet formulas neutralised."""

import datetime
from decimal import Decimal

import pytest

from home.text import clean_text, spreadsheet_cell


def test_clean_text_removes_what_xml_cannot_carry_and_keeps_the_rest():
    assert clean_text("Titre\x0bsuite\x00\x1f\x7f") == "Titresuite"
    assert clean_text("ligne\tun\nligne\r\ndeux é ✓ 😀") == "ligne\tun\nligne\r\ndeux é ✓ 😀"
    assert clean_text(None) is None and clean_text(3) == 3


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "\n=cmd"],
)
def test_formulas_are_neutralised(value):
    assert spreadsheet_cell(value).startswith("'")


@pytest.mark.parametrize(
    "value", ["Santé", "a=b", 12, Decimal("-3.5"), -4, datetime.date(2026, 1, 1), None, True]
)
def test_ordinary_values_pass(value):
    assert spreadsheet_cell(value) == value
