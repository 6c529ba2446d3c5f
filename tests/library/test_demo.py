"""The library demo builds the pages, series, editions and documents, and is idempotent."""

from io import StringIO

import pytest

from library import demo
from library.models import (
    CustomDocument,
    LibraryPage,
    ReportCalendarPage,
    ReportEdition,
    ReportSeries,
)

pytestmark = pytest.mark.django_db


class Command:
    stdout = StringIO()


def snapshot():
    return (
        CustomDocument.objects.count(),
        ReportSeries.objects.count(),
        ReportEdition.objects.count(),
        LibraryPage.objects.count(),
        ReportCalendarPage.objects.count(),
    )


def test_demo_is_idempotent(home_en, monkeypatch, client):
    monkeypatch.setattr(demo, "DEMO_DOCUMENT_COUNT", 12)
    demo.build(Command)
    first = snapshot()
    assert first[1] == 2 * len(demo.SERIES)  # French and English
    assert first[3] == first[4] == 2
    assert ReportEdition.objects.filter(status="online", document__isnull=False).exists()
    assert ReportEdition.objects.to_acquire().exists()
    demo.build(Command)
    assert snapshot() == first
    # The text of the generated PDFs is searchable
    response = client.get("/fr/bibliotheque/?q=vaccinale")
    assert response.status_code == 200
    assert "Rapport annuel 2016 du secteur santé — n° 001" in response.content.decode()
    assert client.get("/en/report-calendar/").status_code == 200
