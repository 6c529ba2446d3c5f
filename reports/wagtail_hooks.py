"""Admin registration of the reports app: the Pool Technique's dashboard and its menu item."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from groups.admin_views import DASHBOARD_PERMISSION

from . import views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("reports/dashboard/", views.dashboard_view, name="reports_dashboard"),
        path("reports/quarterly/create/", views.create_report_view, name="reports_create"),
        path(
            "reports/quarterly/<int:page_id>/<str:fmt>/",
            views.draft_download_view,
            name="reports_draft_download",
        ),
    ]


class PoolMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(DASHBOARD_PERMISSION)


@hooks.register("register_admin_menu_item")
def dashboard_menu_item():
    return PoolMenuItem(
        _("Pool Technique dashboard"), reverse("reports_dashboard"), icon_name="table", order=204
    )


@hooks.register("register_page_header_buttons")
def report_download_buttons(page, user, view_name=None, next_url=None):
    """On a quarterly report's editor: download the draft as PDF or DOCX."""
    from .models import QuarterlyReportPage

    if not isinstance(page.specific_deferred, QuarterlyReportPage):
        return []
    return [
        Button(
            label,
            reverse("reports_draft_download", args=[page.pk, fmt]),
            icon_name="download",
            priority=30 + i,
        )
        for i, (fmt, label) in enumerate([("pdf", _("Download PDF")), ("docx", _("Download DOCX"))])
    ]
