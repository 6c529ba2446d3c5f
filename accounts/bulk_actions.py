"""Wagtail's bulk actions, limited to what the user may see (registered in ``wagtail_hooks``).

Wagtail's confirmation pages (``/admin/bulk/<app>/<model>/<action>/?id=N``) list the items the
user may *not* act on by title, whatever they are: any page's draft title, any private
document's or image's title could be read by id. Here, an id the user may not see is treated
as one that does not exist (404 when none is left):
- pages: those the user may explore (Wagtail's rule) and that are not another group's subtree
  (``groups.isolation``);
- documents and images: those of a collection where the user holds a permission;
- users: those ``accounts.policy`` lets them manage; "Assign role" lists only the groups they
  manage; nobody changes their own active state.

SQL: one query per confirmation page for the visibility filter.
"""

from django import forms
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.pages.bulk_actions import delete as page_delete
from wagtail.admin.views.pages.bulk_actions import move as page_move
from wagtail.admin.views.pages.bulk_actions import publish as page_publish
from wagtail.admin.views.pages.bulk_actions import unpublish as page_unpublish
from wagtail.documents.views.bulk_actions import add_tags as doc_tags
from wagtail.documents.views.bulk_actions import add_to_collection as doc_collection
from wagtail.documents.views.bulk_actions import delete as doc_delete
from wagtail.images.views.bulk_actions import add_tags as image_tags
from wagtail.images.views.bulk_actions import add_to_collection as image_collection
from wagtail.images.views.bulk_actions import delete as image_delete
from wagtail.users.views.bulk_actions import assign_role, set_active_state
from wagtail.users.views.bulk_actions import delete as user_delete

from . import policy


def visible_page_ids(user, ids):
    from wagtail.models import Page
    from wagtail.permission_policies.pages import PagePermissionPolicy

    from groups.isolation import visible_pages_q

    pages = PagePermissionPolicy().explorable_instances(user).filter(pk__in=ids)
    condition = visible_pages_q(user)
    if condition is not None:
        pages = pages.filter(pk__in=Page.objects.filter(condition).values("pk"))
    return set(pages.values_list("pk", flat=True))


def visible_collection_item_ids(user, model, ids):
    from wagtail.permissions import policy_registry

    permission_policy = policy_registry.get_by_type(model)
    items = permission_policy.instances_user_has_any_permission_for(
        user, ["add", "change", "delete", "choose"]
    )
    return set(items.filter(pk__in=ids).values_list("pk", flat=True))


class VisibleOnlyMixin:
    def visible_ids(self, ids):
        raise NotImplementedError

    def get_queryset(self, model, object_ids):
        objects = list(super().get_queryset(model, object_ids))
        allowed = self.visible_ids([obj.pk for obj in objects])
        objects = [obj for obj in objects if obj.pk in allowed]
        if not objects:
            raise Http404
        return objects


class PageVisibleMixin(VisibleOnlyMixin):
    def visible_ids(self, ids):
        return visible_page_ids(self.request.user, ids)


class CollectionVisibleMixin(VisibleOnlyMixin):
    def visible_ids(self, ids):
        return visible_collection_item_ids(self.request.user, self.model, ids)


class UserVisibleMixin(VisibleOnlyMixin):
    def visible_ids(self, ids):
        user = self.request.user
        from django.contrib.auth import get_user_model

        users = policy.visible_users(user, get_user_model().objects.filter(pk__in=ids))
        return {u.pk for u in users if u.pk == user.pk or policy.can_manage_user(user, u)}


def _limited(mixin, base):
    return type(base.__name__, (mixin, base), {"__module__": __name__})


PAGE_ACTIONS = [
    _limited(PageVisibleMixin, cls)
    for cls in (
        page_delete.DeleteBulkAction,
        page_move.MoveBulkAction,
        page_publish.PublishBulkAction,
        page_unpublish.UnpublishBulkAction,
    )
]
COLLECTION_ACTIONS = [
    _limited(CollectionVisibleMixin, cls)
    for cls in (
        doc_delete.DeleteBulkAction,
        doc_tags.AddTagsBulkAction,
        doc_collection.AddToCollectionBulkAction,
        image_delete.DeleteBulkAction,
        image_tags.AddTagsBulkAction,
        image_collection.AddToCollectionBulkAction,
    )
]


class RoleForm(forms.Form):
    role = forms.ModelChoiceField(queryset=None, label=_("Group"))

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = policy.manageable_groups(for_user).order_by("name")


class AssignRoleBulkAction(UserVisibleMixin, assign_role.AssignRoleBulkAction):
    form_class = RoleForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def check_perm(self, obj):
        return obj.pk != self.request.user.pk and policy.can_manage_user(self.request.user, obj)


class SetActiveStateBulkAction(UserVisibleMixin, set_active_state.SetActiveStateBulkAction):
    def check_perm(self, obj):
        return policy.can_manage_user(self.request.user, obj)

    @classmethod
    def execute_action(cls, objects, mark_as_active=False, model=None, user=None, **kwargs):
        # One save per person (Wagtail updates in bulk): deactivation hands work over and
        # is written to the audit log (accounts.signals).
        changed = 0
        for person in objects:
            if (user is not None and person.pk == user.pk) or person.is_active == mark_as_active:
                continue
            person.is_active = mark_as_active
            person._accounts_actor = user
            person.save(update_fields=["is_active"])
            changed += 1
        return changed, 0


class DeleteUsersBulkAction(UserVisibleMixin, user_delete.DeleteBulkAction):
    pass


USER_ACTIONS = [AssignRoleBulkAction, SetActiveStateBulkAction, DeleteUsersBulkAction]
ALL_ACTIONS = [*PAGE_ACTIONS, *COLLECTION_ACTIONS, *USER_ACTIONS]
