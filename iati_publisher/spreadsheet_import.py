"""The spreadsheet (XLSX) reader of the import pipeline: a workbook becomes the importer's
records (:mod:`importer.records`), previewed by ``writer.plan`` and written by ``writer.write``
exactly as an XML file's (same ``ImportPlan``, same bulk publication through Wagtail's
revisions, same drafts, same ``ActivityCheck`` handling).

See :mod:`iati_publisher.spreadsheet` for the template and its rules. How they are kept:

- empty cells never erase data: a row of a stored activity becomes a *partial* record
  (``records.Activity.stored`` = the activity's latest version, ``given`` = the record fields
  the sheet changes); the writer keeps every other field and part as stored
  (``importer.mapping``). The parts the sheet changes (dates, DAC sectors, transactions,
  recipient country) are listed from the stored rows, each record carrying its row
  (``stored``) with the filled cells applied on top, so nothing else of a row is lost;
- transactions are matched by reference, else by type, date, value and currency, among the
  stored ones and those the sheet added above: importing the same sheet twice adds nothing;
- a stored activity the sheet does not change is not written (action "unchanged");
- any error stops everything: :func:`apply_workbook` raises ``ImportRefused`` and writes
  nothing; :func:`preview_workbook` returns the problems instead of a plan.

Publication: a stored activity with unpublished changes, or not live, gets a draft revision (its
live version untouched); the others and new activities are published unless ``draft`` (the
upload's choice, forced for users without the publish permission).

SQL (preview and commit alike, whatever the number of rows): 1 SELECT of the stored activities
with their reporting organisation and latest revision (a draft's content is read from it,
``Activity.latest_version``), 1 prefetch per part relation (12), per editor's part (5) and of
the thematic groups, 1 of the reporting organisations; then ``writer.plan``'s or
``writer.write``'s.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from . import extra_parts, kept
from .importer import mapping, writer
from .importer import records as r
from .importer.parser import ImportRefused
from .models import Activity, ReportingOrganisation
from .spreadsheet import (
    ACTIVITIES_SHEET,
    ACTIVITY_COLUMNS,
    DATE_TYPES,
    MSG_DUPLICATE,
    MSG_NO_SHEET,
    MSG_NO_TITLE,
    MSG_PREFIX,
    MSG_REQUIRED,
    MSG_UNKNOWN_ACTIVITY,
    MSG_UNKNOWN_ORG,
    TRANSACTION_COLUMNS,
    TRANSACTIONS_SHEET,
    _open_workbook,
    _Reader,
    _sheet,
)
from .validation import Problem

TX_FIELDS = [key for key, *_rest in TRANSACTION_COLUMNS if key != "iati_identifier"]
TX_REQUIRED = ("transaction_type", "transaction_date", "value")
# sheet column -> the record field it gives
GIVES = {
    "title_fr": "title",
    "title_en": "title",
    "description_fr": "descriptions",
    "description_en": "descriptions",
    "activity_status": "activity_status",
    "default_currency": "default_currency",
    "recipient_country": "recipient_countries",
    "sectors": "sectors",
    **dict.fromkeys(DATE_TYPES, "dates"),
}
DATE_KEYS = {kind: key for key, kind in DATE_TYPES.items()}
PARTS = ("dates", "sectors", "recipient_countries", "transactions")
# every part of the stored activities, loaded before writing: the partial records' copies are
# made from these (the bulk writer deletes the stored rows before it maps the records)
PREFETCH = (*writer.RELATIONS, *extra_parts.RELATIONS, "thematic_groups")


def _dac(sector) -> bool:
    return sector.vocabulary in ("", "1")


def _texts(fr, en) -> dict:
    return {lang: text for lang, text in (("fr", fr), ("en", en)) if text}


def _sector_key(pair):
    return pair[0], str(pair[1])


class _SheetActivity:
    """One activity as the sheet leaves it: the stored values of the sheet's columns with the
    filled cells applied (``values``), the transactions likewise (``transactions``: [(values,
    stored row or None)]), the record fields that change (``given``)."""

    def __init__(self, identifier, line, reporting_org, base=None):
        self.identifier, self.line, self.base = identifier, line, base
        self.reporting_org = reporting_org
        self.values, self.given, self.transactions = {}, set(), []
        if base is not None:
            for key in ("title_fr", "title_en", "description_fr", "description_en"):
                self.values[key] = getattr(base, key) or ""
            for key in ("activity_status", "default_currency", "recipient_country"):
                self.values[key] = getattr(base, key) or ""
            dates = {}
            for row in base.dates.all():
                dates.setdefault(row.type, row.iso_date)
            for key, kind in DATE_TYPES.items():
                self.values[key] = dates.get(kind)
            self.values["sectors"] = [(s.code, s.percentage) for s in base.sectors.all() if _dac(s)]
            self.transactions = [
                ({key: getattr(row, key) for key in TX_FIELDS}, row)
                for row in base.transactions.all()
            ]

    def apply(self, values) -> None:
        """The filled cells of the Activities row (converted) over the stored values."""
        for key, value in values.items():
            if key not in GIVES:
                continue
            stored = self.values.get(key)
            if key == "sectors":
                same = sorted(stored or [], key=_sector_key) == sorted(value, key=_sector_key)
            else:
                same = (stored or "") == value
            if not same:
                self.values[key] = value
                self.given.add(GIVES[key])

    def add_transaction(self, reader, number, values) -> None:
        index = _match(self.transactions, values)
        if index is None:
            missing = [key for key in TX_REQUIRED if key not in values]
            for key in missing:
                reader.error(TRANSACTIONS_SHEET, number, key, MSG_REQUIRED)
            if missing:
                return
            new = dict.fromkeys(TX_FIELDS, "")
            new.update({key: values[key] for key in TX_FIELDS if key in values})
            new["value_date"] = values.get("value_date") or values["transaction_date"]
            self.transactions.append((new, None))
            self.given.add("transactions")
            return
        current, _stored = self.transactions[index]
        diff = {
            key: values[key] for key in TX_FIELDS if key in values and current[key] != values[key]
        }
        if diff:
            current.update(diff)
            self.given.add("transactions")

    @property
    def changed(self) -> bool:
        return self.base is None or bool(self.given)

    def record(self) -> r.Activity:
        """The importer's record: whole for a new activity, partial for a stored one."""
        v, base = self.values, self.base
        record = r.Activity(
            self.identifier,
            line=self.line,
            reporting_org=r.OrgRef(ref=self.reporting_org),
            title=_texts(v.get("title_fr"), v.get("title_en")),
            activity_status=v.get("activity_status", ""),
            default_currency=v.get("default_currency", ""),
            stored=base,
            given=frozenset(self.given),
        )
        description = _texts(v.get("description_fr"), v.get("description_en"))
        record.descriptions = [("1", description)] if description else []
        if v.get("recipient_country"):
            code = v["recipient_country"]
            row = next((c for c in self._stored("recipient_countries") if c.code == code), None)
            percentage = row.percentage if row else Decimal(100)
            record.recipient_countries = [r.RecipientCountry(code, percentage, stored=row)]
        record.dates = self._dates(self._stored("dates"))
        sectors = self._stored("sectors")
        record.sectors = [
            r.Sector(s.code, s.vocabulary, percentage=s.percentage, stored=s)
            for s in sectors
            if not _dac(s)
        ]
        by_code = {s.code: s for s in sectors if _dac(s)}
        for code, percentage in v.get("sectors") or []:
            row = by_code.get(code)
            vocabulary = row.vocabulary if row else "1"
            record.sectors.append(r.Sector(code, vocabulary, percentage=percentage, stored=row))
        record.transactions = [_transaction(values, row) for values, row in self.transactions]
        return record

    def _stored(self, relation):
        return list(getattr(self.base, relation).all()) if self.base is not None else []

    def _dates(self, stored):
        result, seen = [], set()
        for row in stored:  # the first date of each type is the sheet's column
            key = DATE_KEYS.get(row.type)
            date = self.values[key] if key and row.type not in seen else row.iso_date
            seen.add(row.type)
            result.append(r.ActivityDate(row.type, date, stored=row))
        for key, kind in DATE_TYPES.items():
            if kind not in seen and self.values.get(key):
                result.append(r.ActivityDate(kind, self.values[key]))
        return result


