"""Create the draft quarterly report of a quarter, pre-filled from the site's data.

``create_quarterly_report(period, user)`` is used by ``manage.py quarterly_report`` and by the
dashboard's button. It raises ``ReportError`` (a message for the user, nothing written) for a
year instead of a quarter, a quarter not started yet, a quarter that already has a report,
a quarter with no data, or no Pool Technique page to put it under.

Cost: ``period_figures`` (constant SQL) plus one page creation and one revision.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from home.models import StandardPage

from .figures import SECTIONS, has_data, period_figures
from .models import PTFWorkProgrammePage, QuarterlyReportPage
from .summaries import section_titles, summaries


class ReportError(Exception):
    """Why no report was created; ``str(error)`` is the message for the user."""


def narrative_titles():
    return {
        "introduction": _("Introduction"),
        "highlights": _("Highlights of the quarter"),
        "difficulties": _("Difficulties encountered and lessons learnt"),
        "outlook": _("Outlook for the next quarter"),
    }


def report_parent():
    """The Pool Technique's page (default language): the parent of the PTF work programmes
    and of earlier reports, else the home page's child page with the slug ``pool-technique``."""
    locale = Locale.get_default()
    for model in (QuarterlyReportPage, PTFWorkProgrammePage):
        page = model.objects.filter(locale=locale).order_by("-pk").first()
        if page is not None:
            return page.get_parent().specific
    return StandardPage.objects.filter(locale=locale, slug="pool-technique").first()


def initial_body(figures, period):
    """Headings, the figures tables and generated paragraphs, and empty narrative sections."""
    titles = section_titles()
    texts = summaries(figures, period.label)
    narrative = narrative_titles()
    body = [("heading", narrative["introduction"]), ("paragraph", "")]
    for name in SECTIONS:
        body += [
            ("heading", titles[name]),
            ("paragraph", f"<p>{texts[name]}</p>"),
            ("figures", {"section": name}),
            ("paragraph", ""),
        ]
    for key in ("highlights", "difficulties", "outlook"):
        body += [("heading", narrative[key]), ("paragraph", "")]
    return body


def check_period(period, today=None):
    """Raise ``ReportError`` unless ``period`` is a quarter that has started."""
    if period.quarter is None:
        raise ReportError(_("A quarterly report needs a quarter, e.g. 2026-Q3."))
    if period.is_future(today):
        raise ReportError(
            _("%(period)s has not started yet: no report can be written for it.")
            % {"period": period.label}
        )


@transaction.atomic
def create_quarterly_report(period, user=None):
    """The new draft ``QuarterlyReportPage`` of ``period`` (see the module docstring)."""
    check_period(period)
    locale = Locale.get_default()
    with translation.override(settings.LANGUAGE_CODE):
        existing = QuarterlyReportPage.objects.filter(
            year=period.year, quarter=period.quarter, locale=locale
        ).first()
        if existing is not None:
            raise ReportError(
                _("The report for %(period)s already exists: “%(title)s”.")
                % {"period": period.label, "title": existing.title}
            )
        parent = report_parent()
        if parent is None:
            raise ReportError(_("Create the Pool Technique's page (slug “pool-technique”) first."))
        figures = period_figures(period)
        if not has_data(figures):
            raise ReportError(
                _(
                    "Nothing was recorded for %(period)s (no meeting, document, reference "
                    "report or IATI activity): no report was created."
                )
                % {"period": period.label}
            )
        title = _("Quarterly activity report of the Pool Technique — %(period)s") % {
            "period": period.label
        }
        page = QuarterlyReportPage(
            title=title,
            slug=slugify(f"rapport-trimestriel-{period.code}"),
            year=period.year,
            quarter=period.quarter,
            figures=figures,
            generated_at=timezone.now(),
            body=initial_body(figures, period),
            live=False,
            owner=user,
        )
        parent.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
    return page
