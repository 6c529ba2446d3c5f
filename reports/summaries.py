"""Short generated paragraphs that sum up each section of the figures, in the active language.

Used by the dashboard and to pre-fill a quarterly report's editable paragraphs. Plain text
(escaped by whoever renders it); no SQL.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _pct_text(value):
    return _("not measured") if value is None else f"{value} %"


def groups_summary(figures, label):
    totals = figures["groups"]["totals"]
    if not totals["meetings"]:
        meetings = _("No group meeting was held in %(period)s.") % {"period": label}
    else:
        meetings = ngettext(
            "In %(period)s, %(count)s meeting was held by %(groups)s group(s);",
            "In %(period)s, %(count)s meetings were held by %(groups)s group(s);",
            totals["meetings"],
        ) % {"period": label, "count": totals["meetings"], "groups": totals["groups_meeting"]}
        meetings += " " + _("the participation rate of member organisations was %(rate)s.") % {
            "rate": _pct_text(totals["attendance_pct"])
        }
    if not totals["activities"]:
        progress = _("No work-programme activity is recorded for the year.")
    else:
        progress = _(
            "Of the %(count)s activities of the groups' work programmes, %(done)s are done "
            "(%(done_pct)s) and %(late)s are late (%(late_pct)s)."
        ) % {
            "count": totals["activities"],
            "done": totals["done"],
            "done_pct": _pct_text(totals["done_pct"]),
            "late": totals["late"],
            "late_pct": _pct_text(totals["late_pct"]),
        }
    return f"{meetings} {progress}"


def themes_summary(figures, label):
    totals = figures["themes"]["totals"]
    if not totals["themes"]:
        return _("The PTF work programme of the year has no priority theme yet.")
    return ngettext(
        "The PTF work programme has %(count)s priority theme; %(activities)s group activities "
        "serve it, %(done)s done and %(late)s late.",
        "The PTF work programme has %(count)s priority themes; %(activities)s group activities "
        "serve them, %(done)s done and %(late)s late.",
        totals["themes"],
    ) % {
        "count": totals["themes"],
        "activities": totals["activities"],
        "done": totals["done"],
        "late": totals["late"],
    }


def documents_summary(figures, label):
    count = figures["documents"]["totals"]["documents"]
    if not count:
        return _("No document was put online in the library in %(period)s.") % {"period": label}
    return ngettext(
        "%(count)s document was put online in the library in %(period)s.",
        "%(count)s documents were put online in the library in %(period)s.",
        count,
    ) % {"count": count, "period": label}


def calendar_summary(figures, label):
    totals = figures["calendar"]["totals"]
    return _(
        "Reference reports: %(online)s put online in %(period)s, %(late)s still to acquire "
        "or put online."
    ) % {"online": totals["online"], "late": totals["late"], "period": label}


def iati_summary(figures, label):
    totals = figures["iati"]["totals"]
    if not totals["published"] and not totals["updated"]:
        return _("No IATI activity was published or updated in %(period)s.") % {"period": label}
    text = _(
        "In %(period)s, %(published)s IATI activities were published for the first time and "
        "%(updated)s were updated."
    ) % {"period": label, "published": totals["published"], "updated": totals["updated"]}
    commitments = figures["iati"]["commitments"]
    if commitments:
        from .templatetags.report_tags import amount

        amounts = ", ".join(f"{amount(c['total'])} {c['currency']}" for c in commitments)
        text += " " + _("Their total commitments: %(amounts)s.") % {"amounts": amounts}
    return text


SUMMARIES = {
    "groups": groups_summary,
    "themes": themes_summary,
    "documents": documents_summary,
    "calendar": calendar_summary,
    "iati": iati_summary,
}


def summaries(figures, label):
    """{section: paragraph} for every section of ``figures``."""
    return {name: build(figures, label) for name, build in SUMMARIES.items()}


def section_titles():
    """The heading of each section, in the active language (page, PDF, DOCX, dashboard)."""
    return {
        "groups": _("Meetings and work programmes of the groups"),
        "themes": _("Priority themes of the PTF work programme"),
        "documents": _("Documents put online per audience"),
        "calendar": _("Reference reports from the report calendar"),
        "iati": _("IATI activities published or updated"),
    }


def section_list(figures, label, only=None):
    """The sections to render: name, title, generated paragraph, data and tables."""
    from .tables import section_tables

    titles = section_titles()
    texts = summaries(figures, label)
    return [
        {
            "name": name,
            "title": titles[name],
            "summary": texts[name],
            "data": figures[name],
            "tables": section_tables(name, figures[name]),
        }
        for name in SUMMARIES
        if only is None or name in only
    ]
