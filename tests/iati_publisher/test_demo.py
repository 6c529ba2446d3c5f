"""The IATI demo data set."""

import pytest

from iati_publisher import demo
from iati_publisher.models import Activity, ActivityLocation, Budget, Transaction

pytestmark = pytest.mark.django_db


def test_demo_is_realistic_and_idempotent(codelists):
    demo.build(None)
    demo.build(None)
    assert Activity.objects.count() == 40
    assert Activity.objects.filter(live=True).count() == 40
    assert Activity.objects.values("reporting_org").distinct().count() >= 5
    regions = set(ActivityLocation.objects.values_list("name_fr", flat=True))
    for name in ("Kayes", "Mopti", "Tombouctou", "Gao", "Kidal", "Sikasso"):
        assert f"Région de {name}" in regions
    assert "District de Bamako" in regions
    currencies = set(Transaction.objects.values_list("currency", flat=True))
    assert {"XOF", "EUR"} <= currencies
    assert set(Budget.objects.values_list("currency", flat=True)) >= {"XOF", "EUR"}
    for activity in Activity.objects.all()[:5]:
        assert activity.title_fr and activity.title_en
        assert all(len(s.code) == 5 for s in activity.sectors.all())
