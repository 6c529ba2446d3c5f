"""Admin screens of the accounts app (URLs in ``wagtail_hooks``):

- Invitations (*Settings › Invitations*, and *My groups' members* for moderators): list, invite,
  resend, revoke. Administrators see all; a group moderator sees and manages the invitations
  to their own groups only (``accounts.policy``).
- Locked sign-ins (*Settings › Locked sign-ins*): django-axes' lockouts with an unlock button.
- Who can do what (*Settings › Who can do what*): the roles table (``accounts.roles_table``).

SQL: listings are one query plus one prefetch; actions a few statements.
"""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import invitations, policy, roles_table
from .audit import log_user_action
from .forms import InvitationForm
from .models import Invitation, User
from .security import reset_address_failures

UNLOCK_PERMISSION = "accounts.unlock_user"


def visible_invitations(user):
    queryset = Invitation.objects.select_related("invited_by", "user").prefetch_related(
        Prefetch("groups")
    )
    if user.is_superuser or user.has_perm("accounts.change_invitation"):
        return queryset
    return queryset.filter(groups__in=policy.manageable_groups(user)).distinct()


def _manageable_invitation(user, pk):
    invitation = get_object_or_404(visible_invitations(user), pk=pk)
    allowed = set(policy.manageable_groups(user).values_list("pk", flat=True))
    if not {group.pk for group in invitation.groups.all()} <= allowed:
        raise PermissionDenied
    return invitation


def invitation_index(request):
    if not policy.can_invite(request.user):
        raise PermissionDenied
    show = request.GET.get("show", "pending")
    listed = visible_invitations(request.user)
    if show == "pending":
        listed = listed.pending()
    return TemplateResponse(
        request,
        "accounts/admin/invitations.html",
        {"invitations": listed[:200], "show": show, "now": timezone.now()},
    )


def invitation_add(request):
    if not policy.can_invite(request.user):
        raise PermissionDenied
    form = InvitationForm(request.POST or None, for_user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitation = invitations.send_invitation(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            organisation_name=data["organisation_name"],
            language=data["language"],
            groups=list(data["groups"]),
            invited_by=request.user,
        )
        messages.success(
            request,
            _("Invitation sent to %(email)s (valid %(days)s days).")
            % {"email": invitation.email, "days": settings.INVITATION_VALID_DAYS},
        )
        return redirect("accounts_invitations:index")
    return TemplateResponse(request, "accounts/admin/invitation_form.html", {"form": form})


@require_POST
def invitation_resend(request, pk):
    invitation = _manageable_invitation(request.user, pk)
    if invitation.accepted_at:
        messages.error(request, _("This invitation was already accepted."))
    else:
        invitations.resend(invitation, request.user)
        messages.success(
            request, _("Invitation sent again to %(email)s.") % {"email": invitation.email}
        )
    return redirect("accounts_invitations:index")


@require_POST
def invitation_revoke(request, pk):
    invitation = _manageable_invitation(request.user, pk)
    if invitation.status == "pending":
        invitations.revoke(invitation, request.user)
        messages.success(
            request, _("Invitation to %(email)s revoked.") % {"email": invitation.email}
        )
    return redirect("accounts_invitations:index")


def lockout_index(request):
    if not request.user.has_perm(UNLOCK_PERMISSION):
        raise PermissionDenied
    cutoff = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=cutoff
    ).order_by("-attempt_time")
    return TemplateResponse(
        request,
        "accounts/admin/lockouts.html",
        {"attempts": attempts[:500], "cooloff": settings.AXES_COOLOFF_TIME},
    )


@require_POST
def lockout_unlock(request, pk):
    if not request.user.has_perm(UNLOCK_PERMISSION):
        raise PermissionDenied
    attempt = get_object_or_404(AccessAttempt, pk=pk)
    username = attempt.username
    attempt.delete()
    reset_address_failures(attempt.ip_address)
    user = User.objects.filter(username=username).first()
    if user is not None:
        log_user_action(user, "accounts.unlocked", actor=request.user)
    messages.success(request, _("Sign-in of “%(username)s” unlocked.") % {"username": username})
    return redirect("accounts_lockouts")


def roles_help(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    headers, rows = roles_table.table()
    return TemplateResponse(
        request, "accounts/admin/roles_help.html", {"headers": headers, "rows": rows}
    )
