"""Plain records of an IATI 2.03 activity file, independent of the database models.

Narratives are ``{language: text}`` dictionaries; a narrative without ``xml:lang`` takes the
activity's default language (``xml:lang`` of ``iati-activity``, else of the root, else "en").
Amounts are ``Decimal``, dates ``datetime.date``.

Partial records (the spreadsheet reader's, :mod:`iati_publisher.spreadsheet_import`): a record
built from a stored row carries it in ``stored``. For an ``Activity`` it means "update this
stored activity (its latest version) with the fields named in ``given`` only; keep everything
else" (empty cells never erase data); for a date, sector, recipient country or transaction,
"this is that stored row, with the record's fields": ``mapping`` then starts from a copy of
the row, so what the record type cannot carry (the kept XML source, fields the importer does
not map) is kept. The stored activity's rows must be loaded (prefetched) with it: the bulk
writer deletes the stored rows before it maps the records. The parser never sets ``stored``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from iati_publisher.kept_source import ROW_TAGS

Narratives = dict  # {language code: text}


@dataclass
class OrgRef:
    """An organisation as cited in an activity (reporting, participating, provider, receiver)."""

    ref: str = ""
    type: str = ""
    name: Narratives = field(default_factory=dict)
    role: str = ""  # participating-org only
    activity_id: str = ""
    crs_channel_code: str = ""


@dataclass
class ActivityDate:
    type: str
    date: dt.date | None
    narratives: Narratives = field(default_factory=dict)
    stored: object = None  # the stored row this record stands for (partial records)


@dataclass
class Sector:
    code: str
    vocabulary: str = "1"
    vocabulary_uri: str = ""
    percentage: Decimal | None = None
    narratives: Narratives = field(default_factory=dict)
    stored: object = None  # the stored row this record stands for (partial records)


@dataclass
class RecipientCountry:
    code: str
    percentage: Decimal | None = None
    narratives: Narratives = field(default_factory=dict)
    stored: object = None  # the stored row this record stands for (partial records)


@dataclass
class RecipientRegion:
    code: str
    vocabulary: str = "1"
    percentage: Decimal | None = None
    narratives: Narratives = field(default_factory=dict)


@dataclass
class Administrative:
    code: str
    vocabulary: str = ""
    level: str = ""


@dataclass
class Location:
    ref: str = ""
    name: Narratives = field(default_factory=dict)
    description: Narratives = field(default_factory=dict)
    activity_description: Narratives = field(default_factory=dict)
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    srs_name: str = ""
    administratives: list[Administrative] = field(default_factory=list)
    location_reach: str = ""
    exactness: str = ""
    location_class: str = ""
    feature_designation: str = ""
    location_ids: list[tuple[str, str]] = field(default_factory=list)  # (vocabulary, code)


@dataclass
class Money:
    value: Decimal | None = None
    currency: str = ""  # "" = the activity's default currency
    value_date: dt.date | None = None


@dataclass
class Budget:
    type: str = "1"
    status: str = "1"
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    money: Money = field(default_factory=Money)


@dataclass
class PlannedDisbursement:
    type: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    money: Money = field(default_factory=Money)
    provider_org: OrgRef | None = None
    receiver_org: OrgRef | None = None


@dataclass
class Transaction:
    type: str
    date: dt.date | None
    money: Money = field(default_factory=Money)
    ref: str = ""
    humanitarian: bool | None = None
    description: Narratives = field(default_factory=dict)
    provider_org: OrgRef | None = None
    receiver_org: OrgRef | None = None
    disbursement_channel: str = ""
    sectors: list[Sector] = field(default_factory=list)
    recipient_country: RecipientCountry | None = None
    recipient_region: RecipientRegion | None = None
    flow_type: str = ""
    finance_type: str = ""
    aid_types: list[tuple[str, str]] = field(default_factory=list)  # (vocabulary, code)
    tied_status: str = ""
    stored: object = None  # the stored row this record stands for (partial records)


@dataclass
class DocumentLink:
    url: str
    format: str = ""
    title: Narratives = field(default_factory=dict)
    description: Narratives = field(default_factory=dict)
    categories: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    document_date: dt.date | None = None


@dataclass
class Contact:
    type: str = ""
    organisation: Narratives = field(default_factory=dict)
    department: Narratives = field(default_factory=dict)
    person_name: Narratives = field(default_factory=dict)
    job_title: Narratives = field(default_factory=dict)
    telephone: str = ""
    email: str = ""
    website: str = ""
    mailing_address: Narratives = field(default_factory=dict)


@dataclass
class IndicatorPeriod:
    start: dt.date | None = None
    end: dt.date | None = None
    target: str = ""  # value attribute as given (numeric or not)
    target_comment: Narratives = field(default_factory=dict)
    actual: str = ""
    actual_comment: Narratives = field(default_factory=dict)


@dataclass
class Indicator:
    measure: str = "1"
    ascending: bool = True
    title: Narratives = field(default_factory=dict)
    description: Narratives = field(default_factory=dict)
    baseline_year: int | None = None
    baseline_date: dt.date | None = None
    baseline_value: str = ""
    baseline_comment: Narratives = field(default_factory=dict)
    periods: list[IndicatorPeriod] = field(default_factory=list)


@dataclass
class Result:
    type: str = ""
    aggregation_status: bool | None = None
    title: Narratives = field(default_factory=dict)
    description: Narratives = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class Activity:
    """One ``iati-activity``: the fields the publisher stores, plus its line in the file."""

    identifier: str
    line: int | None = None
    default_language: str = ""
    default_currency: str = ""
    hierarchy: str = ""
    humanitarian: bool | None = None
    last_updated: dt.datetime | None = None
    reporting_org: OrgRef = field(default_factory=OrgRef)
    title: Narratives = field(default_factory=dict)
    descriptions: list[tuple[str, Narratives]] = field(default_factory=list)  # (type, text)
    participating_orgs: list[OrgRef] = field(default_factory=list)
    activity_status: str = ""
    activity_scope: str = ""
    dates: list[ActivityDate] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    recipient_countries: list[RecipientCountry] = field(default_factory=list)
    recipient_regions: list[RecipientRegion] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    sectors: list[Sector] = field(default_factory=list)
    collaboration_type: str = ""
    default_flow_type: str = ""
    default_finance_type: str = ""
    default_aid_types: list[tuple[str, str]] = field(default_factory=list)
    default_tied_status: str = ""
    budgets: list[Budget] = field(default_factory=list)
    planned_disbursements: list[PlannedDisbursement] = field(default_factory=list)
    transactions: list[Transaction] = field(default_factory=list)
    document_links: list[DocumentLink] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    related_activities: list[tuple[str, str]] = field(default_factory=list)  # (type, ref)
    # partial record: the stored activity (latest version) and the names of the fields above
    # the record gives (``title``, ``dates``, ``transactions``…); every other one is kept
    stored: object = None
    given: frozenset = frozenset()

    @property
    def description(self) -> Narratives:
        """The general description (type 1, or the first one)."""
        for kind, text in self.descriptions:
            if kind in ("", "1"):
                return text
        return self.descriptions[0][1] if self.descriptions else {}

    def date_of(self, kind: str) -> dt.date | None:
        for item in self.dates:
            if item.type == kind:
                return item.date
        return None

    def currency_of(self, money: Money) -> str:
        return money.currency or self.default_currency


@dataclass
class Organisation:
    """One ``iati-organisation`` of an organisation file (stored as a reporting organisation)."""

    ref: str
    line: int | None = None
    name: Narratives = field(default_factory=dict)
    type: str = ""
    default_currency: str = ""


@dataclass
class ParsedFile:
    version: str
    generated: str = ""
    activities: list[Activity] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    report: object = None  # validation.Report
    rejected: dict = field(default_factory=dict)  # {position in the file: [Problem]}
    upgraded: dict = field(default_factory=dict)  # {version: number of activities upgraded}
    count: int = 0  # activities read (all in ``activities`` unless handed to a ``sink``)

    @property
    def rejected_problems(self):
        return [p for index in sorted(self.rejected) for p in self.rejected[index]]


def row_count(activity: Activity) -> int:
    """The part rows an activity record makes (its elements kept as rows: ``kept.ROW_TAGS``,
    whose names are the record's lists): what sizes a chunk of the write stage."""
    return sum(len(getattr(activity, name, None) or ()) for name in ROW_TAGS.values())
