"""Permissions the IATI publisher gives to the site-wide roles (see ``accounts.roles``):
"Publication IATI" edits, imports and publishes activities and their reporting organisations."""

from accounts.roles import IATI_PUBLISHERS

PERMISSIONS = {
    IATI_PUBLISHERS: [
        ("iati_publisher", "add_activity"),
        ("iati_publisher", "change_activity"),
        ("iati_publisher", "publish_activity"),
        ("iati_publisher", "delete_activity"),
        ("iati_publisher", "add_reportingorganisation"),
        ("iati_publisher", "change_reportingorganisation"),
    ],
}
