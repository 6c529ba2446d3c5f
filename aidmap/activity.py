"""The public page of one published activity: its data in the visitor's language."""

import hashlib

from django.db.models import Sum
from django.urls import NoReverseMatch, reverse

from home import cache
from iati_publisher import gazetteer

from .data import CACHE_NAME, COMMITMENT, DISBURSEMENT, _to_xof, code_names, in_language, models

TRANSACTION_TYPES = ["1", "2", "3", "4", "11"]


def get_published(identifier):
    """The live activity with this IATI identifier (with its parts prefetched), or None."""
    Activity = models()[0]
    return (
        Activity.objects.filter(live=True, iati_identifier=identifier)
        .select_related("reporting_org")
        .prefetch_related(
            "locations", "sectors", "thematic_groups", "dates", "participating_orgs", "budgets"
        )
        .first()
    )


def iati_xml_url(activity):
    """The per-organisation IATI file if routed, else the file of all activities."""
    ref = getattr(activity.reporting_org, "ref", "")
    for name, kwargs in (("iati_org_activities", {"ref": ref}), ("iati_activities", {})):
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return "/iati/activities.xml"


def cached_context(identifier, language):
    """The page's data for the live activity ``identifier`` (None if there is none), cached
    until the next publication: a warm activity page costs no query of its own."""

    def build():
        activity = get_published(identifier)
        # None is never cached: unknown identifiers cannot fill the cache.
        return None if activity is None else context(activity, language)

    digest = hashlib.sha1(identifier.encode()).hexdigest()
    return cache.get_or_build(CACHE_NAME, ["activity", language, digest], build)


def context(activity, language):
    Transaction = models()[3]
    values = {
        "title_fr": activity.title_fr,
        "title_en": activity.title_en,
        "description_fr": activity.description_fr,
        "description_en": activity.description_en,
    }
    sums = list(
        Transaction.objects.filter(activity=activity)
        .values("transaction_type", "currency")
        .annotate(total=Sum("value"))
        .order_by("transaction_type", "currency")
    )
    sectors = list(activity.sectors.all())
    pairs = {("ActivityStatus", activity.activity_status)}
    pairs |= {("Sector", s.code) for s in sectors if str(s.vocabulary) == "1"}
    pairs |= {("TransactionType", row["transaction_type"]) for row in sums}
    dates = sorted(activity.dates.all(), key=lambda d: (d.iso_date, d.type))
    orgs = list(activity.participating_orgs.all())
    budgets = sorted(activity.budgets.all(), key=lambda b: b.period_start)
    pairs |= {("ActivityDateType", d.type) for d in dates}
    pairs |= {("OrganisationRole", o.role) for o in orgs}
    names = code_names(pairs, language)
    transactions = [
        {
            "type": names.get(
                ("TransactionType", row["transaction_type"]), row["transaction_type"]
            ),
            "currency": row["currency"] or activity.default_currency,
            "total": row["total"],
        }
        for row in sums
    ]
    totals = {COMMITMENT: 0.0, DISBURSEMENT: 0.0}
    for row in sums:
        if row["transaction_type"] in totals:
            totals[row["transaction_type"]] += _to_xof(
                row["total"], row["currency"] or activity.default_currency
            )
    locations = []
    for location in activity.locations.all():
        unit = gazetteer.get(location.admin_unit_code)
        locations.append(
            {
                "name": in_language(vars(location), "name", language),
                "latitude": location.latitude,
                "longitude": location.longitude,
                "unit": gazetteer.localized_name(unit, language) if unit else "",
            }
        )
    from groups.models import ThematicGroupPage

    keys = [group.translation_key for group in activity.thematic_groups.all()]
    groups = (
        [
            {"title": group.title, "url": group.get_url()}
            for group in ThematicGroupPage.objects.live()
            .public()
            .filter(translation_key__in=keys, locale__language_code=language)
            .order_by("title")
        ]
        if keys
        else []
    )
    return {
        "identifier": activity.iati_identifier,
        "activity_title": in_language(values, "title", language) or activity.iati_identifier,
        "activity_description": in_language(values, "description", language),
        "partner": in_language(vars(activity.reporting_org), "name", language)
        if activity.reporting_org_id
        else "",
        "status": names.get(("ActivityStatus", activity.activity_status), activity.activity_status),
        "sectors": [
            {
                "code": s.code,
                "name": names.get(("Sector", s.code), s.code),
                "percentage": s.percentage,
            }
            for s in sectors
        ],
        "transactions": transactions,
        "dates": [
            {"type": names.get(("ActivityDateType", d.type), d.type), "date": d.iso_date}
            for d in dates
        ],
        "participants": [
            {"role": names.get(("OrganisationRole", o.role), o.role), "name": o.name or o.ref}
            for o in orgs
            if o.name or o.ref
        ],
        "budgets": [
            {
                "start": b.period_start,
                "end": b.period_end,
                "value": b.value,
                "currency": b.currency or activity.default_currency,
            }
            for b in budgets
        ],
        "commitments": round(totals[COMMITMENT]),
        "disbursements": round(totals[DISBURSEMENT]),
        "locations": locations,
        "points": [
            {"name": loc["name"], "lat": float(loc["latitude"]), "lon": float(loc["longitude"])}
            for loc in locations
            if loc["latitude"] is not None and loc["longitude"] is not None
        ],
        "thematic_groups": groups,
        "iati_xml_url": iati_xml_url(activity),
    }
