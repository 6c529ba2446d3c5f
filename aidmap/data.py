"""Published activities for the aid map: filters, locations, totals per région, GeoJSON.

One function, :func:`build`, answers both the map page (server-rendered list, through the
cached :func:`list_data`) and the GeoJSON endpoint (which caches its gzipped bytes), with a
constant number of SQL queries whatever the number of activities:
activities, locations, sectors, transaction sums (aggregated in SQL) and code names are each
fetched in one query; the rest is done in Python. Cached under the ``aidmap`` generation of
``home.cache``, bumped when an activity is published, unpublished or deleted (``signals.py``).

GeoJSON shape (RFC 7946, with foreign members ``activities`` and ``totals``)::

    {"type": "FeatureCollection",
     "features": [
       {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {"kind": "location", "activity": "<iati-identifier>",
                       "name": "<location name>", "region": "ML-4"}},
       {"type": "Feature", "geometry": {... the région's capital ...},
        "properties": {"kind": "region" | "national", "region": "ML-4", "name": "Ségou",
                       "activities": ["<iati-identifier>", ...],
                       "commitments": 123, "disbursements": 45}}],
     "activities": {"<iati-identifier>": {"title", "partner", "status", "sectors": [...],
                    "commitments", "disbursements", "url", "regions": [...]}},
     "totals": {"activities": n, "commitments": x, "disbursements": y, "currency": "XOF"}}

Amounts are in XOF (FCFA): EUR at the fixed parity, other currencies at the indicative rates
of ``settings.AIDMAP_RATES_TO_XOF``. An activity with at least one point location is drawn as
points; one located only by administrative unit is counted in each of its régions (amounts
split equally); one with no usable location counts at national level.
"""

import re
from dataclasses import asdict, dataclass
from urllib.parse import quote

from django.conf import settings
from django.db.models import Sum
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home import cache
from iati_publisher import gazetteer, geo

CACHE_NAME = "aidmap"

COMMITMENT = "2"
DISBURSEMENT = "3"
CURRENCY = "XOF"
RATES_TO_XOF = {"XOF": 1, "EUR": 655.957, "USD": 600, "GBP": 760, "CAD": 440, "CHF": 690}
_SAFE = re.compile(r"[^A-Za-z0-9_.\-]")


def rates():
    return {**RATES_TO_XOF, **getattr(settings, "AIDMAP_RATES_TO_XOF", {})}


def language_code(language=None):
    language = (language or get_language() or "fr")[:2]
    return language if language in {"fr", "en"} else "fr"


def in_language(row, field, language):
    """The fr/en variant of ``field`` in ``row`` for ``language``, else the other one."""
    other = "en" if language == "fr" else "fr"
    return row.get(f"{field}_{language}") or row.get(f"{field}_{other}") or ""


@dataclass(frozen=True)
class Filters:
    """The map's filters, read from a query string (unknown or malformed values are dropped)."""

    sector: str = ""
    group: str = ""
    partner: str = ""
    status: str = ""
    region: str = ""
    year: str = ""

    @classmethod
    def from_query(cls, query):
        def clean(name, length=40):
            return _SAFE.sub("", str(query.get(name, "")).strip())[:length]

        unit = gazetteer.get(clean("region"))
        region = unit["code"] if unit and unit["level"] == 1 else ""  # GADM id → ISO code
        year = clean("year", 4)
        group = clean("group", 12)
        return cls(
            sector=clean("sector", 10),
            group=group if group.isdecimal() else "",
            partner=clean("partner", 100),
            status=clean("status", 5),
            region=region,
            year=year if year.isdecimal() and 1950 <= int(year) <= 2100 else "",
        )

    def as_query(self):
        return {name: value for name, value in asdict(self).items() if value}

    def cache_parts(self):
        return [f"{name}={value}" for name, value in sorted(self.as_query().items())]


def models():
    from iati_publisher.models import Activity, ActivityLocation, ActivitySector, Transaction

    return Activity, ActivityLocation, ActivitySector, Transaction


