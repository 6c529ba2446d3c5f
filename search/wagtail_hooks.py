"""Admin: the *Searches without results* report (Reports menu)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import can_see_report, unanswered_report


@hooks.register("register_admin_urls")
def register_search_admin_urls():
    return [path("reports/unanswered-searches/", unanswered_report, name="search_unanswered")]


class UnansweredMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_unanswered_menu_item():
    return UnansweredMenuItem(
        _("Searches without results"),
        reverse("search_unanswered"),
        icon_name="search",
        order=900,
    )
