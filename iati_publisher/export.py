"""IATI 2.03 export: activities and organisation files, written incrementally with lxml.

``activity_element(activity)`` builds one ``<iati-activity>`` from an ``Activity`` (saved and
prefetched, or unsaved with in-memory children from the admin form: the validator uses it too).
``write_activities(target, queryset)`` streams a whole file with ``lxml.etree.xmlfile``, fetching
activities in chunks with their parts prefetched, so the number of SQL queries grows with the
number of chunks, never with the number of activities: one for the ids, then per chunk of
``CHUNK_SIZE`` one per part table, one for the document links and one for the activities, and
one for each chunk that meets new reporting organisations.

Cost per row: the parts are read as named tuples of their values, and an empty ``iati_source``
(``{}``, every row that was not imported) comes back as NULL, so only kept sources are decoded.
Within one export each distinct organisation element (reporting, participating, provider,
receiver) is built once and copied afterwards. Memory: one chunk of rows plus one activity tree.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from lxml import etree

from home.text import clean_text

from . import extra_parts, kept
from . import narratives as title_and_descriptions
from .export_rows import read_activities

IATI_VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGES = ("fr", "en")
CHUNK_SIZE = 1000
ORG_CACHE_SIZE = 2000  # distinct organisation elements kept for one export (a few MB at most)
# Administrative units of Mali (région, cercle, commune): GADM identifiers such as MLI.3_1
# (GeographicVocabulary A3, "Global Administrative Areas").
ADMIN_VOCABULARY = "A3"
ADMIN_LEVELS = {"region": "1", "cercle": "2", "commune": "3"}


def administrative_attrs(code, level_name):
    """``<administrative>`` attributes in a real IATI vocabulary.

    Région codes of the gazetteer are GADM (A3) or ISO 3166-2 (A4) codes; our cercle codes
    belong to no IATI vocabulary, so a cercle is published as its région (level 1). Codes the
    gazetteer does not know (imported data) keep the GADM vocabulary they came with.
    """
    from . import gazetteer

    unit = gazetteer.get(code)
    if unit is None:
        attrs = {"vocabulary": ADMIN_VOCABULARY, "code": code}
        if ADMIN_LEVELS.get(level_name):
            attrs["level"] = ADMIN_LEVELS[level_name]
        return attrs
    vocabulary = gazetteer.iati_vocabulary(code)
    if vocabulary:
        return {"vocabulary": vocabulary, "code": code, "level": "1"}
    region = gazetteer.get(gazetteer.region_code_for(code) or "")
    if region and region.get("gadm"):
        return {"vocabulary": "A3", "code": region["gadm"], "level": "1"}
    return None


E = etree.Element
S = etree.SubElement


def _iso(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)
        text = value.replace(microsecond=0).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return value.isoformat()


def _num(value):
    """A decimal without a useless fractional part (1000.00 → 1000, 12.50 → 12.5)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def narratives(parent, tag, texts, required=True):
    """``<tag>`` with one ``<narrative xml:lang>`` per non-empty text of [(lang, text)].

    An optional element without any text is not written at all: an empty ``<name/>`` fails
    the official schema (a narrative is required inside)."""
    texts = [(lang, clean_text(text)) for lang, text in texts]
    texts = [(lang, text) for lang, text in texts if text]
    if tag and not texts and not required:
        return None
    element = S(parent, tag) if tag else parent
    for lang, text in texts:
        S(element, "narrative", {XML_LANG: lang}).text = text
    return element


def _bilingual(obj, field):
    return [(lang, getattr(obj, f"{field}_{lang}", "")) for lang in LANGUAGES]


def _value(parent, value, currency, value_date):
    attrs = {"value-date": _iso(value_date)}
    if currency:
        attrs["currency"] = currency
    S(parent, "value", attrs).text = _num(value)


def _org(parent, tag, ref, name, extra=None, cache=None):
    """``<tag ref>`` with the French narrative ``name``, appended to ``parent``. ``cache`` (a
    dict kept for one export) holds each distinct organisation built once: the next ones are
    copies of it (the same few partners name the provider and receiver of most transactions)."""
    key = None
    if cache is not None:
        key = (tag, ref, name, tuple(extra.items()) if extra else ())
        template = cache.get(key)
        if template is not None:
            element = template.__copy__()  # lxml: a deep copy
            parent.append(element)
            return element
    attrs = {"ref": ref} if ref else {}
    if extra:
        attrs.update(extra)
    element = S(parent, tag, attrs)
    name = clean_text(name)
    if name:
        S(element, "narrative", {XML_LANG: "fr"}).text = name
    if key is not None and len(cache) < ORG_CACHE_SIZE:
        cache[key] = element.__copy__()
    return element