def filtered_activities(filters):
    """Published (live) activities matching the SQL-side filters (all but the région)."""
    Activity = models()[0]
    queryset = Activity.objects.filter(live=True)
    if filters.sector:
        if len(filters.sector) == 3:  # a DAC category: every 5-digit code in it
            queryset = queryset.filter(sectors__code__startswith=filters.sector)
        else:
            queryset = queryset.filter(sectors__code=filters.sector)
    if filters.group:
        from groups.models import ThematicGroupPage

        keys = ThematicGroupPage.objects.filter(pk=filters.group).values("translation_key")
        queryset = queryset.filter(thematic_groups__translation_key__in=keys)
    if filters.partner:
        queryset = queryset.filter(reporting_org__ref=filters.partner)
    if filters.status:
        queryset = queryset.filter(activity_status=filters.status)
    if filters.year:
        queryset = queryset.filter(transactions__transaction_date__year=int(filters.year))
    return Activity.objects.filter(pk__in=queryset.values("pk"))


def code_names(pairs, language):
    """{(codelist, code): name} for the given pairs, in one query (codes when not loaded)."""
    if not pairs:
        return {}
    try:
        from iati_publisher.models import CodelistItem
    except ImportError:
        return {}
    lists = {codelist for codelist, _code in pairs}
    codes = {code for _codelist, code in pairs}
    rows = CodelistItem.objects.filter(codelist__name__in=lists, code__in=codes).values_list(
        "codelist__name", "code", "name_fr", "name_en"
    )
    result = {}
    for codelist, code, name_fr, name_en in rows:
        name = name_fr if language == "fr" and name_fr else (name_en or name_fr)
        result[(codelist, code)] = name or code
    return result


def map_page_url(language):
    """URL of the live aid map page in ``language`` (or the other one), or ''."""
    from .models import AidMapPage

    def build_urls():
        return {
            page.locale.language_code: page.get_url()
            for page in AidMapPage.objects.live().public().select_related("locale")
        }

    # Cached with the map data; publishing or moving pages bumps the page chrome, which is
    # part of the key.
    from home import chrome

    urls = cache.get_or_build(CACHE_NAME, ["map-page-urls", chrome.version()], build_urls)
    return urls.get(language) or next(iter(urls.values()), "")


_URL_SAFE = re.compile(r"^[A-Za-z0-9._\-]+$")


def activity_url(base, identifier):
    if not base:
        return ""
    if not _URL_SAFE.match(identifier):
        identifier = quote(identifier, safe="")
    return f"{base}activity/{identifier}/"


def _to_xof(value, currency, table=None):
    return float(value or 0) * (table or rates()).get((currency or CURRENCY).upper(), 1)


def location_region(location):
    """Région code of a location: from its administrative unit, else nearest to its point."""
    code = gazetteer.region_code_for(location["admin_unit_code"])
    if code:
        return code
    if location["latitude"] is not None and location["longitude"] is not None:
        return geo.nearest_region(location["latitude"], location["longitude"])["code"]
    return None


