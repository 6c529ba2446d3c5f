"""Admin registration of the reports app: the Pool Technique's dashboard and its menu item."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from groups.admin_views import DASHBOARD_PERMISSION

from . import views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("reports/dashboard/", views.dashboard_view, name="reports_dashboard"),
    ]


class PoolMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(DASHBOARD_PERMISSION)


@hooks.register("register_admin_menu_item")
def dashboard_menu_item():
    return PoolMenuItem(
        _("Pool Technique dashboard"), reverse("reports_dashboard"), icon_name="table", order=204
    )
