"""Admin views of the reports app: the Pool Technique's period-aware dashboard.

The dashboard shows ``reports.figures.period_figures`` for a year or a quarter (the same data
a quarterly report stores). SQL: that of ``period_figures`` (constant) plus Wagtail's admin.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

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
    period = requested_period(request)
    figures = period_figures(period)
    return TemplateResponse(
        request,
        "reports/admin/dashboard.html",
        {
            "period": period,
            "periods": recent_periods(),
            "sections": section_list(figures, period.label),
        },
    )
