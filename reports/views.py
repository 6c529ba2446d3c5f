"""Admin views of the reports app: the Pool Technique's period-aware dashboard, its
"create the quarterly report" button, and the downloads of a report's draft.

The dashboard shows ``reports.figures.period_figures`` for a year or a quarter (the same data
a quarterly report stores). SQL: that of ``period_figures`` (constant) plus Wagtail's admin.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.admin_views import DASHBOARD_PERMISSION

from .figures import period_figures
from .periods import Period, PeriodError
from .summaries import section_list


def recent_periods(count=8):
    """The current quarter, the previous ones, and the current and previous years."""
    periods = [Period.current_quarter()]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    year = periods[0].year
    return periods + [Period(year), Period(year - 1)]


def requested_period(request, default=None):
    """The ``period`` of the query string, or ``default`` with an error message when invalid."""
    default = default or Period.current_quarter()
    text = request.GET.get("period", "")
    if not text:
        return default
    try:
        period = Period.parse(text)
    except PeriodError as error:
        messages.error(request, str(error))
        return default
    if period.is_future():
        messages.error(request, _("%(period)s has not started yet.") % {"period": period.label})
        return default
    return period


def dashboard_view(request):
    if not request.user.has_perm(DASHBOARD_PERMISSION):
        raise PermissionDenied
    from .models import QuarterlyReportPage

    period = requested_period(request)
    figures = period_figures(period)
    report = None
    if period.quarter:
        report = QuarterlyReportPage.objects.filter(
            year=period.year, quarter=period.quarter, locale__language_code=_default_language()
        ).first()
    return TemplateResponse(
        request,
        "reports/admin/dashboard.html",
        {
            "period": period,
            "periods": recent_periods(),
            "sections": section_list(figures, period.label),
            "report": report,
            "can_create_report": period.quarter and report is None,
        },
    )


def _default_language():
    from django.conf import settings

    return settings.LANGUAGE_CODE


def _can_create_report(user):
    from .generate import report_parent

    parent = report_parent()
    return (
        user.has_perm(DASHBOARD_PERMISSION)
        and parent is not None
        and parent.permissions_for_user(user).can_add_subpage()
    )


@require_POST
def create_report_view(request):
    """The dashboard's button: create the quarter's draft report, then open it in the editor."""
    from .generate import ReportError, create_quarterly_report

    if not request.user.has_perm(DASHBOARD_PERMISSION):
        raise PermissionDenied
    back = reverse("reports_dashboard")
    text = request.POST.get("period", "")
    try:
        period = Period.parse(text)
    except PeriodError as error:
        messages.error(request, str(error))
        return redirect(back)
    if not period.is_future():
        back += f"?period={period.code}"  # (a future one would repeat the error there)
    if not _can_create_report(request.user):
        messages.error(request, _("You may not create pages under the Pool Technique's page."))
        return redirect(back)
    try:
        page = create_quarterly_report(period, user=request.user)
    except ReportError as error:
        messages.error(request, str(error))
        return redirect(back)
    messages.success(
        request,
        _("Draft report created from the figures of %(period)s: complete the narrative sections.")
        % {"period": period.label},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def draft_download_view(request, page_id, fmt):
    if fmt not in ("pdf", "docx"):
        raise Http404
    """PDF/DOCX of a report's latest revision (the draft being edited), for its editors."""
    from .exports import download
    from .models import QuarterlyReportPage

    page = get_object_or_404(QuarterlyReportPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    draft = page.get_latest_revision_as_object()
    return download(draft, fmt, request)