def _org(ref, name):
    if not (ref or name):
        return None
    return r.OrgRef(ref=ref or "", name={"fr": name} if name else {})


def _transaction(values, stored) -> r.Transaction:
    record = r.Transaction(
        values["transaction_type"],
        values["transaction_date"],
        money=r.Money(values["value"], values["currency"] or "", values["value_date"]),
        ref=values["ref"] or "",
        description={"fr": values["description"]} if values["description"] else {},
        provider_org=_org(values["provider_org_ref"], values["provider_org_name"]),
        receiver_org=_org(values["receiver_org_ref"], values["receiver_org_name"]),
        stored=stored,
    )
    if stored is not None and (stored.sector_code or stored.sector_vocabulary):
        record.sectors = [r.Sector(stored.sector_code, stored.sector_vocabulary)]
    return record


def _match(rows, values):
    """Index of the transaction the row designates among ``rows`` (by ref, else by content)."""
    ref = values.get("ref")
    if ref:
        for index, (row, _stored) in enumerate(rows):
            if row["ref"] == ref:
                return index
    if all(key in values for key in TX_REQUIRED):
        for index, (row, _stored) in enumerate(rows):
            if (
                row["transaction_type"] == values["transaction_type"]
                and row["transaction_date"] == values["transaction_date"]
                and row["value"] == values["value"]
                and (row["currency"] or "") == values.get("currency", "")
            ):
                return index
    return None


