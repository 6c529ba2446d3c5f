"""Admin registration of the accounts app: invitations, locked sign-ins, the roles table, the
2FA screens, the log actions, Wagtail's bulk actions limited to what a user may see, and the
admin's page API with its integer parameters range-checked (``accounts.admin_api``)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, policy, two_factor
from .audit import register_actions
from .bulk_actions import ALL_ACTIONS

invitation_urls = (
    [
        path("", admin_views.invitation_index, name="index"),
        path("add/", admin_views.invitation_add, name="add"),
        path("<int:pk>/resend/", admin_views.invitation_resend, name="resend"),
        path("<int:pk>/revoke/", admin_views.invitation_revoke, name="revoke"),
    ],
    "accounts_invitations",
)


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("invitations/", include(invitation_urls, namespace="accounts_invitations")),
        path("locked-sign-ins/", admin_views.lockout_index, name="accounts_lockouts"),
        path(
            "locked-sign-ins/<int:pk>/unlock/",
            admin_views.lockout_unlock,
            name="accounts_lockout_unlock",
        ),
        path("who-can-do-what/", admin_views.roles_help, name="accounts_roles_help"),
        path("2fa/verify/", two_factor.verify_view, name="accounts_2fa_verify"),
        path("2fa/setup/", two_factor.setup_view, name="accounts_2fa_setup"),
    ]


class InvitationsMenuItem(MenuItem):
    def is_shown(self, request):
        return policy.can_invite(request.user)


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.UNLOCK_PERMISSION)


@hooks.register("register_settings_menu_item")
def invitations_menu_item():
    return InvitationsMenuItem(
        _("Invitations"), reverse("accounts_invitations:index"), icon_name="mail", order=601
    )


@hooks.register("register_settings_menu_item")
def lockouts_menu_item():
    return LockoutsMenuItem(
        _("Locked sign-ins"), reverse("accounts_lockouts"), icon_name="lock", order=602
    )


@hooks.register("register_settings_menu_item")
def roles_help_menu_item():
    return MenuItem(
        _("Who can do what"), reverse("accounts_roles_help"), icon_name="help", order=603
    )


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    if not two_factor.is_eligible(request.user):
        return None
    return {
        "url": reverse("accounts_2fa_setup"),
        "label": _("Two-factor authentication"),
        "help_text": _("Ask for a code from your phone at every sign-in."),
    }


@hooks.register("construct_admin_api")
def admin_api_with_checked_integers(router):
    from .admin_api import PagesAdminAPIViewSet

    router.register_endpoint("pages", PagesAdminAPIViewSet)


@hooks.register("register_log_actions")
def register_accounts_log_actions(actions):
    register_actions(actions)


# After Wagtail's own (order 0): the same action types, limited to what the user may see.
for _action in ALL_ACTIONS:
    hooks.register("register_bulk_action", _action, order=100)
