"""Admin: report series and editions as snippets, the "To acquire" report, document listing info,
and the moderators' queue of documents to approve (``library.review_views``)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import moderation, review_views
from .models import ReportEdition, ReportSeries
from .views import to_acquire_report


class ReportSeriesViewSet(SnippetViewSet):
    model = ReportSeries
    icon = "calendar-alt"
    menu_label = _("Report series")
    list_display = ["title", "publisher", "recurrence_rule", "usual_month", "responsible"]
    search_fields = ["title"]


class ReportEditionViewSet(SnippetViewSet):
    model = ReportEdition
    icon = "date"
    menu_label = _("Report editions")
    list_display = ["series", "edition", "expected_date", "status", "document"]
    list_filter = ["status"]
    ordering = ["expected_date"]


class ReportCalendarGroup(SnippetViewSetGroup):
    items = (ReportSeriesViewSet, ReportEditionViewSet)
    menu_icon = "calendar-alt"
    menu_label = _("Report calendar")
    menu_name = "report-calendar"


register_snippet(ReportCalendarGroup)


@hooks.register("register_admin_urls")
def register_library_admin_urls():
    return [
        path("reports/to-acquire/", to_acquire_report, name="library_to_acquire"),
        path("library/review/", review_views.review_queue_view, name="library_review_queue"),
        path(
            "library/review/<int:document_id>/approve/",
            review_views.approve_view,
            name="library_review_approve",
        ),
        path(
            "library/review/<int:document_id>/reject/",
            review_views.reject_view,
            name="library_review_reject",
        ),
    ]


class ToAcquireMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("library.change_reportedition")


@hooks.register("register_reports_menu_item")
def register_to_acquire_menu_item():
    return ToAcquireMenuItem(
        _("To acquire"), reverse("library_to_acquire"), icon_name="calendar-alt", order=800
    )


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return moderation.is_reviewer(request.user)


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ReviewMenuItem(
        # Short: the expanded sidebar cuts labels past about 16 characters.
        pgettext_lazy("admin sidebar", "Documents to approve"),
        reverse("library_review_queue"),
        icon_name="doc-full-inverse",
        order=310,
    )


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    moderation.register_actions(actions)


@hooks.register("construct_homepage_panels")
def documents_panel(request, panels):
    panel = review_views.DocumentsPanel(request)
    if panel.shown:
        panels.append(panel)
