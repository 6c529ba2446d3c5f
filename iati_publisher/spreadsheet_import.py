"""Preview (``plan_workbook``) and commit (``apply_workbook``) of a spreadsheet import.

See :mod:`iati_publisher.spreadsheet` for the template and the rules (empty cells never erase
data, transactions matched so a re-import adds nothing, any error stops everything).
"""

from __future__ import annotations

from django.db import transaction

from .importer.parser import ImportRefused
from .models import Activity, ActivityCheck, ActivityDate, ActivitySector, ReportingOrganisation
from .models import Transaction as TransactionRow
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
    SCALAR_KEYS,
    TRANSACTION_COLUMNS,
    TRANSACTIONS_SHEET,
    SheetChange,
    SheetPlan,
    _open_workbook,
    _Reader,
    _sheet,
)
from .validation import Problem

TX_FIELDS = [key for key, *_rest in TRANSACTION_COLUMNS if key != "iati_identifier"]
TX_REQUIRED = ("transaction_type", "transaction_date", "value")


def latest_version(activity):
    """The activity as last saved (its draft revision when it has unpublished changes)."""
    if activity.has_unpublished_changes and activity.latest_revision_id:
        return activity.latest_revision.as_object()
    return activity


def _read(path, plan):
    workbook = _open_workbook(path, plan)
    if workbook is None:
        return {}, []
    reader = _Reader(plan)
    activity_sheet = _sheet(workbook, ACTIVITIES_SHEET)
    transaction_sheet = _sheet(workbook, TRANSACTIONS_SHEET)
    if activity_sheet is None and transaction_sheet is None:
        plan.errors.append(Problem("error", "xlsx", "file", MSG_NO_SHEET))
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


def _error(plan, sheet, number, key, msgid, **params):
    plan.errors.append(
        Problem(
            "error", "xlsx", f"{sheet}:{key}", msgid, params, line=number, xpath=f"{sheet}!{key}"
        )
    )


def plan_workbook(path, draft=False) -> SheetPlan:
    """What importing the workbook would change; errors in ``plan.errors``. Writes nothing."""
    plan = SheetPlan()
    activity_rows, transaction_rows = _read(path, plan)
    identifiers = set(activity_rows) | {
        values["iati_identifier"] for _n, values in transaction_rows
    }
    stored = Activity.objects.filter(iati_identifier__in=identifiers).select_related(
        "reporting_org", "latest_revision"
    )
    plan.versions = {a.iati_identifier: latest_version(a) for a in stored}
    org_refs = {values.get("reporting_org") for _n, values in activity_rows.values()}
    plan.orgs = {o.ref: o for o in ReportingOrganisation.objects.filter(ref__in=org_refs)}
    changes = {}
    for ident, (number, values) in activity_rows.items():
        current = plan.versions.get(ident)
        if current is None:
            change = _plan_new(plan, ident, number, values, draft)
        else:
            change = SheetChange(ident, "unchanged", _changed_fields(current, values))
            change.as_draft = draft or current.has_unpublished_changes or not current.live
            if change.fields:
                change.action = "update"
        if change is not None:
            changes[ident] = change
            plan.activity_rows[ident] = values
    pending = {}  # identifier -> transactions as they will be (stored ones, then new ones)
    for number, values in transaction_rows:
        ident = values["iati_identifier"]
        current = plan.versions.get(ident)
        if current is None and ident not in changes:
            _error(
                plan,
                TRANSACTIONS_SHEET,
                number,
                "iati_identifier",
                MSG_UNKNOWN_ACTIVITY,
                value=ident,
            )
            continue
        rows = pending.setdefault(ident, list(current.transactions.all()) if current else [])
        change = changes.setdefault(ident, SheetChange(ident, "unchanged"))
        if current is not None and change.action == "unchanged":
            change.as_draft = draft or current.has_unpublished_changes or not current.live
        index = _match(rows, values)
        if index is None:
            missing = [key for key in TX_REQUIRED if key not in values]
            for key in missing:
                _error(plan, TRANSACTIONS_SHEET, number, key, MSG_REQUIRED)
            if missing:
                continue
            rows.append(_new_transaction(values))
            change.transactions_added += 1
            plan.transaction_rows.append((ident, values, None))
        else:
            diff = [k for k in TX_FIELDS if k in values and getattr(rows[index], k) != values[k]]
            if diff:
                change.transactions_updated += 1
                plan.transaction_rows.append((ident, values, index))
        if change.action == "unchanged" and (
            change.transactions_added or change.transactions_updated
        ):
            change.action = "update"
    plan.changes = list(changes.values())
    return plan