def _children(activity, name):
    return list(getattr(activity, name).all())


def _keep(parent, element, row, lang):
    """Replace the row's generated ``element`` (last child of ``parent``) by what to publish:
    its kept source when the row was imported (``kept.combine``)."""
    if not getattr(row, "iati_source", None):
        return element
    result = kept.combine(element, row, (kept.ACTIVITY, element.tag), lang)
    if result is not element:
        parent.replace(element, result)
    return result


def document_url(link):
    if link.document_id and link.document is not None:
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
        return base + link.document.url
    return link.url


def _reporting_org(parent, org, cache):
    key = ("reporting-org", org.ref, org.org_type, org.name_fr, org.name_en)
    template = cache.get(key) if cache is not None else None
    if template is not None:
        parent.append(template.__copy__())  # lxml: a deep copy
        return
    reporting = S(parent, "reporting-org", {"ref": org.ref, "type": org.org_type or "10"})
    narratives(reporting, None, _bilingual(org, "name"))
    if cache is not None and len(cache) < ORG_CACHE_SIZE:
        cache[key] = reporting.__copy__()


def activity_element(activity, cache=None):
    """The ``<iati-activity>`` element of ``activity`` (children in the 2.03 schema order).

    ``cache``: a dict kept for one export (``write_activities``) in which the organisation
    elements are built once each; without it every element is built afresh."""
    org = activity.reporting_org
    lang = kept.default_language(activity)
    attrs = {"last-updated-datetime": _iso(activity.last_updated or timezone.now())}
    attrs[XML_LANG] = "fr"
    if activity.default_currency:
        attrs["default-currency"] = activity.default_currency
    extra_parts.humanitarian_attr(attrs, activity)
    el = E("iati-activity", attrs)
    S(el, "iati-identifier").text = clean_text(activity.iati_identifier)
    _reporting_org(el, org, cache)
    title_and_descriptions.write(el, activity, lang)
    for p in _children(activity, "participating_orgs"):
        attrs = {"role": p.role}
        if p.ref:
            attrs["ref"] = p.ref
        if p.type:
            attrs["type"] = p.type
        _keep(el, _org(el, "participating-org", None, p.name, attrs, cache), p, lang)
    extra_parts.write(el, activity, "other-identifier", lang)
    S(el, "activity-status", {"code": activity.activity_status})
    for d in _children(activity, "dates"):
        _keep(el, S(el, "activity-date", {"type": d.type, "iso-date": _iso(d.iso_date)}), d, lang)
    for c in _children(activity, "contacts"):
        contact = S(el, "contact-info", {"type": c.type} if c.type else {})
        if c.organisation:
            narratives(contact, "organisation", [("fr", c.organisation)])
        if c.person_name:
            narratives(contact, "person-name", [("fr", c.person_name)])
        if c.telephone:
            S(contact, "telephone").text = clean_text(c.telephone)
        if c.email:
            S(contact, "email").text = clean_text(c.email)
        if c.website:
            S(contact, "website").text = clean_text(c.website)
        _keep(el, contact, c, lang)
    countries = _children(activity, "recipient_countries")
    regions = _children(activity, "recipient_regions")
    if countries or regions:
        for c in countries:
            attrs = {"code": c.code}
            if c.percentage is not None:
                attrs["percentage"] = _num(c.percentage)
            _keep(el, S(el, "recipient-country", attrs), c, lang)
        for r in regions:
            attrs = {"code": r.code, "vocabulary": r.vocabulary or "1"}
            if r.percentage is not None:
                attrs["percentage"] = _num(r.percentage)
            _keep(el, S(el, "recipient-region", attrs), r, lang)
    elif activity.recipient_country:
        S(el, "recipient-country", {"code": activity.recipient_country, "percentage": "100"})
    for loc in _children(activity, "locations"):
        location = S(el, "location", {"ref": loc.ref} if loc.ref else {})
        if loc.location_reach:
            S(location, "location-reach", {"code": loc.location_reach})
        narratives(location, "name", _bilingual(loc, "name"), required=False)
        if loc.admin_unit_code:
            attrs = administrative_attrs(loc.admin_unit_code, loc.admin_unit_level)
            if attrs:
                S(location, "administrative", attrs)
        if loc.latitude is not None and loc.longitude is not None:
            point = S(location, "point", {"srsName": "http://www.opengis.net/def/crs/EPSG/0/4326"})
            S(point, "pos").text = f"{_num(loc.latitude)} {_num(loc.longitude)}"
        if loc.exactness:
            S(location, "exactness", {"code": loc.exactness})
        if loc.location_class:
            S(location, "location-class", {"code": loc.location_class})
        _keep(el, location, loc, lang)
    for s in _children(activity, "sectors"):
        attrs = {"code": s.code, "vocabulary": s.vocabulary or "1"}
        if s.percentage is not None:
            attrs["percentage"] = _num(s.percentage)
        _keep(el, S(el, "sector", attrs), s, lang)
    for tag in ("tag", "humanitarian-scope", "policy-marker"):
        extra_parts.write(el, activity, tag, lang)
    if activity.collaboration_type:
        S(el, "collaboration-type", {"code": activity.collaboration_type})
    if activity.default_flow_type:
        S(el, "default-flow-type", {"code": activity.default_flow_type})
    if activity.default_finance_type:
        S(el, "default-finance-type", {"code": activity.default_finance_type})
    if activity.default_aid_type:
        S(el, "default-aid-type", {"code": activity.default_aid_type, "vocabulary": "1"})
    if activity.default_tied_status:
        S(el, "default-tied-status", {"code": activity.default_tied_status})
    for b in _children(activity, "budgets"):
        budget = S(el, "budget", {"type": b.type or "1", "status": b.status or "1"})
        S(budget, "period-start", {"iso-date": _iso(b.period_start)})
        S(budget, "period-end", {"iso-date": _iso(b.period_end)})
        _value(budget, b.value, b.currency, b.value_date)
        _keep(el, budget, b, lang)
    for p in _children(activity, "planned_disbursements"):
        planned = S(el, "planned-disbursement", {"type": p.type} if p.type else {})
        S(planned, "period-start", {"iso-date": _iso(p.period_start)})
        if p.period_end:
            S(planned, "period-end", {"iso-date": _iso(p.period_end)})
        _value(planned, p.value, p.currency, p.value_date)
        _keep(el, planned, p, lang)
    for t in _children(activity, "transactions"):
        tx = S(el, "transaction", {"ref": t.ref} if t.ref else {})
        S(tx, "transaction-type", {"code": t.transaction_type})
        S(tx, "transaction-date", {"iso-date": _iso(t.transaction_date)})
        _value(tx, t.value, t.currency, t.value_date)
        if t.description:
            narratives(tx, "description", [("fr", t.description)])
        if t.provider_org_ref or t.provider_org_name:
            _org(tx, "provider-org", t.provider_org_ref, t.provider_org_name, None, cache)
        if t.receiver_org_ref or t.receiver_org_name:
            _org(tx, "receiver-org", t.receiver_org_ref, t.receiver_org_name, None, cache)
        if t.sector_code:
            S(tx, "sector", {"code": t.sector_code, "vocabulary": t.sector_vocabulary or "1"})
        extra_parts.transaction_geography(tx, t)
        _keep(el, tx, t, lang)
    for link in _children(activity, "document_links"):
        doc = S(
            el,
            "document-link",
            {"url": document_url(link), "format": link.format or "application/pdf"},
        )
        narratives(doc, "title", [("fr", link.title)])
        S(doc, "category", {"code": link.category})
        if link.language:
            S(doc, "language", {"code": link.language})
        _keep(el, doc, link, lang)
    extra_parts.write(el, activity, "related-activity", lang)
    for r in _children(activity, "results"):
        result = _result(el, r)
        if result is not None:
            _keep(el, result, r, lang)
    return kept.combine(el, activity, (kept.ACTIVITY,), lang)


