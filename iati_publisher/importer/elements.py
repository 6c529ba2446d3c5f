"""Parse stage of the importer, one element at a time: an ``iati-activity`` (upgraded to 2.03)
-> a :class:`records.Activity` with its parts (:class:`_Parser`), and the source of each
record kept for the lossless export (:func:`_keep_sources`). The streaming over the file, its
validation and the rejected activities are :mod:`parser`'s. No SQL.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from iati_publisher import kept

from . import records as r

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


# -- small helpers ---------------------------------------------------------------------------
def _text(element) -> str:
    return (element.text or "").strip() if element is not None else ""


def _attr(element, name, default="") -> str:
    if element is None:
        return default
    return (element.get(name) or default).strip()


def _decimal(text):
    if text is None or not str(text).strip():
        return None
    try:
        return Decimal(str(text).strip())
    except InvalidOperation:
        return None


def _date(text):
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def _datetime(text):
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _bool(text):
    if text in ("1", "true"):
        return True
    if text in ("0", "false"):
        return False
    return None


class _Parser:
    def __init__(self, default_language: str):
        self.lang = default_language

    def narratives(self, element) -> dict:
        result = {}
        if element is None:
            return result
        for narrative in element.findall("narrative"):
            text = (narrative.text or "").strip()
            if not text:
                continue
            lang = (narrative.get(XML_LANG) or self.lang).strip().lower()
            result.setdefault(lang, text)
        return result

    def org(self, element, role=False):
        if element is None:
            return None
        return r.OrgRef(
            ref=_attr(element, "ref"),
            type=_attr(element, "type"),
            name=self.narratives(element),
            role=_attr(element, "role") if role else "",
            activity_id=_attr(element, "activity-id")
            or _attr(element, "provider-activity-id")
            or _attr(element, "receiver-activity-id"),
            crs_channel_code=_attr(element, "crs-channel-code"),
        )

    def money(self, element):
        if element is None:
            return r.Money()
        return r.Money(
            value=_decimal(element.text),
            currency=_attr(element, "currency"),
            value_date=_date(element.get("value-date")),
        )

    def sector(self, element):
        return r.Sector(
            code=_attr(element, "code"),
            vocabulary=_attr(element, "vocabulary", "1") or "1",
            vocabulary_uri=_attr(element, "vocabulary-uri"),
            percentage=_decimal(element.get("percentage")),
            narratives=self.narratives(element),
        )

    def country(self, element):
        if element is None:
            return None
        return r.RecipientCountry(
            code=_attr(element, "code"),
            percentage=_decimal(element.get("percentage")),
            narratives=self.narratives(element),
        )

    def region(self, element):
        if element is None:
            return None
        return r.RecipientRegion(
            code=_attr(element, "code"),
            vocabulary=_attr(element, "vocabulary", "1") or "1",
            percentage=_decimal(element.get("percentage")),
            narratives=self.narratives(element),
        )

    def location(self, element):
        location = r.Location(
            ref=_attr(element, "ref"),
            name=self.narratives(element.find("name")),
            description=self.narratives(element.find("description")),
            activity_description=self.narratives(element.find("activity-description")),
            location_reach=_attr(element.find("location-reach"), "code"),
            exactness=_attr(element.find("exactness"), "code"),
            location_class=_attr(element.find("location-class"), "code"),
            feature_designation=_attr(element.find("feature-designation"), "code"),
            location_ids=[
                (_attr(item, "vocabulary"), _attr(item, "code"))
                for item in element.findall("location-id")
            ],
            administratives=[
                r.Administrative(
                    code=_attr(item, "code"),
                    vocabulary=_attr(item, "vocabulary"),
                    level=_attr(item, "level"),
                )
                for item in element.findall("administrative")
            ],
        )
        point = element.find("point")
        if point is not None:
            location.srs_name = _attr(point, "srsName")
            parts = _text(point.find("pos")).split()
            if len(parts) == 2:
                location.latitude, location.longitude = _decimal(parts[0]), _decimal(parts[1])
        return location

    def period(self, element):
        return (
            _date(_attr(element.find("period-start"), "iso-date")),
            _date(_attr(element.find("period-end"), "iso-date")),
        )

    def transaction(self, element):
        # the most repeated element of a file: its children looked up in one pass (what
        # ``element.find(tag)`` gives, the first child of each tag) rather than 12 searches
        first = {}
        for child in element:
            first.setdefault(child.tag, child)
        get = first.get
        return r.Transaction(
            type=_attr(get("transaction-type"), "code"),
            date=_date(_attr(get("transaction-date"), "iso-date")),
            money=self.money(get("value")),
            ref=_attr(element, "ref"),
            humanitarian=_bool(_attr(element, "humanitarian")),
            description=self.narratives(get("description")),
            provider_org=self.org(get("provider-org")),
            receiver_org=self.org(get("receiver-org")),
            disbursement_channel=_attr(get("disbursement-channel"), "code"),
            sectors=[self.sector(item) for item in element.findall("sector")],
            recipient_country=self.country(get("recipient-country")),
            recipient_region=self.region(get("recipient-region")),
            flow_type=_attr(get("flow-type"), "code"),
            finance_type=_attr(get("finance-type"), "code"),
            aid_types=[
                (_attr(item, "vocabulary", "1") or "1", _attr(item, "code"))
                for item in element.findall("aid-type")
            ],
            tied_status=_attr(get("tied-status"), "code"),
        )

    def contact(self, element):
        return r.Contact(
            type=_attr(element, "type"),
            organisation=self.narratives(element.find("organisation")),
            department=self.narratives(element.find("department")),
            person_name=self.narratives(element.find("person-name")),
            job_title=self.narratives(element.find("job-title")),
            telephone=_text(element.find("telephone")),
            email=_text(element.find("email")),
            website=_text(element.find("website")),
            mailing_address=self.narratives(element.find("mailing-address")),
        )

    def document(self, element):
        return r.DocumentLink(
            url=_attr(element, "url"),
            format=_attr(element, "format"),
            title=self.narratives(element.find("title")),
            description=self.narratives(element.find("description")),
            categories=[_attr(item, "code") for item in element.findall("category")],
            languages=[_attr(item, "code") for item in element.findall("language")],
            document_date=_date(_attr(element.find("document-date"), "iso-date")),
        )

    def result(self, element):
        result = r.Result(
            type=_attr(element, "type"),
            aggregation_status=_bool(_attr(element, "aggregation-status")),
            title=self.narratives(element.find("title")),
            description=self.narratives(element.find("description")),
        )
        for item in element.findall("indicator"):
            baseline = item.find("baseline")
            year = _attr(baseline, "year")
            indicator = r.Indicator(
                measure=_attr(item, "measure", "1"),
                ascending=_bool(_attr(item, "ascending")) is not False,
                title=self.narratives(item.find("title")),
                description=self.narratives(item.find("description")),
                baseline_year=int(year) if year.isdecimal() else None,
                baseline_date=_date(_attr(baseline, "iso-date")),
                baseline_value=_attr(baseline, "value"),
                baseline_comment=self.narratives(
                    baseline.find("comment") if baseline is not None else None
                ),
            )
            for period in item.findall("period"):
                start, end = self.period(period)
                target, actual = period.find("target"), period.find("actual")
                indicator.periods.append(
                    r.IndicatorPeriod(
                        start=start,
                        end=end,
                        target=_attr(target, "value"),
                        target_comment=self.narratives(
                            target.find("comment") if target is not None else None
                        ),
                        actual=_attr(actual, "value"),
                        actual_comment=self.narratives(
                            actual.find("comment") if actual is not None else None
                        ),
                    )
                )
            result.indicators.append(indicator)
        return result

    def activity(self, element, root_lang):
        self.lang = (element.get(XML_LANG) or root_lang or "en").strip().lower()
        activity = r.Activity(
            identifier=_text(element.find("iati-identifier")),
            line=element.sourceline,
            default_language=self.lang,
            default_currency=_attr(element, "default-currency"),
            hierarchy=_attr(element, "hierarchy"),
            humanitarian=_bool(_attr(element, "humanitarian")),
            last_updated=_datetime(element.get("last-updated-datetime")),
            reporting_org=self.org(element.find("reporting-org")) or r.OrgRef(),
            title=self.narratives(element.find("title")),
            descriptions=[
                (_attr(item, "type", "1"), self.narratives(item))
                for item in element.findall("description")
            ],
            participating_orgs=[
                self.org(item, role=True) for item in element.findall("participating-org")
            ],
            activity_status=_attr(element.find("activity-status"), "code"),
            activity_scope=_attr(element.find("activity-scope"), "code"),
            dates=[
                r.ActivityDate(
                    type=_attr(item, "type"),
                    date=_date(_attr(item, "iso-date")),
                    narratives=self.narratives(item),
                )
                for item in element.findall("activity-date")
            ],
            contacts=[self.contact(item) for item in element.findall("contact-info")],
            recipient_countries=[
                self.country(item) for item in element.findall("recipient-country")
            ],
            recipient_regions=[self.region(item) for item in element.findall("recipient-region")],
            locations=[self.location(item) for item in element.findall("location")],
            sectors=[self.sector(item) for item in element.findall("sector")],
            collaboration_type=_attr(element.find("collaboration-type"), "code"),
            default_flow_type=_attr(element.find("default-flow-type"), "code"),
            default_finance_type=_attr(element.find("default-finance-type"), "code"),
            default_aid_types=[
                (_attr(item, "vocabulary", "1") or "1", _attr(item, "code"))
                for item in element.findall("default-aid-type")
            ],
            default_tied_status=_attr(element.find("default-tied-status"), "code"),
            document_links=[self.document(item) for item in element.findall("document-link")],
            results=[self.result(item) for item in element.findall("result")],
            related_activities=[
                (_attr(item, "type"), _attr(item, "ref"))
                for item in element.findall("related-activity")
            ],
        )
        for item in element.findall("budget"):
            start, end = self.period(item)
            activity.budgets.append(
                r.Budget(
                    type=_attr(item, "type", "1"),
                    status=_attr(item, "status", "1"),
                    period_start=start,
                    period_end=end,
                    money=self.money(item.find("value")),
                )
            )
        for item in element.findall("planned-disbursement"):
            start, end = self.period(item)
            activity.planned_disbursements.append(
                r.PlannedDisbursement(
                    type=_attr(item, "type"),
                    period_start=start,
                    period_end=end,
                    money=self.money(item.find("value")),
                    provider_org=self.org(item.find("provider-org")),
                    receiver_org=self.org(item.find("receiver-org")),
                )
            )
        activity.transactions = [self.transaction(item) for item in element.findall("transaction")]
        return activity


# record lists of an activity, by the tag of the elements they come from (one record each):
# named like the relations their rows go to
SOURCE_LISTS = kept.ROW_TAGS


def _keep_sources(activity, element, root_lang):
    """Give the activity and each of its part records the element it comes from (``xml``), so
    that what the models do not hold is kept and re-published (``iati_publisher.kept``). The
    activity's default language is written on it when it came from the root."""
    if root_lang and element.get(XML_LANG) is None:
        element.set(XML_LANG, root_lang)
    activity.xml = kept.activity_source(element)
    for tag, name in SOURCE_LISTS.items():
        for record, item in zip(getattr(activity, name), element.findall(tag), strict=True):
            record.xml = kept.element_source(item)
