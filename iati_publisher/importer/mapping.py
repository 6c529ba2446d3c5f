"""Map parsed records (:mod:`records`) onto the publisher's models, unsaved.

The French and English fields hold the first French and English narratives; a narrative in
another language is put in the field of the activity's default language when that is free
(English otherwise), so a single-language publisher's activity has a title and description in
the fields. Every other narrative of the activity's title and descriptions (other languages,
descriptions of types 2-4) becomes an ``ActivityNarrative`` row (``iati_publisher.narratives``);
the narratives of other parts keep their one text and the rest in the kept source.

Partial records (``records.Activity.stored``, the spreadsheet's): :func:`activity_fields` gives
the stored activity's fields with only those of the ``given`` record fields replaced;
:func:`children` gives copies of the stored rows for every relation the record does not give,
and, for a row record built from a stored row, a copy of that row with the record's fields
set (its kept source left as it was: an edited row is merged at export, an unedited one
re-published verbatim). No SQL for whole records; for a partial one, the stored activity's
rows are read through its relations (prefetched by the reader: none).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations

from iati_publisher import extra_parts, kept, narratives
from iati_publisher import models as m

from . import records as r

ADMIN_LEVELS = {"1": "region", "2": "cercle", "3": "commune"}


def bilingual(texts: dict, default_language: str = "en") -> tuple[str, str]:
    """(French, English) from {language: text}."""
    fr, en = texts.get("fr", ""), texts.get("en", "")
    others = [text for lang, text in texts.items() if lang not in ("fr", "en")]
    if others and not (fr and en):
        if default_language == "fr" and not fr:
            fr = others[0]
        elif not en:
            en = others[0]
        elif not fr:
            fr = others[0]
    return fr, en


def one_text(texts: dict, default_language: str = "fr") -> str:
    if not texts:
        return ""
    return (
        texts.get(default_language)
        or texts.get("fr")
        or texts.get("en")
        or next(iter(texts.values()))
    )


def extra_languages(activity: r.Activity) -> set[str]:
    langs = set(activity.title) | set(activity.description)
    return langs - {"fr", "en"}


def _cut(text, field_name, model):
    limit = model._meta.get_field(field_name).max_length
    return (text or "")[:limit] if limit else (text or "")


def _money(value):
    """Exact: never rounded (``limits.py`` refused what the column cannot hold)."""
    return value if value is not None else Decimal(0)


def _pct(value):
    return value


def _coord(value):
    return value


def activity_fields(activity: r.Activity) -> dict:
    fields = _activity_fields(activity)
    return fields if activity.stored is None else _partial_fields(activity, fields)


def _activity_fields(activity: r.Activity) -> dict:
    lang = activity.default_language
    title_fr, title_en = bilingual(activity.title, lang)
    desc_fr, desc_en = bilingual(activity.description, lang)
    aid_types = [code for vocabulary, code in activity.default_aid_types if vocabulary == "1"]
    single_country = (
        activity.recipient_countries[0].code
        if len(activity.recipient_countries) == 1 and not activity.recipient_regions
        else ""
    )
    return {
        "title_fr": _cut(title_fr, "title_fr", m.Activity),
        "title_en": _cut(title_en, "title_en", m.Activity),
        "description_fr": desc_fr,
        "description_en": desc_en,
        "activity_status": activity.activity_status or "2",
        "default_currency": activity.default_currency,
        "default_aid_type": aid_types[0] if aid_types else "",
        "default_finance_type": activity.default_finance_type,
        "default_flow_type": activity.default_flow_type,
        "default_tied_status": activity.default_tied_status,
        "collaboration_type": activity.collaboration_type,
        "recipient_country": single_country,
        "last_updated": activity.last_updated or timezone.now(),
    }


# record field of a partial record -> the activity's fields it gives
GIVEN_FIELDS = {
    "title": ("title_fr", "title_en"),
    "descriptions": ("description_fr", "description_en"),
    "activity_status": ("activity_status",),
    "default_currency": ("default_currency",),
    "recipient_countries": ("recipient_country",),
}
# the activity's fields a partial record never takes from the stored version (publication state)
NOT_COPIED = kept.NOT_IN_ACTIVITY_DIGEST - {"iati_source"} | {"reporting_org", "iati_identifier"}


def _partial_fields(activity: r.Activity, fields: dict) -> dict:
    """The stored activity's fields (and thematic groups), those the record gives replaced."""
    stored = activity.stored
    result = {
        f.attname: getattr(stored, f.attname)
        for f in m.Activity._meta.concrete_fields
        if f.name not in NOT_COPIED
    }
    for relation in get_all_child_m2m_relations(m.Activity):
        result[relation.name] = list(getattr(stored, relation.name).all())
    for name in activity.given:
        for key in GIVEN_FIELDS.get(name, ()):
            result[key] = fields[key]
    result["last_updated"] = fields["last_updated"]
    return result