def _result(parent, result):
    indicators = [block.value for block in result.indicators if block.block_type == "indicator"]
    if not indicators:
        return None  # a result needs an indicator (reported by the validator)
    el = S(
        parent,
        "result",
        {"type": result.type, "aggregation-status": "1" if result.aggregation_status else "0"},
    )
    narratives(el, "title", _bilingual(result, "title"))
    for ind in indicators:
        attrs = {
            "measure": ind.get("measure") or "1",
            "ascending": "1" if ind.get("ascending") else "0",
        }
        indicator = S(el, "indicator", attrs)
        narratives(indicator, "title", [("fr", ind.get("title_fr")), ("en", ind.get("title_en"))])
        if ind.get("baseline_year"):
            attrs = {"year": str(ind["baseline_year"])}
            if ind.get("baseline_value") is not None:
                attrs["value"] = _num(ind["baseline_value"])
            S(indicator, "baseline", attrs)
        for period in ind.get("periods") or []:
            p = S(indicator, "period")
            S(p, "period-start", {"iso-date": _iso(period["period_start"])})
            S(p, "period-end", {"iso-date": _iso(period["period_end"])})
            if period.get("target") is not None:
                S(p, "target", {"value": _num(period["target"])})
            if period.get("actual") is not None:
                S(p, "actual", {"value": _num(period["actual"])})
    return el


