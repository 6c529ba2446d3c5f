"""Choices of the aid map's filters, built from the published activities (cached)."""

from django.db.models.functions import ExtractYear

from home import cache
from iati_publisher import gazetteer

from .data import CACHE_NAME, code_names, language_code, models


def build_options(language):
    Activity, _location, ActivitySector, Transaction = models()
    from groups.models import ThematicGroupPage

    live = Activity.objects.filter(live=True)
    rows = set(
        live.order_by().values_list(
            "reporting_org__ref",
            "reporting_org__name_fr",
            "reporting_org__name_en",
            "activity_status",
        )
    )
    partners = sorted({row[:3] for row in rows})
    statuses = sorted({row[3] for row in rows if row[3]})
    sectors = sorted(
        set(
            ActivitySector.objects.filter(activity__live=True, vocabulary="1").values_list(
                "code", flat=True
            )
        )
    )
    years = sorted(
        {
            year
            for year in Transaction.objects.filter(activity__live=True)
            .annotate(year=ExtractYear("transaction_date"))
            .values_list("year", flat=True)
            .distinct()
            if year
        },
        reverse=True,
    )
    groups = list(
        ThematicGroupPage.objects.live()
        .public()
        .filter(locale__language_code=language)
        .order_by("title")
        .values_list("pk", "title")
    )
    names = code_names(
        {("ActivityStatus", s) for s in statuses} | {("Sector", s) for s in sectors}, language
    )
    return {
        "sector": [(code, f"{code} – {names.get(('Sector', code), code)}") for code in sectors],
        "group": [(str(pk), title) for pk, title in groups],
        "partner": [
            (ref, ((name_en or name_fr) if language == "en" else (name_fr or name_en)) or ref)
            for ref, name_fr, name_en in partners
            if ref
        ],
        "status": [(code, names.get(("ActivityStatus", code), code)) for code in statuses],
        "region": [(r["code"], gazetteer.localized_name(r, language)) for r in gazetteer.regions()],
        "year": [(str(year), str(year)) for year in years],
    }


def filter_options(language=None):
    language = language_code(language)
    return cache.get_or_build(CACHE_NAME, ["options", language], lambda: build_options(language))
