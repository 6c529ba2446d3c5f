"""Admin customisations of the whole site: the help menu (the portal's help page and the
training section, ``home.admin_language``) and the
initials avatars (no third-party avatar service, ``WAGTAIL_GRAVATAR_PROVIDER_URL = None``)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

from . import admin_language


class TrainingMenuItem(MenuItem):
    """The training section, when published: its URL depends on the request's language."""

    def is_shown(self, request):
        request.portal_training_url = admin_language.training_url()
        return bool(request.portal_training_url)

    def render_component(self, request):
        # Menu items are shared between requests: the URL (language-dependent) is per request.
        return LinkMenuItemComponent(
            self.name, self.label, request.portal_training_url, icon_name=self.icon_name
        )


@hooks.register("register_admin_urls")
def register_help_url():
    return [path("help/", admin_language.help_view, name="portal_admin_help")]


@hooks.register("register_help_menu_item")
def portal_help_item():
    return MenuItem(
        _("Help for focal points"), "/admin/help/", icon_name="help", name="portal-help", order=1
    )


@hooks.register("register_help_menu_item")
def training_help_item():
    return TrainingMenuItem(
        _("Training (guide for editors)"), "", icon_name="help", name="training-guide", order=2
    )


@hooks.register("construct_help_menu")
def drop_third_party_help(request, menu_items):
    menu_items[:] = [
        item
        for item in menu_items
        if item.name not in admin_language.REMOVED_HELP_ITEMS
        and not item.name.startswith("whats-new-in-wagtail")
    ]


@hooks.register("get_avatar_url")
def initials_avatar(user, size):
    return admin_language.initials_avatar_url(user, size)
