"""The tables of each section of the figures, laid out once for HTML (dashboard, page, PDF)
and DOCX: ``section_tables(name, data)`` → a list of ``Table`` with translated headers and
formatted cells (strings) in the active language. No SQL.
"""

from dataclasses import dataclass, field

from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from .templatetags.report_tags import (
    amount,
    audience_label,
    edition_status_label,
    isodate,
    meeting_kind_label,
    pct,
)


@dataclass
class Table:
    caption: str
    headers: list
    rows: list = field(default_factory=list)  # [(cells, is_sub_row)]
    footer: list | None = None
    empty: str = ""


def _count_pct(count, percent):
    return f"{count} ({pct(percent)})"


def groups_tables(data):
    table = Table(
        _("Meetings held, participation and work-programme progress per group"),
        [
            _("Group"),
            _("Meetings held"),
            _("Last meeting"),
            _("Participation rate"),
            _("Activities"),
            pgettext("activities", "Done"),
            _("Late"),
        ],
        empty=_("No thematic group yet."),
    )
    for row in data["rows"]:
        table.rows.append(
            (
                [
                    f"{row['title']} ({row['acronym']})",
                    str(row["meetings"]),
                    isodate(row["last_meeting"]),
                    pct(row["attendance_pct"]),
                    str(row["activities"]) if row["has_programme"] else _("no programme"),
                    _count_pct(row["done"], row["done_pct"]),
                    _count_pct(row["late"], row["late_pct"]),
                ],
                row["subgroup"],
            )
        )
    totals = data["totals"]
    table.footer = [
        _("Total"),
        str(totals["meetings"]),
        "",
        pct(totals["attendance_pct"]),
        str(totals["activities"]),
        _count_pct(totals["done"], totals["done_pct"]),
        _count_pct(totals["late"], totals["late_pct"]),
    ]
    return [table]


def themes_tables(data):
    table = Table(
        _("Progress per priority theme"),
        [
            _("Priority theme"),
            _("Groups carrying it"),
            _("Activities"),
            pgettext("activities", "Done"),
            _("Late"),
            _("Last meeting that discussed it"),
        ],
        empty=_("No priority theme for this year."),
    )
    for row in data["rows"]:
        last = row["last_meeting"]
        table.rows.append(
            (
                [
                    row["title"],
                    ", ".join(group["acronym"] for group in row["groups"]) or "—",
                    str(row["activities"]),
                    _count_pct(row["done"], row["done_pct"]),
                    _count_pct(row["late"], row["late_pct"]),
                    f"{isodate(last['date'])} ({meeting_kind_label(last['kind'])})"
                    if last
                    else "—",
                ],
                False,
            )
        )
    return [table]


def documents_tables(data):
    table = Table(_("Documents put online per audience"), [_("Audience"), _("Documents")], empty="")
    for row in data["rows"]:
        table.rows.append(([str(audience_label(row["audience"])), str(row["count"])], False))
    table.footer = [_("Documents (an audience may share one)"), str(data["totals"]["documents"])]
    return [table]


def calendar_tables(data):
    online = Table(
        _("Reference reports put online"),
        [_("Report"), _("Edition"), _("Expected")],
        empty=_("None in this period."),
    )
    for row in data["online"]:
        online.rows.append(([row["series"], row["edition"], isodate(row["expected_date"])], False))
    late = Table(
        _("Reference reports still to acquire or put online"),
        [_("Report"), _("Edition"), _("Expected"), _("Status")],
        empty=_("No report."),
    )
    for row in data["late"]:
        late.rows.append(
            (
                [
                    row["series"],
                    row["edition"],
                    isodate(row["expected_date"]),
                    str(edition_status_label(row["status"])),
                ],
                False,
            )
        )
    return [online, late]


def iati_tables(data):
    english = (get_language() or "fr")[:2] == "en"
    organisations = Table(
        _("IATI activities per reporting organisation"),
        [_("Reporting organisation"), _("Published for the first time"), _("Updated")],
        empty=_("None in this period."),
    )
    for row in data["organisations"]:
        name = row["organisation_en"] if english else row["organisation"]
        organisations.rows.append(([name, str(row["published"]), str(row["updated"])], False))
    totals = data["totals"]
    organisations.footer = [_("Total"), str(totals["published"]), str(totals["updated"])]
    commitments = Table(
        _("Total commitments of these activities"),
        [_("Currency"), _("Commitments")],
        empty=_("No commitment."),
    )
    for row in data["commitments"]:
        commitments.rows.append(([row["currency"], amount(row["total"])], False))
    return [organisations, commitments]


TABLES = {
    "groups": groups_tables,
    "themes": themes_tables,
    "documents": documents_tables,
    "calendar": calendar_tables,
    "iati": iati_tables,
}


def section_tables(name, data):
    return TABLES[name](data)
