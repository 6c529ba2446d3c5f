"""Who may manage whom: the one rule behind the user views, bulk actions, invitations and the
groups' members page. Nobody can give themselves (or anyone) rights they do not manage.

- Superusers manage everyone and every group.
- A user with the ``accounts.change_user`` permission (the "Administrateurs" role) manages every
  account except superusers and other administrators, and every group except "Administrateurs"
  (only a superuser makes someone an administrator or a superuser).
- A group moderator manages the two Wagtail groups of their own GT/SGT (its "Éditeurs" and
  "Modérateurs"), through the members page and invitations, and nothing else.
- Nobody changes their own groups, superuser status or active status.

SQL: ``manageable_groups`` is one query (cached on the user object for the request);
``can_manage_user`` adds at most one.
"""

from django.contrib.auth.models import Group
from django.db.models import Q

from .roles import ADMINISTRATORS

CHANGE_USER = "accounts.change_user"
ADD_USER = "accounts.add_user"


def is_user_manager(user):
    """Holds the user-management permission (superusers and the "Administrateurs" role)."""
    return user.is_authenticated and (user.is_superuser or user.has_perm(CHANGE_USER))


def moderated_group_ids(user):
    """Ids of the Wagtail groups of the GT/SGTs ``user`` moderates."""
    from groups.models import GroupAccess

    accesses = GroupAccess.objects.filter(moderators__user=user).values_list(
        "editors_id", "moderators_id"
    )
    return {pk for pair in accesses for pk in pair if pk}


def manageable_groups(user):
    """The groups ``user`` may give to (or take from) other people."""
    cache_name = "_accounts_manageable_group_ids"
    if not user.is_authenticated:
        return Group.objects.none()
    if user.is_superuser:
        return Group.objects.all()
    if not hasattr(user, cache_name):
        if user.has_perm(CHANGE_USER):
            ids = set(Group.objects.exclude(name=ADMINISTRATORS).values_list("pk", flat=True))
        else:
            ids = moderated_group_ids(user)
        setattr(user, cache_name, ids)
    return Group.objects.filter(pk__in=getattr(user, cache_name))


def protected_users_q():
    """Accounts only a superuser may change: superusers and administrators."""
    return Q(is_superuser=True) | Q(groups__name=ADMINISTRATORS)


def can_manage_user(actor, target):
    """May ``actor`` edit ``target``'s account (name, e-mail, groups, active state)?"""
    if not actor.is_authenticated:
        return False
    if actor.is_superuser:
        return True
    if target.pk == actor.pk or target.is_superuser:
        return False
    if not actor.has_perm(CHANGE_USER):
        return False
    return not type(target).objects.filter(protected_users_q(), pk=target.pk).exists()


def visible_users(actor, queryset):
    """The accounts ``actor`` sees in the admin's user listing (superusers hidden from others)."""
    if actor.is_superuser:
        return queryset
    return queryset.filter(is_superuser=False)


def can_invite(user):
    return user.is_authenticated and (
        user.is_superuser or user.has_perm(ADD_USER) or bool(moderated_group_ids(user))
    )