def published_activities(org_ref=None):
    from .models import Activity

    qs = Activity.objects.filter(live=True)
    if org_ref:
        qs = qs.filter(reporting_org__ref=org_ref)
    return qs


def iter_activities(queryset, chunk_size=None):
    """Yield ``ExportRecord``s of the activities of ``queryset``, a chunk of ``CHUNK_SIZE``
    ids at a time, with one query per part table and chunk (``export_rows``)."""
    return read_activities(queryset, chunk_size or CHUNK_SIZE)


def write_activities(target, queryset=None, generated=None):
    """Write an ``<iati-activities>`` file to ``target`` (a path or a binary file object)."""
    if queryset is None:
        queryset = published_activities()
    generated = generated or timezone.now()
    count = 0
    with etree.xmlfile(target, encoding="utf-8", buffered=True) as xf:
        xf.write_declaration()
        attrs = {"version": IATI_VERSION, "generated-datetime": _iso(generated)}
        with xf.element("iati-activities", attrs):
            cache = {}
            for activity in iter_activities(queryset):
                xf.write(activity_element(activity, cache))
                count += 1
    return count


def yearly_budgets(orgs):
    """{org id: [(year, currency, total)]}: the budgets of each organisation's published
    activities summed per calendar year and currency, in one query."""
    from django.db.models import Sum, Value
    from django.db.models.functions import Coalesce, ExtractYear, NullIf

    from .models import Budget

    rows = (
        Budget.objects.filter(activity__live=True, activity__reporting_org__in=orgs)
        .annotate(
            year=ExtractYear("period_start"),
            money=Coalesce(NullIf("currency", Value("")), "activity__default_currency"),
        )
        .values("activity__reporting_org_id", "year", "money")
        .annotate(total=Sum("value"))
        .order_by("activity__reporting_org_id", "year", "money")
    )
    result = {}
    for row in rows:
        if row["money"]:
            result.setdefault(row["activity__reporting_org_id"], []).append(
                (row["year"], row["money"], row["total"])
            )
    return result


def organisation_element(org, budgets=()):
    attrs = {"last-updated-datetime": _iso(timezone.now()), XML_LANG: "fr"}
    if org.default_currency:
        attrs["default-currency"] = org.default_currency
    el = E("iati-organisation", attrs)
    S(el, "organisation-identifier").text = org.ref
    narratives(el, "name", _bilingual(org, "name"))
    reporting = S(el, "reporting-org", {"ref": org.ref, "type": org.org_type or "10"})
    narratives(reporting, None, _bilingual(org, "name"))
    for year, currency, total in budgets:
        budget = S(el, "total-budget", {"status": "1"})
        S(budget, "period-start", {"iso-date": f"{year}-01-01"})
        S(budget, "period-end", {"iso-date": f"{year}-12-31"})
        _value(budget, total, currency, datetime.date(year, 1, 1))
    return kept.combine(el, org, (kept.ORGANISATION,))


def write_organisations(target, queryset=None, generated=None):
    """Write an ``<iati-organisations>`` file of the reporting organisations with published
    activities (all of them when none has any)."""
    from .models import ReportingOrganisation

    if queryset is None:
        queryset = ReportingOrganisation.objects.filter(activities__live=True).distinct()
        if not queryset.exists():
            queryset = ReportingOrganisation.objects.all()
    generated = generated or timezone.now()
    with etree.xmlfile(target, encoding="utf-8") as xf:
        xf.write_declaration()
        attrs = {"version": IATI_VERSION, "generated-datetime": _iso(generated)}
        orgs = list(queryset.order_by("ref"))
        budgets = yearly_budgets(orgs)
        with xf.element("iati-organisations", attrs):
            for org in orgs:
                xf.write(organisation_element(org, budgets.get(org.pk, ())))


def activities_document(activities):
    """An in-memory ``<iati-activities>`` tree of the given activities (for validation)."""
    root = E(
        "iati-activities", {"version": IATI_VERSION, "generated-datetime": _iso(timezone.now())}
    )
    for activity in activities:
        root.append(activity_element(activity))
    return root