def copy_row(row, **values):
    """An unsaved copy of the child row ``row`` (same fields, kept source included; its place
    is its place in the list, as for imported rows)."""
    model = type(row)
    data = {
        f.attname: getattr(row, f.attname)
        for f in model._meta.concrete_fields
        if f.name not in ("id", "activity", "sort_order")
    }
    return model(**{**data, **values})


# fields of a row the mapping never sets (``extra_parts.complete`` fills them from the source)
NOT_MAPPED = kept.NOT_IN_DIGEST | {"recipient_country", "recipient_region"}


def _over_stored(row, stored):
    """``stored`` (a row) with the fields the mapping set on ``row``."""
    mapped = {
        f.attname: getattr(row, f.attname)
        for f in type(row)._meta.concrete_fields
        if f.name not in NOT_MAPPED
    }
    return copy_row(stored, **mapped)


def children(activity: r.Activity, organisations: dict) -> dict[str, list]:
    """Unsaved child rows by relation name (``organisations``: {IATI ref: groups.Organisation}).
    A partial record also gets the rows of the editor's parts (``extra_parts``), copied."""
    result = _children(activity, organisations)
    if activity.stored is None:
        return result
    for relation in (*result, *extra_parts.RELATIONS):
        if relation not in activity.given:
            result[relation] = [copy_row(row) for row in getattr(activity.stored, relation).all()]
    return result


def _children(activity: r.Activity, organisations: dict) -> dict[str, list]:
    lang = activity.default_language
    result = {
        "dates": [
            _sealed(m.ActivityDate(type=d.type, iso_date=d.date), d)
            for d in activity.dates
            if d.date
        ],
        "participating_orgs": [
            _sealed(
                m.ParticipatingOrg(
                    role=p.role or "1",
                    ref=_cut(p.ref, "ref", m.ParticipatingOrg),
                    type=p.type,
                    name=_cut(one_text(p.name, lang), "name", m.ParticipatingOrg),
                    organisation=organisations.get(p.ref),
                ),
                p,
            )
            for p in activity.participating_orgs
        ],
        "recipient_countries": [
            _sealed(m.RecipientCountry(code=c.code, percentage=_pct(c.percentage)), c)
            for c in activity.recipient_countries
        ],
        "recipient_regions": [
            _sealed(
                m.RecipientRegion(
                    vocabulary=g.vocabulary, code=g.code, percentage=_pct(g.percentage)
                ),
                g,
            )
            for g in activity.recipient_regions
        ],
        "sectors": [
            _sealed(
                m.ActivitySector(
                    vocabulary=s.vocabulary, code=s.code, percentage=_pct(s.percentage)
                ),
                s,
            )
            for s in activity.sectors
        ],
        "locations": [_sealed(_location(loc, lang), loc) for loc in activity.locations],
        "budgets": [
            _sealed(
                m.Budget(
                    type=b.type or "1",
                    status=b.status or "1",
                    period_start=b.period_start,
                    period_end=b.period_end,
                    value=_money(b.money.value),
                    currency=b.money.currency,
                    value_date=b.money.value_date or b.period_start,
                ),
                b,
            )
            for b in activity.budgets
            if b.period_start and b.period_end
        ],
        "planned_disbursements": [
            _sealed(
                m.PlannedDisbursement(
                    type=p.type,
                    period_start=p.period_start,
                    period_end=p.period_end,
                    value=_money(p.money.value),
                    currency=p.money.currency,
                    value_date=p.money.value_date or p.period_start,
                ),
                p,
            )
            for p in activity.planned_disbursements
            if p.period_start
        ],
        "transactions": [
            _sealed(transaction_row(t, lang), t) for t in activity.transactions if t.date and t.type
        ],
        "document_links": [
            _sealed(
                m.DocumentLink(
                    url=_cut(d.url, "url", m.DocumentLink),
                    title=_cut(one_text(d.title, lang) or d.url, "title", m.DocumentLink),
                    category=d.categories[0] if d.categories else "A01",
                    language=d.languages[0] if d.languages else "",
                    format=_cut(d.format, "format", m.DocumentLink),
                ),
                d,
            )
            for d in activity.document_links
        ],
        "contacts": [
            _sealed(
                m.Contact(
                    type=c.type or "1",
                    organisation=_cut(one_text(c.organisation, lang), "organisation", m.Contact),
                    person_name=_cut(one_text(c.person_name, lang), "person_name", m.Contact),
                    email=_cut(c.email, "email", m.Contact),
                    telephone=_cut(c.telephone, "telephone", m.Contact),
                    website=_cut(c.website, "website", m.Contact),
                ),
                c,
            )
            for c in activity.contacts
        ],
        "results": [_sealed(_result(res, lang), res) for res in activity.results],
        # every other narrative of the title and descriptions (``iati_publisher.narratives``)
        "narratives": narratives.rows(getattr(activity, "xml", None)),
    }
    return result


