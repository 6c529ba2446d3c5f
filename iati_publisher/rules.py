"""The error-level rules of the IATI ruleset (``rulesets/standard.json``) on editable data.

Each rule appends ``Problem`` objects naming the field and inline row to correct; the rule ids are
those of the official ruleset. They run before the export (an activity they refuse may not even
export: no start date, a row half filled) and say what to correct in the editor's words; the
official engine then runs on the XML (``checks``) and adds what they do not cover.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from .checks import ERROR, WARNING, Problem, as_date, percentage_sums
from .export import _num

HUNDRED = Decimal(100)
MAX_BUDGET_DAYS = 366


def check_rules(activity, parts, problems, today):
    def add(rule, message, field=None, relation=None, index=None, severity=ERROR):
        problems.append(
            Problem(severity, rule, "", message, field=field, relation=relation, index=index)
        )

    _identity(activity, add)
    _dates(parts.get("dates", []), add, today)
    _geography(activity, parts, add)
    _sectors(parts, add)
    _money(activity, parts, add, today)
    _organisations(parts, add)
    _results(parts.get("results", []), add)
    _narratives(parts.get("narratives", []), add)
    _warnings(activity, parts, add)


def _identity(activity, add):
    org = getattr(activity, "reporting_org", None) if activity.reporting_org_id else None
    identifier = activity.iati_identifier or ""
    if org is not None and not identifier.startswith(f"{org.ref}-"):
        add(
            "1.1.21",
            _("The IATI identifier must start with the reporting organisation's identifier "
              "followed by a hyphen: “%(prefix)s-…”.") % {"prefix": org.ref},
            "iati_identifier",
        )  # fmt: skip
    for char in "/&|?":
        if char in identifier:
            add(
                "1.3.13",
                _("The IATI identifier must not contain the character “%(char)s”.")
                % {"char": char},
                "iati_identifier",
            )
    if not (activity.title_fr or activity.title_en):
        add("narrative", _("Give a title, in French or in English."), "title_fr")
    if not (activity.description_fr or activity.description_en):
        add("narrative", _("Give a description, in French or in English."), "description_fr")


def _narratives(rows, add):
    """The texts of the title and descriptions (a narrative has a text; a description a type)."""
    for i, row in enumerate(rows):
        if not (row.text or "").strip():
            add("narrative", _("Write the text of this narrative."), "text", "narratives", i)
        if row.element == "description" and not row.description_type:
            add(
                "narrative",
                _("Choose the type of this description."),
                "description_type",
                "narratives",
                i,
            )


def _dates(dates, add, today):
    by_type = {}
    for i, d in enumerate(dates):
        if d.iso_date is None:
            continue
        by_type.setdefault(d.type, (i, d.iso_date))
        if d.type in ("2", "4") and d.iso_date > today:
            add(
                "11.1.4" if d.type == "2" else "11.1.5",
                _("An actual date cannot be in the future; use a planned date instead."),
                "iso_date",
                "dates",
                i,
            )
    if "1" not in by_type and "2" not in by_type:
        add("6.11.1", _("Give a planned or actual start date."), None, "dates")
    for start, end, rule in (("1", "3", "11.1.2"), ("2", "4", "11.1.3")):
        if start in by_type and end in by_type and by_type[start][1] > by_type[end][1]:
            add(
                rule,
                _("The end date must be after the start date (%(start)s).")
                % {"start": by_type[start][1].isoformat()},
                "iso_date",
                "dates",
                by_type[end][0],
            )


def _percent_rows(rows, relation, add, rule):
    for i, row in enumerate(rows):
        if row.percentage is not None and not (0 <= row.percentage <= HUNDRED):
            add(rule, _("A percentage is between 0 and 100."), "percentage", relation, i)


def _geography(activity, parts, add):
    countries = parts.get("recipient_countries", [])
    regions = parts.get("recipient_regions", [])
    _percent_rows(countries, "recipient_countries", add, "12.1.1")
    _percent_rows(regions, "recipient_regions", add, "12.1.1")
    rows = countries + regions
    if len(rows) > 1:
        total = sum((r.percentage or Decimal(0)) for r in rows)
        if total != HUNDRED:
            message = _(
                "The percentages of the recipient countries and regions add up to %(total)s; "
                "they must add up to 100."
            ) % {"total": _num(total)}
            relation = "recipient_countries" if countries else "recipient_regions"
            add("3.1.1", message, None, relation)
    elif len(rows) == 1 and rows[0].percentage not in (None, HUNDRED):
        relation = "recipient_countries" if countries else "recipient_regions"
        add("3.1.2", _("A single recipient must have 100 percent."), "percentage", relation, 0)


def _sectors(parts, add):
    sectors = parts.get("sectors", [])
    transactions = parts.get("transactions", [])
    _percent_rows(sectors, "sectors", add, "12.3.1")
    sums, counts = percentage_sums(sectors, lambda s: s.vocabulary or "1")
    for vocabulary, total in sums.items():
        if counts[vocabulary] > 1 and total != HUNDRED:
            add(
                "2.1.2",
                _("The percentages of the sectors of vocabulary %(vocabulary)s add up to "
                  "%(total)s; they must add up to 100.")
                % {"vocabulary": vocabulary, "total": _num(total)},
                None,
                "sectors",
            )  # fmt: skip
        elif counts[vocabulary] == 1:
            i, row = next(
                (i, s) for i, s in enumerate(sectors) if (s.vocabulary or "1") == vocabulary
            )
            if row.percentage not in (None, HUNDRED):
                add(
                    "2.1.2", _("A single sector must have 100 percent."), "percentage", "sectors", i
                )
    with_sector = [t for t in transactions if t.sector_code]
    if sectors and with_sector:
        for i, t in enumerate(transactions):
            if t.sector_code:
                add(
                    "6.6.2",
                    _("Sectors are given for the activity: remove the sector of the transaction."),
                    "sector_code",
                    "transactions",
                    i,
                )
    elif with_sector and len(with_sector) < len(transactions):
        for i, t in enumerate(transactions):
            if not t.sector_code:
                add(
                    "6.7.2",
                    _("When sectors are given per transaction, every transaction needs one."),
                    "sector_code",
                    "transactions",
                    i,
                )
    elif not sectors and not with_sector:
        add("6.2.2", _("Give at least one sector."), None, "sectors")


def _money(activity, parts, add, today):
    for relation in ("budgets", "planned_disbursements", "transactions"):
        for i, row in enumerate(parts.get(relation, [])):
            if not row.currency and not activity.default_currency:
                add(
                    "7.8.1",
                    _("Give a currency, here or as the activity's default currency."),
                    "currency",
                    relation,
                    i,
                )
    for relation in ("budgets", "planned_disbursements"):
        for i, row in enumerate(parts.get(relation, [])):
            start, end = as_date(row.period_start), as_date(row.period_end)
            if start and end and start > end:
                add("8.6.3", _("The period must end after it starts."), "period_end", relation, i)
            elif relation == "budgets" and start and end and (end - start).days > MAX_BUDGET_DAYS:
                add(
                    "7.5.3",
                    _("A budget period must not be longer than one year; split it by year."),
                    "period_end",
                    relation,
                    i,
                )
    for i, t in enumerate(parts.get("transactions", [])):
        if t.transaction_date and as_date(t.transaction_date) > today:
            add(
                "11.2.1",
                _("A transaction cannot be dated in the future; record it as a planned "
                  "disbursement instead."),
                "transaction_date",
                "transactions",
                i,
            )  # fmt: skip
        if t.value_date and as_date(t.value_date) > today:
            add(
                "11.2.2",
                _("The value date of a transaction cannot be in the future."),
                "value_date",
                "transactions",
                i,
            )


def _organisations(parts, add):
    if not parts.get("participating_orgs"):
        add("6.10", _("Give at least one participating organisation."), None, "participating_orgs")
    for i, p in enumerate(parts.get("participating_orgs", [])):
        if not (p.ref or p.name or p.organisation_id):
            add(
                "6.10.1",
                _("Give the organisation's IATI identifier or its name."),
                "name",
                "participating_orgs",
                i,
            )


def _results(results, add):
    for i, result in enumerate(results):
        if not (result.title_fr or result.title_en):
            add("narrative", _("Give the result a title."), "title_fr", "results", i)
        if not any(b.block_type == "indicator" for b in result.indicators):
            add("result", _("A result needs at least one indicator."), "indicators", "results", i)


def _warnings(activity, parts, add):
    def warn(rule, message, field=None, relation=None):
        add(rule, message, field, relation, None, WARNING)

    if activity.title_fr and not activity.title_en:
        warn("narrative-en", _("The English title is missing."), "title_en")
    if activity.description_fr and not activity.description_en:
        warn("narrative-en", _("The English description is missing."), "description_en")
    if not parts.get("budgets"):
        warn("budget", _("No budget is given."), None, "budgets")
    if not parts.get("locations"):
        warn("location", _("No location is given: the activity will not appear on the map."))
    if not parts.get("transactions") and activity.activity_status in ("2", "3", "4"):
        warn("transaction", _("The activity is under way but has no transaction."))
    types = {d.type for d in parts.get("dates", [])}
    if activity.activity_status in ("3", "4") and "4" not in types:
        warn("date-end", _("The activity is finished: give its actual end date."), None, "dates")


__all__ = ["check_rules"]
