"""Permissions the library gives to the site-wide roles (see ``accounts.roles``): the Pool
Technique keeps the calendar of reference reports."""

from accounts.roles import POOL_TECHNIQUE

PERMISSIONS = {
    POOL_TECHNIQUE: [
        ("library", f"{action}_{model}")
        for model in ("reportseries", "reportedition")
        for action in ("add", "change", "delete")
    ],
}
