"""The accounts' audit trail, in Wagtail's own log (one place for "who did what").

Wagtail already logs page, snippet, document and image changes (create, edit, publish, delete,
workflow steps). This module adds the people side, as ``ModelLogEntry`` rows on the ``User`` (or
the ``Invitation``) they concern, so they appear in *Reports › Site history* and in each user's
*History*, to whoever may manage users (Wagtail shows a model's log to users holding a
permission on it; superusers see everything):

- ``accounts.login`` / ``accounts.login_failed`` / ``accounts.locked_out`` (django-axes);
- ``accounts.groups_added`` / ``accounts.groups_removed`` (any path: admin form, bulk action,
  members page, invitation), ``accounts.deactivated`` / ``accounts.reactivated``;
- ``accounts.invitation_sent`` / ``_resent`` / ``_revoked`` / ``_accepted``;
- ``accounts.2fa_enabled`` / ``accounts.2fa_removed``; ``accounts.unlocked``.

The receivers live in ``accounts/signals.py``; the labels are registered in ``wagtail_hooks``.
Each call is one INSERT.
"""

from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

ACTIONS = {
    "accounts.login": _("Signed in"),
    "accounts.login_failed": _("Failed sign-in"),
    "accounts.locked_out": _("Sign-in locked (too many failures)"),
    "accounts.unlocked": _("Sign-in unlocked"),
    "accounts.groups_added": _("Added to groups"),
    "accounts.groups_removed": _("Removed from groups"),
    "accounts.deactivated": _("Account deactivated"),
    "accounts.reactivated": _("Account reactivated"),
    "accounts.invitation_sent": _("Invitation sent"),
    "accounts.invitation_resent": _("Invitation resent"),
    "accounts.invitation_revoked": _("Invitation revoked"),
    "accounts.invitation_accepted": _("Invitation accepted"),
    "accounts.2fa_enabled": _("Two-factor authentication set up"),
    "accounts.2fa_removed": _("Two-factor authentication removed"),
}


def _unwrap(obj):
    """``request.user`` is a lazy proxy: Wagtail's log registry needs the model instance."""
    if isinstance(obj, LazyObject):
        if obj._wrapped is empty:
            obj._setup()
        return obj._wrapped
    return obj


def log_user_action(instance, action, actor=None, title=None, data=None):
    """Write one entry of ``action`` about ``instance`` (a User or an Invitation)."""
    instance, actor = _unwrap(instance), _unwrap(actor)
    return log(
        instance,
        action,
        user=actor if actor is not None and actor.is_authenticated else None,
        title=str(title if title is not None else instance)[:255],
        data=data or {},
    )


def register_actions(actions):
    """Called by the ``register_log_actions`` hook."""
    for action, label in ACTIONS.items():
        actions.register_action(action, label, label)
