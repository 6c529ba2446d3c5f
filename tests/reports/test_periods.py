"""Reporting periods: parsing what users type, bounds, labels, future periods."""

import datetime

import pytest
from django.utils import translation

from reports.periods import Period, PeriodError


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2026-Q3", Period(2026, 3)),
        ("2026q1", Period(2026, 1)),
        ("2026-T4", Period(2026, 4)),
        (" 2025 ", Period(2025)),
    ],
)
def test_parse(text, expected):
    assert Period.parse(text) == expected


@pytest.mark.parametrize(
    "text", ["", "2026-Q5", "Q3-2026", "26-Q1", "1999", "2026-Q3\x00", "x" * 500]
)
def test_bad_periods_raise_a_clear_error(text):
    with translation.override("fr"), pytest.raises(PeriodError) as error:
        Period.parse(text)
    assert "période" in str(error.value) or "année" in str(error.value)


def test_bounds_and_labels():
    q3 = Period(2026, 3)
    assert (q3.start, q3.end) == (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    assert Period(2026, 4).end == datetime.date(2026, 12, 31)
    assert Period(2026, 1).previous() == Period(2025, 4)
    begin, end = q3.bounds()
    assert begin.date() == datetime.date(2026, 7, 1) and end.date() == datetime.date(2026, 10, 1)
    with translation.override("fr"):
        assert q3.label == "T3 2026"
    with translation.override("en"):
        assert q3.label == "Q3 2026"
    assert q3.is_future(today=datetime.date(2026, 6, 30))
    assert not q3.is_future(today=datetime.date(2026, 7, 1))
