"""Invitations: an administrator, or a group moderator for their own group, invites a person
by e-mail with the groups to join; the person opens a single-use link (valid
``INVITATION_VALID_DAYS`` days) and chooses a username and their own password.

Contract:
- :func:`send_invitation` creates and e-mails one (refused when an account or a pending
  invitation already has that e-mail); :func:`resend` makes a new token and a new expiry (the
  previous link stops working); :func:`revoke` stops it; :func:`find_pending` resolves a token
  from a link; :func:`accept` creates the account with the invited groups.
- Only the token's SHA-256 is stored. Every step is written to the audit log.
- The e-mail is written in the invitation's language (French or English), with one line in
  the other language.

SQL: a handful of statements per call (no loops over users).
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .audit import log_user_action
from .models import Invitation


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token(invitation):
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_hash = _hash(token)
    invitation.sent_at = now
    invitation.expires_at = now + datetime.timedelta(
        days=getattr(settings, "INVITATION_VALID_DAYS", 7)
    )
    return token


def accept_url(invitation, token):
    with translation.override(invitation.language):
        path = reverse("accounts_invitation_accept", args=[token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _email(invitation, token):
    context = {
        "invitation": invitation,
        "url": accept_url(invitation, token),
        "days": getattr(settings, "INVITATION_VALID_DAYS", 7),
        "inviter": invitation.invited_by.get_full_name() or invitation.invited_by.get_username()
        if invitation.invited_by
        else "",
        "groups": [group.name for group in invitation.groups.order_by("name")],
    }
    with translation.override(invitation.language):
        subject = render_to_string("accounts/emails/invitation_subject.txt", context)
        body = render_to_string("accounts/emails/invitation.txt", context)
    send_mail(" ".join(subject.split()), body, None, [invitation.email])


def email_taken(email):
    User = get_user_model()
    return (
        User.objects.filter(email__iexact=email).exists()
        or Invitation.objects.pending().filter(email__iexact=email).exists()
    )


@transaction.atomic
def send_invitation(*, email, first_name, last_name, groups, invited_by, language="fr", **extra):
    invitation = Invitation(
        email=email.strip(),
        first_name=first_name,
        last_name=last_name,
        language=language,
        invited_by=invited_by,
        organisation_name=extra.get("organisation_name", ""),
    )
    token = _new_token(invitation)
    invitation.save()
    invitation.groups.set(groups)
    log_user_action(
        invitation,
        "accounts.invitation_sent",
        actor=invited_by,
        data={"groups": sorted(g.name for g in groups)},
    )
    transaction.on_commit(lambda: _email(invitation, token))
    return invitation


@transaction.atomic
def resend(invitation, actor):
    token = _new_token(invitation)
    invitation.revoked_at = None
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at", "revoked_at"])
    log_user_action(invitation, "accounts.invitation_resent", actor=actor)
    transaction.on_commit(lambda: _email(invitation, token))
    return invitation


def revoke(invitation, actor):
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    log_user_action(invitation, "accounts.invitation_revoked", actor=actor)


def find_pending(token):
    """The pending invitation of ``token`` (None when unknown, used, revoked or expired)."""
    if not token or len(token) > 100:
        return None
    return Invitation.objects.pending().filter(token_hash=_hash(token)).first()


@transaction.atomic
def accept(invitation, *, username, password):
    """Create the invited person's account; the invitation can never be used again."""
    User = get_user_model()
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != "pending":
        raise ValueError("invitation no longer pending")
    user = User(
        username=username,
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
        organisation_name=invitation.organisation_name,
        is_active=True,
    )
    user.set_password(password)
    user.save()
    user._accounts_actor = invitation.invited_by  # the audit entry names who invited them
    user.groups.set(invitation.groups.all())
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    log_user_action(user, "accounts.invitation_accepted", actor=user)
    log_user_action(invitation, "accounts.invitation_accepted", actor=user)
    return user
