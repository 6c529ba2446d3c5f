"""The site-wide roles: Wagtail groups that exist on every installation, kept in sync.

One place for their names and their model permissions. Each app contributes the permissions
it owns in its own ``<app>/roles.py``, as a dict ``PERMISSIONS = {role name: [(app_label,
codename), …]}``; :func:`sync_roles` creates the groups and gives them exactly the access
listed here plus what the apps contribute (rights the apps grant on pages and collections,
such as the Pool Technique's moderation of every group, are provisioned by those apps).

Per-group roles (``<sigle> — Éditeurs`` / ``— Modérateurs``) belong to ``groups.permissions``.

Called after every ``migrate`` (``signals.py``) and by ``sync_group_permissions``.
"""

from importlib import import_module

from django.apps import apps
from django.utils.translation import gettext_lazy as _

ADMINISTRATORS = "Administrateurs"
POOL_TECHNIQUE = "Pool Technique"
TRAINERS = "Formateurs"
IATI_PUBLISHERS = "Publication IATI"

ROLES = {
    ADMINISTRATORS: _("Administrators: manage people, roles and the site's settings."),
    POOL_TECHNIQUE: _(
        "Pool Technique: moderates and publishes every group's pages, dashboard and reports."
    ),
    TRAINERS: _("Trainers: edit the training section, reset the sandbox, record sessions."),
    IATI_PUBLISHERS: _("IATI publication: edit, import and publish IATI activities."),
}

# Every role reaches the admin.
BASE_PERMISSIONS = [("wagtailadmin", "access_admin")]

# What the accounts app gives (``contributed_permissions`` reads this module like any app's):
# administrators manage people (never superusers or other administrators: accounts.policy),
# invitations, locked sign-ins, sites and redirects. Group permissions (auth.*_group) are
# deliberately absent: editing a group's permissions would be an escalation.
PERMISSIONS = {
    ADMINISTRATORS: [
        ("accounts", "add_user"),
        ("accounts", "change_user"),
        ("accounts", "unlock_user"),
        ("accounts", "add_invitation"),
        ("accounts", "change_invitation"),
        ("wagtailcore", "add_site"),
        ("wagtailcore", "change_site"),
        ("wagtailredirects", "add_redirect"),
        ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
    ],
}


def contributed_permissions():
    """{role: [(app_label, codename), …]} gathered from every installed app's ``roles.py``."""
    found = {role: list(BASE_PERMISSIONS) for role in ROLES}
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.roles")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.roles":
                raise
            continue
        for role, perms in getattr(module, "PERMISSIONS", {}).items():
            if role not in found:
                raise ValueError(f"{config.name}/roles.py names an unknown role: {role!r}")
            found[role].extend(perms)
    return found


def sync_roles(changes=None):
    """Give each role group exactly its listed model permissions; return the changes.

    Missing groups are created, missing permissions added, others removed (drift).
    """
    from django.contrib.auth.models import Group, Permission

    changes = [] if changes is None else changes
    for role, perms in contributed_permissions().items():
        group, created = Group.objects.get_or_create(name=role)
        if created:
            changes.append(f"created group “{role}”")
        have = set(group.permissions.values_list("content_type__app_label", "codename"))
        wanted = set(perms)
        extra = have - wanted
        if extra:
            group.permissions.remove(
                *[
                    permission
                    for permission in group.permissions.select_related("content_type")
                    if (permission.content_type.app_label, permission.codename) in extra
                ]
            )
            changes.append(f"“{role}”: removed {', '.join(f'{a}.{c}' for a, c in sorted(extra))}")
        for app_label, codename in perms:
            if (app_label, codename) in have:
                continue
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is None:  # the app's models are not migrated yet
                continue
            group.permissions.add(permission)
            changes.append(f"“{role}”: added {app_label}.{codename}")
    return changes


def role_group(role):
    """The Wagtail group of ``role`` (created, with its permissions, if missing)."""
    from django.contrib.auth.models import Group

    group = Group.objects.filter(name=role).first()
    if group is None:
        sync_roles()
        group = Group.objects.get(name=role)
    return group
