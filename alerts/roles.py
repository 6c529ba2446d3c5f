"""Permissions the alerts give to the site-wide roles (see ``accounts.roles``): administrators
see, export, correct and delete subscribers (on request) and see the deliveries."""

from accounts.roles import ADMINISTRATORS

PERMISSIONS = {
    ADMINISTRATORS: [
        ("alerts", "view_subscriber"),
        ("alerts", "change_subscriber"),
        ("alerts", "delete_subscriber"),
        ("alerts", "view_delivery"),
    ],
}