def _plan_new(plan, ident, number, values, draft):
    org_ref = values.get("reporting_org")
    if not org_ref:
        _error(plan, ACTIVITIES_SHEET, number, "reporting_org", MSG_REQUIRED)
    elif org_ref not in plan.orgs:
        _error(plan, ACTIVITIES_SHEET, number, "reporting_org", MSG_UNKNOWN_ORG, value=org_ref)
    elif not ident.startswith(org_ref + "-"):
        _error(plan, ACTIVITIES_SHEET, number, "iati_identifier", MSG_PREFIX, prefix=org_ref)
    elif not (values.get("title_fr") or values.get("title_en")):
        _error(plan, ACTIVITIES_SHEET, number, "title_fr", MSG_NO_TITLE)
    else:
        fields = [k for k in values if k not in ("iati_identifier", "reporting_org")]
        return SheetChange(ident, "create", fields, as_draft=draft)
    return None


def _changed_fields(current, values):
    fields = [k for k in SCALAR_KEYS if k in values and (getattr(current, k) or "") != values[k]]
    dates = {d.type: d.iso_date for d in current.dates.all()}
    fields += [k for k, kind in DATE_TYPES.items() if k in values and dates.get(kind) != values[k]]
    if "sectors" in values:
        stored = sorted(
            (s.code, s.percentage) for s in current.sectors.all() if s.vocabulary in ("", "1")
        )
        if stored != sorted(values["sectors"]):
            fields.append("sectors")
    return fields


def _match(rows, values):
    """Index of the stored transaction the row designates (by ref, else by content)."""
    ref = values.get("ref")
    if ref:
        for index, row in enumerate(rows):
            if row.ref == ref:
                return index
    if all(key in values for key in TX_REQUIRED):
        for index, row in enumerate(rows):
            if (
                row.transaction_type == values["transaction_type"]
                and row.transaction_date == values["transaction_date"]
                and row.value == values["value"]
                and (row.currency or "") == values.get("currency", "")
            ):
                return index
    return None


def _new_transaction(values):
    row = TransactionRow(
        currency="", value_date=values.get("value_date") or values["transaction_date"]
    )
    for key in TX_FIELDS:
        if key in values:
            setattr(row, key, values[key])
    return row


class ApplyResult:
    def __init__(self, created=0, updated=0):
        self.created, self.updated = created, updated


def apply_workbook(path, *, user=None, draft=False) -> ApplyResult:
    """Re-read the workbook and apply it in one transaction; ImportRefused on any error."""
    plan = plan_workbook(path, draft=draft)
    if plan.errors:
        raise ImportRefused(plan.errors)
    result = ApplyResult()
    with transaction.atomic():
        for change in plan.changes:
            if change.action == "unchanged":
                continue
            _apply(plan, change, user)
            if change.action == "create":
                result.created += 1
            else:
                result.updated += 1
        touched = [c.identifier for c in plan.changes if c.action != "unchanged"]
        ActivityCheck.objects.filter(activity__iati_identifier__in=touched).delete()
    return result


def _apply(plan, change, user):
    values = plan.activity_rows.get(change.identifier, {})
    activity = plan.versions.get(change.identifier)
    is_new = activity is None
    if is_new:
        activity = Activity(
            iati_identifier=change.identifier,
            reporting_org=plan.orgs[values["reporting_org"]],
            live=False,
        )
    for key in SCALAR_KEYS:
        if key in values:
            setattr(activity, key, values[key])
    dates = list(activity.dates.all())
    for key, kind in DATE_TYPES.items():
        if key not in values:
            continue
        row = next((d for d in dates if d.type == kind), None)
        if row is None:
            dates.append(ActivityDate(type=kind, iso_date=values[key]))
        else:
            row.iso_date = values[key]
    activity.dates = dates
    if "sectors" in values:
        others = [s for s in activity.sectors.all() if s.vocabulary not in ("", "1")]
        activity.sectors = others + [
            ActivitySector(vocabulary="1", code=code, percentage=pct)
            for code, pct in values["sectors"]
        ]
    rows = list(activity.transactions.all())
    for ident, tx_values, index in plan.transaction_rows:
        if ident != change.identifier:
            continue
        if index is None:
            rows.append(_new_transaction(tx_values))
        else:
            for key in TX_FIELDS:
                if key in tx_values:
                    setattr(rows[index], key, tx_values[key])
    activity.transactions = rows
    if change.as_draft:
        if is_new or not activity.live:
            activity.live = False
            activity.save()
        activity.save_revision(user=user, log_action=True)
    else:
        activity.save()
        revision = activity.save_revision(user=user, log_action=True)
        revision.publish(user=user, skip_permission_checks=True)
