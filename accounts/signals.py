"""Keep the site-wide roles in sync after every ``migrate`` (imported in ``AccountsConfig.ready``)."""

from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate, dispatch_uid="accounts-sync-roles")
def sync_roles_after_migrate(sender, app_config=None, **kwargs):
    # post_migrate is sent once per app; the roles need every app's permissions: sync once,
    # after the last app (the permissions of all apps exist by then).
    from django.apps import apps

    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if app_config is None or app_config.label != with_models[-1].label:
        return
    from .roles import sync_roles

    sync_roles()