@dataclass
class SheetRead:
    """What a workbook says: the records of the activities it changes, the plan rows of those
    it does not change, the identifiers to save as drafts, the problems (any: nothing done)."""

    records: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    drafts: set = field(default_factory=set)
    errors: list = field(default_factory=list)


def _rows(path, errors):
    workbook = _open_workbook(path, errors)
    if workbook is None:
        return {}, []
    reader = _Reader(errors)
    activity_sheet = _sheet(workbook, ACTIVITIES_SHEET)
    transaction_sheet = _sheet(workbook, TRANSACTIONS_SHEET)
    if activity_sheet is None and transaction_sheet is None:
        errors.append(Problem("error", "xlsx", "file", MSG_NO_SHEET))
    activity_rows, transaction_rows = {}, []
    if activity_sheet is not None:
        for number, row in reader.rows(activity_sheet, ACTIVITY_COLUMNS):
            values = reader.convert(ACTIVITIES_SHEET, number, row, ACTIVITY_COLUMNS)
            ident = values.get("iati_identifier")
            if not ident:
                reader.error(ACTIVITIES_SHEET, number, "iati_identifier", MSG_REQUIRED)
            elif ident in activity_rows:
                reader.error(
                    ACTIVITIES_SHEET, number, "iati_identifier", MSG_DUPLICATE, value=ident
                )
            else:
                activity_rows[ident] = (number, values)
    if transaction_sheet is not None:
        for number, row in reader.rows(transaction_sheet, TRANSACTION_COLUMNS):
            values = reader.convert(TRANSACTIONS_SHEET, number, row, TRANSACTION_COLUMNS)
            if not values.get("iati_identifier"):
                reader.error(TRANSACTIONS_SHEET, number, "iati_identifier", MSG_REQUIRED)
            else:
                transaction_rows.append((number, values))
    workbook.close()
    return activity_rows, transaction_rows


def _new_activity_error(ident, values, orgs):
    """(column, message id, params) of what keeps a new activity out, else None."""
    org_ref = values.get("reporting_org")
    if not org_ref:
        return "reporting_org", MSG_REQUIRED, {}
    if org_ref not in orgs:
        return "reporting_org", MSG_UNKNOWN_ORG, {"value": org_ref}
    if not ident.startswith(org_ref + "-"):
        return "iati_identifier", MSG_PREFIX, {"prefix": org_ref}
    if not (values.get("title_fr") or values.get("title_en")):
        return "title_fr", MSG_NO_TITLE, {}
    return None


