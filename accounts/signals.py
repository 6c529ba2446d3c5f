"""Receivers of the accounts app (imported in ``AccountsConfig.ready``):

- the site-wide roles synced after every ``migrate``;
- the audit trail (``accounts.audit``): sign-ins, failures, lockouts, group changes, (de)activation;
- deactivation hands the person's pending work over (``accounts.deactivation``).
"""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import m2m_changed, post_migrate, post_save, pre_save
from django.dispatch import receiver

from .audit import log_user_action

User = get_user_model()


@receiver(post_migrate, dispatch_uid="accounts-sync-roles")
def sync_roles_after_migrate(sender, app_config=None, **kwargs):
    # post_migrate is sent once per app; the roles need every app's permissions: sync once,
    # after the last app (the permissions of all apps exist by then).
    from django.apps import apps

    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if app_config is None or app_config.label != with_models[-1].label:
        return
    from .roles import sync_roles

    sync_roles()


def _request_user(request):
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and user.is_authenticated else None


@receiver(user_logged_in, dispatch_uid="accounts-audit-login")
def audit_login(sender, request, user, **kwargs):
    ip = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    log_user_action(user, "accounts.login", actor=user, data={"ip": ip})


@receiver(user_login_failed, dispatch_uid="accounts-audit-login-failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    from .security import count_address_failure

    count_address_failure(request)
    username = (credentials or {}).get("username") or ""
    user = User.objects.filter(username=username).first() if username else None
    if user is not None:
        ip = request.META.get("REMOTE_ADDR", "") if request is not None else ""
        log_user_action(user, "accounts.login_failed", data={"ip": ip})


@receiver(user_locked_out, dispatch_uid="accounts-audit-locked-out")
def audit_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    user = User.objects.filter(username=username).first() if username else None
    if user is not None:
        log_user_action(user, "accounts.locked_out", data={"ip": ip_address or ""})


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="accounts-audit-groups")
def audit_group_changes(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    from django.contrib.auth.models import Group

    names = sorted(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
    verb = "accounts.groups_added" if action == "post_add" else "accounts.groups_removed"
    actor = getattr(instance, "_accounts_actor", None)
    if reverse:  # group.user_set.add(users…): ``instance`` is the group
        for user in User.objects.filter(pk__in=pk_set):
            log_user_action(user, verb, actor=actor, data={"groups": [instance.name]})
        return
    log_user_action(instance, verb, actor=actor, data={"groups": names})


@receiver(pre_save, sender=User, dispatch_uid="accounts-remember-active")
def remember_active_state(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._accounts_was_active = (
        User.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()
    )


@receiver(post_save, sender=User, dispatch_uid="accounts-deactivation")
def handle_deactivation(sender, instance, created, raw=False, **kwargs):
    was_active = getattr(instance, "_accounts_was_active", None)
    if raw or created or was_active is None or was_active == instance.is_active:
        return
    actor = getattr(instance, "_accounts_actor", None)
    if instance.is_active:
        log_user_action(instance, "accounts.reactivated", actor=actor)
        return
    from .deactivation import hand_over

    summary = hand_over(instance)
    log_user_action(instance, "accounts.deactivated", actor=actor, data=summary)
