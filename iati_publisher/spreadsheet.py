"""Spreadsheet (XLSX) import of activities and of transactions of existing activities.

The template has an "Activities" sheet and a "Transactions" sheet: row 1 holds the column
keys (hidden), row 2 the column titles in the editor's language, data starts on row 3.
Empty cells never erase data: only filled cells change a field. Transactions are matched by
their reference, or by type, date, value and currency, so importing the same sheet twice adds
nothing. Any error (unknown code, bad date, unknown activity…) stops the whole import; the
messages give the sheet, row and column. Changes are saved with a revision: published when the
activity was live without pending draft changes (and the user may publish), else as a draft.

This module is the template (:func:`build_template`) and the reading of the cells (``_Reader``,
no SQL); :mod:`iati_publisher.spreadsheet_import` turns them into the importer's records,
previewed and written by the same ``importer.writer`` as an XML file.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from home.text import clean_text, spreadsheet_cell

from .validation import Problem
from .validation.resources import codelists

ACTIVITIES_SHEET, TRANSACTIONS_SHEET = "Activities", "Transactions"
SHEET_ALIASES = {"activities": ACTIVITIES_SHEET, "activités": ACTIVITIES_SHEET}
DATE_TYPES = {"planned_start": "1", "actual_start": "2", "planned_end": "3", "actual_end": "4"}

# (key, title, kind, codelist)
ACTIVITY_COLUMNS = [
    ("iati_identifier", _("IATI identifier"), "text", None),
    ("reporting_org", _("Reporting organisation identifier (new activities)"), "text", None),
    ("title_fr", _("Title (French)"), "text", None),
    ("title_en", _("Title (English)"), "text", None),
    ("description_fr", _("Description (French)"), "text", None),
    ("description_en", _("Description (English)"), "text", None),
    ("activity_status", _("Activity status (code)"), "code", "ActivityStatus"),
    ("planned_start", _("Planned start (YYYY-MM-DD)"), "date", None),
    ("actual_start", _("Actual start (YYYY-MM-DD)"), "date", None),
    ("planned_end", _("Planned end (YYYY-MM-DD)"), "date", None),
    ("actual_end", _("Actual end (YYYY-MM-DD)"), "date", None),
    ("default_currency", _("Default currency (XOF, EUR, USD…)"), "code", "Currency"),
    ("recipient_country", _("Recipient country (code, ML = Mali)"), "code", "Country"),
    ("sectors", _("DAC sectors (code:percentage; …)"), "sectors", None),
]
TRANSACTION_COLUMNS = [
    ("iati_identifier", _("IATI identifier of the activity"), "text", None),
    ("ref", _("Transaction reference"), "text", None),
    ("transaction_type", _("Transaction type (code)"), "code", "TransactionType"),
    ("transaction_date", _("Date (YYYY-MM-DD)"), "date", None),
    ("value", _("Amount"), "decimal", None),
    ("currency", _("Currency (empty = the activity's default)"), "code", "Currency"),
    ("value_date", _("Value date (empty = the date)"), "date", None),
    ("description", _("Description"), "text", None),
    ("provider_org_ref", _("Provider identifier"), "text", None),
    ("provider_org_name", _("Provider name"), "text", None),
    ("receiver_org_ref", _("Receiver identifier"), "text", None),
    ("receiver_org_name", _("Receiver name"), "text", None),
]
SCALAR_KEYS = [
    "title_fr",
    "title_en",
    "description_fr",
    "description_en",
    "activity_status",
    "default_currency",
    "recipient_country",
]

MSG_BAD_FILE = gettext_noop("The spreadsheet cannot be read: {error}")
MSG_NO_SHEET = gettext_noop("The spreadsheet has neither an Activities nor a Transactions sheet.")
MSG_BAD_DATE = gettext_noop("“{value}” is not a date (use YYYY-MM-DD).")
MSG_BAD_NUMBER = gettext_noop("“{value}” is not a number.")
MSG_BAD_CODE = gettext_noop("“{value}” is not a code of the {codelist} codelist.")
MSG_BAD_SECTORS = gettext_noop("Write the sectors as code:percentage separated by semicolons.")
MSG_SECTOR_SUM = gettext_noop("The sector percentages add up to {total}, not 100.")
MSG_REQUIRED = gettext_noop("This cell is required.")
MSG_UNKNOWN_ORG = gettext_noop("Unknown reporting organisation “{value}”: create it first.")
MSG_PREFIX = gettext_noop("The identifier must start with “{prefix}-”.")
MSG_DUPLICATE = gettext_noop("The activity “{value}” appears twice in this sheet.")
MSG_UNKNOWN_ACTIVITY = gettext_noop("No activity has the identifier “{value}”.")
MSG_NO_TITLE = gettext_noop("A new activity needs a title in French or in English.")


# -- template ---------------------------------------------------------------------------------
def _number(value):
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def activity_row(activity) -> dict:
    """The Activities-sheet cells of a stored activity (dates and sectors prefetched)."""
    row = {key: getattr(activity, key) for key in SCALAR_KEYS}
    row["iati_identifier"] = activity.iati_identifier
    row["reporting_org"] = activity.reporting_org.ref
    dates = {d.type: d.iso_date for d in activity.dates.all()}
    for key, kind in DATE_TYPES.items():
        row[key] = dates.get(kind)
    sectors = [s for s in activity.sectors.all() if s.vocabulary in ("", "1")]
    row["sectors"] = "; ".join(
        f"{s.code}:{_number(s.percentage)}" if s.percentage is not None else s.code for s in sectors
    )
    return row


def build_template(activities=()) -> bytes:
    """The XLSX template, column titles in the active language; with ``activities``, the
    Activities sheet lists them with their current values (to edit and re-import)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, columns in (
        (ACTIVITIES_SHEET, ACTIVITY_COLUMNS),
        (TRANSACTIONS_SHEET, TRANSACTION_COLUMNS),
    ):
        sheet = workbook.create_sheet(name)
        for index, (key, title, _kind, _codelist) in enumerate(columns, start=1):
            sheet.cell(row=1, column=index, value=key)
            cell = sheet.cell(row=2, column=index, value=str(title))
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDE7F0")
            sheet.column_dimensions[get_column_letter(index)].width = max(16, len(str(title)) + 2)
        sheet.row_dimensions[1].hidden = True
        sheet.freeze_panes = "A3"
        if name == ACTIVITIES_SHEET:
            for number, activity in enumerate(activities, start=3):
                values = activity_row(activity)
                for index, (key, *_rest) in enumerate(columns, start=1):
                    if values.get(key) not in (None, ""):
                        # formulas neutralised (imported titles may start with "=")
                        value = spreadsheet_cell(values[key])
                        sheet.cell(row=number, column=index, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- reading ----------------------------------------------------------------------------------
class _Reader:
    """Reads and converts the cells; ``errors``: the list its problems are added to."""

    def __init__(self, errors: list):
        self.errors = errors
        self.lists = codelists()

    def error(self, sheet, row, key, msgid, **params):
        self.errors.append(
            Problem(
                "error", "xlsx", f"{sheet}:{key}", msgid, params, line=row, xpath=f"{sheet}!{key}"
            )
        )

    def rows(self, sheet, columns):
        """(row number, {key: raw value}) of the filled rows of ``sheet``."""
        known = {key for key, *_rest in columns}
        keys = None
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number == 1:
                keys = [str(v).strip() if v is not None else "" for v in values]
                continue
            if number == 2 or keys is None:
                continue
            row = {}
            for key, value in zip(keys, values, strict=False):
                if key in known and value is not None and str(value).strip() != "":
                    row[key] = value
            if row:
                yield number, row

    def convert(self, sheet, number, row, columns):
        result = {}
        for key, _title, kind, codelist in columns:
            if key not in row:
                continue
            raw = row[key]
            value = getattr(self, f"to_{kind}")(raw)
            if value is None:
                msgid = MSG_BAD_DATE if kind == "date" else MSG_BAD_NUMBER
                if kind == "sectors":
                    msgid = MSG_BAD_SECTORS
                self.error(sheet, number, key, msgid, value=str(raw))
                continue
            if codelist:
                target = self.lists.get(codelist)
                if (
                    target
                    and target.complete
                    and (value not in target.codes or value in target.withdrawn)
                ):
                    self.error(sheet, number, key, MSG_BAD_CODE, value=value, codelist=codelist)
                    continue
            if kind == "sectors":
                dac = self.lists["Sector"]
                bad = [
                    code for code, _pct in value if code not in dac.codes or code in dac.withdrawn
                ]
                if bad:
                    self.error(sheet, number, key, MSG_BAD_CODE, value=bad[0], codelist="Sector")
                    continue
                total = sum(pct for _code, pct in value)
                if total != 100:
                    self.error(sheet, number, key, MSG_SECTOR_SUM, total=f"{total:g}")
                    continue
            result[key] = value
        return result

    @staticmethod
    def to_text(raw):
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        return clean_text(str(raw)).strip()

    to_code = to_text

    @staticmethod
    def to_date(raw):
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        text = str(raw).strip()
        for parse in (dt.date.fromisoformat, lambda t: dt.datetime.strptime(t, "%d/%m/%Y").date()):
            try:
                return parse(text[:10])
            except ValueError:
                continue
        return None

    @staticmethod
    def to_decimal(raw):
        if isinstance(raw, int | float | Decimal):
            return Decimal(str(raw)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        text = (
            str(raw).replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
        )
        try:
            return Decimal(text).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        except InvalidOperation:
            return None

    @classmethod
    def to_sectors(cls, raw):
        result = []
        for part in str(raw).split(";"):
            if not part.strip():
                continue
            code, _sep, pct = part.partition(":")
            number = cls.to_decimal(pct) if pct.strip() else Decimal(100)
            if not code.strip() or number is None:
                return None
            result.append((code.strip(), number))
        return result or None


MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
MSG_TOO_BIG = gettext_noop(
    "The spreadsheet expands to more than {limit} MB once decompressed: split it into "
    "smaller files."
)


def _zip_problem(path):
    """A message id when the XLSX (a zip) would decompress to too much data, else None."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if total > MAX_UNCOMPRESSED or (info.file_size > 10_000_000 and ratio > MAX_RATIO):
                    return MSG_TOO_BIG
    except (zipfile.BadZipFile, OSError):
        return None  # openpyxl says what is wrong
    return None


def _open_workbook(path, errors):
    problem = _zip_problem(path)
    if problem:
        errors.append(
            Problem("error", "xlsx", "file", problem, {"limit": MAX_UNCOMPRESSED // 2**20})
        )
        return None
    try:
        # openpyxl parses the XML parts with defusedxml when it is installed (requirements)
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook
        errors.append(Problem("error", "xlsx", "file", MSG_BAD_FILE, {"error": str(exc)}))
        return None


def _sheet(workbook, name):
    for sheet_name in workbook.sheetnames:
        if SHEET_ALIASES.get(sheet_name.strip().lower(), sheet_name.strip()) == name:
            return workbook[sheet_name]
    return None