def read_workbook(path, draft=False) -> SheetRead:
    """Read the workbook at ``path`` against the stored activities. Writes nothing."""
    result = SheetRead()
    reader = _Reader(result.errors)
    activity_rows, transaction_rows = _rows(path, result.errors)
    identifiers = set(activity_rows) | {
        values["iati_identifier"] for _n, values in transaction_rows
    }
    stored = {
        a.iati_identifier: a
        for a in Activity.objects.filter(iati_identifier__in=identifiers)
        .select_related("reporting_org", "latest_revision")
        .prefetch_related(*PREFETCH)
    }
    org_refs = {values.get("reporting_org") for _n, values in activity_rows.values()}
    orgs = set(ReportingOrganisation.objects.filter(ref__in=org_refs).values_list("ref", flat=True))
    sheets = {}

    def stored_activity(ident, line):
        row = stored[ident]
        if draft or row.has_unpublished_changes or not row.live:
            result.drafts.add(ident)
        return _SheetActivity(ident, line, row.reporting_org.ref, row.latest_version())

    for ident, (number, values) in activity_rows.items():
        if ident in stored:
            sheets[ident] = stored_activity(ident, number)
            sheets[ident].apply(values)
            continue
        problem = _new_activity_error(ident, values, orgs)
        if problem:
            key, msgid, params = problem
            reader.error(ACTIVITIES_SHEET, number, key, msgid, **params)
            continue
        sheets[ident] = _SheetActivity(ident, number, values["reporting_org"])
        sheets[ident].apply(values)
        if draft:
            result.drafts.add(ident)
    for number, values in transaction_rows:
        ident = values["iati_identifier"]
        if ident not in sheets and ident in stored:
            sheets[ident] = stored_activity(ident, None)
        if ident not in sheets:
            reader.error(
                TRANSACTIONS_SHEET, number, "iati_identifier", MSG_UNKNOWN_ACTIVITY, value=ident
            )
            continue
        sheets[ident].add_transaction(reader, number, values)
    for ident, sheet in sheets.items():
        if sheet.changed:
            result.records.append(sheet.record())
        else:
            title = sheet.values.get("title_fr") or sheet.values.get("title_en")
            result.unchanged.append(
                writer.ActivityChange(ident, title, "unchanged", sheet.reporting_org, sheet.line)
            )
    result.drafts &= {record.identifier for record in result.records}
    return result


def _edited(record) -> dict:
    """{relation: rows new or changed} of the parts a partial record gives."""
    kids = mapping.children(record, {})
    result = {}
    for relation in PARTS:
        if relation not in record.given:
            continue
        stored = Counter(kept.digest(row) for row in getattr(record.stored, relation).all())
        count = 0
        for row in kids[relation]:
            key = kept.digest(row)
            if stored[key]:
                stored[key] -= 1
            else:
                count += 1
        result[relation] = count
    return result


def preview_workbook(path, draft=False):
    """(ImportPlan, []) — what importing the workbook would do, the same plan as an XML
    file's — or (None, problems). Writes nothing."""
    read = read_workbook(path, draft)
    if read.errors:
        return None, read.errors
    plan = writer.plan(r.ParsedFile(version="2.03", activities=read.records))
    by_ident = {record.identifier: record for record in read.records}
    for change in plan.changes:
        record = by_ident[change.identifier]
        change.as_draft = change.identifier in read.drafts
        if record.stored is not None:
            change.edited = _edited(record)
    plan.changes.extend(read.unchanged)
    return plan, []


def apply_workbook(path, *, user=None, draft=False) -> writer.WriteResult:
    """Re-read the workbook and write it through the importer's writer in one transaction
    (published records in bulk, drafts with a revision each); ``ImportRefused`` on any error."""
    read = read_workbook(path, draft)
    if read.errors:
        raise ImportRefused(read.errors)
    published = [record for record in read.records if record.identifier not in read.drafts]
    drafts = [record for record in read.records if record.identifier in read.drafts]
    result = writer.WriteResult()
    with transaction.atomic():
        for records, as_draft in ((published, False), (drafts, True)):
            if records:
                done = writer.write(
                    r.ParsedFile(version="2.03", activities=records), draft=as_draft, user=user
                )
                result.created += done.created
                result.updated += done.updated
    return result
