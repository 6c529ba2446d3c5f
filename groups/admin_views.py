"""The dashboard admin view and its summary panel on the admin home."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from .dashboard import available_years, csv_response, dashboard_rows, xlsx_response

DASHBOARD_PERMISSION = "groups.view_dashboard"


def _year(request):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def dashboard_view(request):
    if not request.user.has_perm(DASHBOARD_PERMISSION):
        raise PermissionDenied
    year = _year(request)
    rows = dashboard_rows(year)
    export = request.GET.get("export")
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    if export == "csv":
        return csv_response(rows, year, base_url)
    if export == "xlsx":
        return xlsx_response(rows, year, base_url)
    return TemplateResponse(
        request,
        "groups/admin/dashboard.html",
        {"rows": rows, "year": year, "years": available_years()},
    )


class DashboardSummaryPanel(Component):
    """Admin home: how many groups need attention, and the first few warnings."""

    name = "groups_dashboard"
    order = 90
    template_name = "groups/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        year = timezone.localdate().year
        rows = dashboard_rows(year)
        flagged = [row for row in rows if row["warnings"]]
        return {
            "year": year,
            "total": len(rows),
            "flagged": len(flagged),
            "examples": flagged[:6],
        }
