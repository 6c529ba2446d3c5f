"""Admin registration for the groups app: snippets, admin views, and the isolation hooks."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, meeting_views, views, workflow_views
from .choosers import OrganisationChooserViewSet
from .home_panel import MyGroupPanel, my_group_blocks
from .isolation import can_see_page, restrict_pages
from .models import BaseGroupPage, Organisation, WorkProgrammePage


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "acronym", "family", "iati_identifier"]
    list_filter = ["family", "locale"]
    search_fields = ["name", "acronym", "iati_identifier"]
    chooser_viewset_class = OrganisationChooserViewSet  # one entry per organisation, searchable


register_snippet(OrganisationViewSet)


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("groups/dashboard/", admin_views.dashboard_view, name="groups_dashboard"),
        path("groups/members/", views.membership_index, name="groups_membership"),
        path(
            "groups/members/<int:access_id>/", views.membership_edit, name="groups_membership_edit"
        ),
        path(
            "groups/<int:group_id>/new-meeting/",
            meeting_views.new_meeting_view,
            name="groups_new_meeting",
        ),
        path(
            "groups/work-programme/<int:page_id>/copy/",
            views.copy_work_programme_view,
            name="groups_copy_work_programme",
        ),
    ]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.DASHBOARD_PERMISSION)


class MembershipMenuItem(MenuItem):
    def is_shown(self, request):
        return views.managed_accesses(request.user).exists()


@hooks.register("register_admin_menu_item")
def dashboard_menu_item():
    return DashboardMenuItem(
        _("Groups dashboard"), reverse("groups_dashboard"), icon_name="table", order=205
    )


@hooks.register("register_admin_menu_item")
def membership_menu_item():
    return MembershipMenuItem(
        _("My groups' members"), reverse("groups_membership"), icon_name="user", order=206
    )


@hooks.register("construct_homepage_panels")
def dashboard_panel(request, panels):
    if request.user.has_perm(admin_views.DASHBOARD_PERMISSION):
        panels.append(admin_views.DashboardSummaryPanel(request))


@hooks.register("construct_homepage_panels")
def my_group_panel(request, panels):
    blocks = my_group_blocks(request.user)
    if blocks:
        panels.append(MyGroupPanel(request, blocks))


# --- Isolation: hide other groups' subtrees where Wagtail lists every page ------------------


@hooks.register("construct_explorer_page_queryset")
def hide_foreign_groups_in_explorer(parent_page, pages, request):
    return restrict_pages(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def hide_foreign_groups_in_chooser(pages, request):
    return restrict_pages(pages, request.user)


def _deny_foreign(request, page, *args):
    """Defence in depth: any page action on another group's page is refused outright."""
    from django.core.exceptions import PermissionDenied

    if not can_see_page(page, request.user):
        raise PermissionDenied
    if args and args[0] is not None and not can_see_page(args[0], request.user):
        raise PermissionDenied  # move destination


for _hook in (
    "before_edit_page",
    "before_copy_page",
    "before_move_page",
    "before_delete_page",
    "before_unpublish_page",
):
    hooks.register(_hook, _deny_foreign, order=-10)


@hooks.register("before_create_page")
def deny_foreign_parent(request, parent_page, page_class):
    _deny_foreign(request, parent_page)


@hooks.register("after_edit_page")
def confirm_moderation_from_the_editor(request, page):
    """A moderator's approve / request changes from the page editor gets its confirmation."""
    if request.method == "POST" and request.POST.get("action-workflow-action"):
        workflow_views.confirm(request, page.pk, request.POST.get("workflow-action-name", ""))


@hooks.register("before_delete_page")
def ask_about_group_rights(request, page):
    if isinstance(page.specific, BaseGroupPage):
        return views.delete_confirmation(request, page.specific)
    return None


@hooks.register("after_delete_page")
def apply_group_rights_choice(request, page):
    choice = getattr(request, "_groups_delete_choice", None)
    if choice and choice[0] == "delete":
        from .models import GroupAccess
        from .permissions import delete_group_access

        access = GroupAccess.objects.filter(pk=choice[1]).first()
        if access is not None:
            delete_group_access(access)


# --- "Start next year's programme from this one" ---------------------------------------------


def _copy_button(page, user):
    if not isinstance(page.specific_deferred, WorkProgrammePage):
        return []
    if not page.get_parent().permissions_for_user(user).can_add_subpage():
        return []
    return [
        Button(
            _("Start next year's programme from this one"),
            reverse("groups_copy_work_programme", args=[page.pk]),
            icon_name="copy",
            priority=25,
        )
    ]


@hooks.register("register_page_header_buttons")
def work_programme_header_button(page, user, view_name=None, next_url=None):
    return _copy_button(page, user)


@hooks.register("register_page_listing_more_buttons")
def work_programme_listing_button(page, user, next_url=None):
    return _copy_button(page, user)
