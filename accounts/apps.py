"""accounts app, and the Wagtail users app configured with this project's user viewset."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True  # this module holds two AppConfigs
    name = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (receivers connect on import)


class UsersAppConfig(WagtailUsersAppConfig):
    """``wagtail.users`` with the user views limited by ``accounts.policy`` (Wagtail #14100)."""

    default = False
    user_viewset = "accounts.viewsets.UserViewSet"
