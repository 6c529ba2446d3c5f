"""Permissions the groups app gives to the site-wide roles (see ``accounts.roles``)."""

from accounts.roles import POOL_TECHNIQUE

PERMISSIONS = {
    POOL_TECHNIQUE: [
        ("groups", "view_dashboard"),
        ("groups", "add_organisation"),
        ("groups", "change_organisation"),
    ],
}