def build(filters, language, base_url=None):
    """The map data for ``filters`` in ``language`` (not cached).

    ``base_url`` is the URL of the map page in that language (looked up when not given)."""
    Activity, ActivityLocation, ActivitySector, Transaction = models()
    activities_qs = filtered_activities(filters)
    rows = list(
        activities_qs.order_by("pk").values(
            "pk",
            "iati_identifier",
            "title_fr",
            "title_en",
            "activity_status",
            "default_currency",
            "reporting_org__ref",
            "reporting_org__name_fr",
            "reporting_org__name_en",
        )
    )
    ids = activities_qs.values("pk")
    locations = list(
        ActivityLocation.objects.filter(activity_id__in=ids)
        .order_by("activity_id", "pk")
        .values(
            "activity_id",
            "name_fr",
            "name_en",
            "latitude",
            "longitude",
            "admin_unit_code",
            "admin_unit_level",
        )
    )
    sectors = list(
        ActivitySector.objects.filter(activity_id__in=ids)
        .order_by("activity_id", "-percentage", "code")
        .values_list("activity_id", "vocabulary", "code")
    )
    money = Transaction.objects.filter(
        activity_id__in=ids, transaction_type__in=[COMMITMENT, DISBURSEMENT]
    )
    if filters.year:
        money = money.filter(transaction_date__year=int(filters.year))
    money = money.values("activity_id", "transaction_type", "currency").annotate(total=Sum("value"))

    by_pk = {row["pk"]: row for row in rows}
    amounts = {pk: {COMMITMENT: 0.0, DISBURSEMENT: 0.0} for pk in by_pk}
    table = rates()
    for row in money.order_by():
        currency = row["currency"] or by_pk[row["activity_id"]]["default_currency"]
        amounts[row["activity_id"]][row["transaction_type"]] += _to_xof(
            row["total"], currency, table
        )

    pairs = {("ActivityStatus", row["activity_status"]) for row in rows if row["activity_status"]}
    sector_lists = {"1": "Sector", "2": "SectorCategory"}
    pairs |= {(sector_lists[v], c) for _pk, v, c in sectors if v in sector_lists}
    names = code_names(pairs, language)
    sectors_of = {}
    for pk, vocabulary, code in sectors:
        name = names.get((sector_lists.get(vocabulary), code), code)
        sectors_of.setdefault(pk, []).append(name)

    points_of, admin_of = {}, {}
    for location in locations:
        location["region"] = location_region(location)
        has_point = location["latitude"] is not None and location["longitude"] is not None
        (points_of if has_point else admin_of).setdefault(location["activity_id"], []).append(
            location
        )

    base = map_page_url(language) if base_url is None else base_url
    activities, features = {}, []
    regions_total = {}
    for pk, row in by_pk.items():
        points = points_of.get(pk, [])
        admin_regions = sorted({loc["region"] for loc in admin_of.get(pk, []) if loc["region"]})
        regions = sorted({loc["region"] for loc in points if loc["region"]}) or admin_regions
        if filters.region:
            if filters.region not in regions:
                continue
            points = [loc for loc in points if loc["region"] == filters.region]
            admin_regions = [filters.region] if not points else []
        identifier = row["iati_identifier"]
        commitments = round(amounts[pk][COMMITMENT])
        disbursements = round(amounts[pk][DISBURSEMENT])
        activities[identifier] = {
            "title": in_language(row, "title", language) or identifier,
            "partner": in_language(row, "reporting_org__name", language)
            or row["reporting_org__ref"]
            or "",
            "status": names.get(("ActivityStatus", row["activity_status"]), "")
            or row["activity_status"]
            or "",
            "sectors": sectors_of.get(pk, []),
            "commitments": commitments,
            "disbursements": disbursements,
            "url": activity_url(base, identifier),
            "regions": regions,
        }
        for location in points:
            features.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Point",
                        "coordinates": [
                            round(float(location["longitude"]), 5),
                            round(float(location["latitude"]), 5),
                        ],
                    },
                    "properties": {
                        "kind": "location",
                        "activity": identifier,
                        "name": in_language(location, "name", language),
                        "region": location["region"] or "",
                    },
                }
            )
        if not points:
            places = admin_regions or [gazetteer.NATIONAL_CODE]
            for place in places:
                total = regions_total.setdefault(
                    place, {"activities": [], "commitments": 0.0, "disbursements": 0.0}
                )
                total["activities"].append(identifier)
                total["commitments"] += commitments / len(places)
                total["disbursements"] += disbursements / len(places)

    for code in [r["code"] for r in gazetteer.regions()] + [gazetteer.NATIONAL_CODE]:
        if code not in regions_total:
            continue
        total = regions_total[code]
        if code == gazetteer.NATIONAL_CODE:
            lat, lon = gazetteer.NATIONAL_POINT
            with translation.override(language):
                kind, name = "national", _("National level (all of Mali)")
        else:
            unit = gazetteer.get(code)
            lat, lon = unit["latitude"], unit["longitude"]
            kind, name = "region", gazetteer.localized_name(unit, language)
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "kind": kind,
                    "region": code,
                    "name": str(name),
                    "activities": total["activities"],
                    "commitments": round(total["commitments"]),
                    "disbursements": round(total["disbursements"]),
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "activities": activities,
        "totals": {
            "activities": len(activities),
            "commitments": sum(a["commitments"] for a in activities.values()),
            "disbursements": sum(a["disbursements"] for a in activities.values()),
            "currency": CURRENCY,
        },
        "filters": filters.as_query(),
    }


def list_data(filters, language=None, base_url=None):
    """What the map page renders itself (activities and totals, no features), cached."""
    language = language_code(language)

    def build_list():
        data = build(filters, language, base_url)
        return {"activities": data["activities"], "totals": data["totals"]}

    return cache.get_or_build(CACHE_NAME, ["list", language, *filters.cache_parts()], build_list)