def _sealed(row, record):
    """``row`` with the element it comes from kept (``kept.seal``), when the record has one;
    for a record built from a stored row, that row with ``row``'s fields."""
    stored = getattr(record, "stored", None)
    if stored is not None:
        row = _over_stored(row, stored)
    row.clean_texts()
    kept.seal(row, getattr(record, "xml", None))
    return row


def transaction_row(t: r.Transaction, lang: str) -> m.Transaction:
    provider, receiver = t.provider_org or r.OrgRef(), t.receiver_org or r.OrgRef()
    sector = t.sectors[0] if t.sectors else None
    return m.Transaction(
        ref=_cut(t.ref, "ref", m.Transaction),
        transaction_type=t.type,
        transaction_date=t.date,
        value=_money(t.money.value),
        currency=t.money.currency,
        value_date=t.money.value_date or t.date,
        description=_cut(one_text(t.description, lang), "description", m.Transaction),
        provider_org_ref=_cut(provider.ref, "provider_org_ref", m.Transaction),
        provider_org_name=_cut(one_text(provider.name, lang), "provider_org_name", m.Transaction),
        receiver_org_ref=_cut(receiver.ref, "receiver_org_ref", m.Transaction),
        receiver_org_name=_cut(one_text(receiver.name, lang), "receiver_org_name", m.Transaction),
        sector_vocabulary=sector.vocabulary if sector else "",
        sector_code=sector.code if sector else "",
    )


def _location(loc: r.Location, lang: str) -> m.ActivityLocation:
    name_fr, name_en = bilingual(loc.name, lang)
    admin = loc.administratives[0] if loc.administratives else None
    return m.ActivityLocation(
        ref=_cut(loc.ref, "ref", m.ActivityLocation),
        name_fr=_cut(name_fr, "name_fr", m.ActivityLocation),
        name_en=_cut(name_en, "name_en", m.ActivityLocation),
        latitude=_coord(loc.latitude),
        longitude=_coord(loc.longitude),
        admin_unit_code=_cut(admin.code if admin else "", "admin_unit_code", m.ActivityLocation),
        admin_unit_level=ADMIN_LEVELS.get(admin.level, "") if admin else "",
        exactness=loc.exactness or "1",
        location_class=loc.location_class,
        location_reach=loc.location_reach,
    )


def _number(text):
    try:
        return str(Decimal(text)) if text not in ("", None) else None
    except ArithmeticError:
        return None


def _result(res: r.Result, lang: str) -> m.Result:
    title_fr, title_en = bilingual(res.title, lang)
    indicators = []
    for ind in res.indicators:
        ind_fr, ind_en = bilingual(ind.title, lang)
        indicators.append(
            {
                "type": "indicator",
                "value": {
                    "title_fr": ind_fr,
                    "title_en": ind_en,
                    "measure": ind.measure or "1",
                    "ascending": ind.ascending,
                    "baseline_year": ind.baseline_year,
                    "baseline_value": _number(ind.baseline_value),
                    "periods": [
                        {
                            "period_start": p.start.isoformat() if p.start else None,
                            "period_end": p.end.isoformat() if p.end else None,
                            "target": _number(p.target),
                            "actual": _number(p.actual),
                        }
                        for p in ind.periods
                        if p.start and p.end
                    ],
                },
            }
        )
    return m.Result(
        type=res.type or "1",
        aggregation_status=bool(res.aggregation_status),
        title_fr=_cut(title_fr, "title_fr", m.Result),
        title_en=_cut(title_en, "title_en", m.Result),
        indicators=indicators,
    )
