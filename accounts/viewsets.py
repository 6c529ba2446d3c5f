"""Wagtail's user views, limited by ``accounts.policy`` (see Wagtail issue #14100).

Installed through ``accounts.apps.UsersAppConfig`` (the way Wagtail documents replacing its
user viewset). A non-superuser with user-management rights:
- does not see superusers in the listing, and gets 403 on their edit/delete/history pages;
- cannot edit administrators (the "Administrateurs" role) either;
- edits other people's name, e-mail, active state and only the groups they manage;
- never types a password: "Add a user" opens the invitation form.

The bulk actions on users (assign a role, set active state, delete) follow the same rule:
see ``accounts.bulk_actions``.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from wagtail.users.views import users as wagtail_users

from . import policy
from .forms import UserEditForm


class IndexView(wagtail_users.IndexView):
    def get_base_queryset(self):
        return policy.visible_users(self.request.user, super().get_base_queryset())


class CreateView(wagtail_users.CreateView):
    """Nobody creates an account with a password they chose: invite the person instead."""

    def dispatch(self, request, *args, **kwargs):
        return redirect("accounts_invitations:add")


class _ProtectedMixin:
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        target = self.get_object() if not getattr(self, "object", None) else self.object
        if target.pk != request.user.pk and not policy.can_manage_user(request.user, target):
            self._accounts_denied = True

    def dispatch(self, request, *args, **kwargs):
        if getattr(self, "_accounts_denied", False):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class EditView(_ProtectedMixin, wagtail_users.EditView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class DeleteView(_ProtectedMixin, wagtail_users.DeleteView):
    pass


class HistoryView(_ProtectedMixin, wagtail_users.HistoryView):
    pass


class UserViewSet(wagtail_users.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView

    def get_form_class(self, for_update=False):
        if for_update:
            return UserEditForm
        return super().get_form_class(for_update)
