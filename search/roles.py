"""Permissions the site search gives to the site-wide roles (see ``accounts.roles``): the Pool
Technique promotes results for search terms and reads the searches without results."""

from accounts.roles import POOL_TECHNIQUE

PERMISSIONS = {
    POOL_TECHNIQUE: [
        ("wagtailsearchpromotions", f"{action}_searchpromotion")
        for action in ("add", "change", "delete")
    ],
}
