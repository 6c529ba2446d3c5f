"""Provisioning of a GT/SGT's rights, idempotent (safe to run again at any time).

For each group (all translations of its page share one ``GroupAccess``):
- Wagtail group "<acronym> — Éditeurs": add/change/lock on the group's subtree (no publish:
  their changes go through moderation);
- Wagtail group "<acronym> — Modérateurs": add/change/publish/lock/unlock on the subtree;
- a Collection "<acronym>" (under "Groupes thématiques") with a private child collection whose
  documents are served only to the group and the Pool Technique; both Wagtail groups may add,
  change and choose documents and images there; the moderators (and the Pool Technique, on
  every collection) also hold ``wagtaildocs.publish_document``: they approve the documents the
  editors ask to show in the public library (``library.moderation``);
- a Workflow "<acronym> — Modération" with one GroupApprovalTask (the group's moderators and the
  global "Pool Technique" group), assigned to the subtree of every translation of the page.

Every function returns (or appends to) a list of human-readable changes, which the
``sync_group_permissions`` command prints.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from accounts.roles import POOL_TECHNIQUE as POOL_TECHNIQUE_GROUP
from accounts.roles import sync_roles

GROUPS_COLLECTION = "Groupes thématiques"
EDITOR_PAGE_PERMS = {"add_page", "change_page", "lock_page"}
MODERATOR_PAGE_PERMS = {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
POOL_PAGE_PERMS = {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
COLLECTION_PERMS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]
# Approving documents for the public library: a permission of Wagtail's document model that
# Wagtail does not define, so that its collection permission policy answers for it.
PUBLISH_DOCUMENT = ("wagtaildocs", "publish_document")
MODERATOR_COLLECTION_PERMS = [*COLLECTION_PERMS, PUBLISH_DOCUMENT]


def editors_name(acronym):
    return f"{acronym} — Éditeurs"


def moderators_name(acronym):
    return f"{acronym} — Modérateurs"


def document_publish_permission():
    """``wagtaildocs.publish_document``, created the first time it is needed."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.documents.models import Document

    permission, _ = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Document, for_concrete_model=False),
        codename=PUBLISH_DOCUMENT[1],
        defaults={"name": "Can approve documents for the public library"},
    )
    return permission


def _perm(app_label, codename):
    if (app_label, codename) == PUBLISH_DOCUMENT:
        return document_publish_permission()
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def page_perm(codename):
    return _perm("wagtailcore", codename)


def collection_perms(perms=COLLECTION_PERMS):
    return [_perm(app, code) for app, code in perms]


def pool_technique_group(changes=None):
    """The global Pool Technique group: admin access, dashboard, moderation on every group."""
    changes = [] if changes is None else changes
    sync_roles(changes)  # the role's model permissions (accounts.roles, groups/roles.py)
    group = Group.objects.get(name=POOL_TECHNIQUE_GROUP)
    from .models import GroupIndexPage

    # Moderation and publication everywhere: on every locale's home page (the whole site) and,
    # should a group index live elsewhere, on it too; documents and images of every collection.
    for page in Page.objects.filter(depth=2) | Page.objects.type(GroupIndexPage):
        _ensure_page_perms(group, page, POOL_PAGE_PERMS, changes, exact=False)
    groups_root_collection(changes)
    _ensure_collection_perms(group, Collection.get_first_root_node(), changes)
    return group


def groups_root_collection(changes):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=GROUPS_COLLECTION).first()
    if existing:
        return existing
    changes.append(f"created collection “{GROUPS_COLLECTION}”")
    return root.add_child(name=GROUPS_COLLECTION)


def _ensure_model_perms(group, perms, changes):
    for app_label, codename in perms:
        permission = _perm(app_label, codename)
        if not group.permissions.filter(pk=permission.pk).exists():
            group.permissions.add(permission)
            changes.append(f"gave “{group.name}” the permission {app_label}.{codename}")


def _ensure_page_perms(group, page, codenames, changes, exact=True):
    existing = set(
        GroupPagePermission.objects.filter(group=group, page=page).values_list(
            "permission__codename", flat=True
        )
    )
    for codename in sorted(codenames - existing):
        GroupPagePermission.objects.create(group=group, page=page, permission=page_perm(codename))
        changes.append(f"gave “{group.name}” {codename} on page “{page.title}” (#{page.pk})")
    if exact:
        extra = existing - codenames
        if extra:
            GroupPagePermission.objects.filter(
                group=group, page=page, permission__codename__in=extra
            ).delete()
            changes.append(
                f"removed {', '.join(sorted(extra))} from “{group.name}” on “{page.title}” (#{page.pk})"
            )


def _ensure_collection_perms(group, collection, changes, perms=MODERATOR_COLLECTION_PERMS):
    for permission in collection_perms(perms):
        _, created = GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
        if created:
            changes.append(
                f"gave “{group.name}” {permission.codename} on collection “{collection.name}”"
            )


def _ensure_group(access, attr, name, changes):
    group = getattr(access, attr)
    if group is None:
        group, created = Group.objects.get_or_create(name=name)
        changes.append(f"{'created' if created else 'linked'} group “{name}”")
        setattr(access, attr, group)
    elif group.name != name:
        changes.append(f"renamed group “{group.name}” to “{name}”")
        group.name = name
        group.save(update_fields=["name"])
    _ensure_model_perms(group, [("wagtailadmin", "access_admin")], changes)
    # Drift: a managed group holds no other global permission.
    extra = group.permissions.exclude(codename="access_admin")
    if extra.exists():
        names = ", ".join(sorted(extra.values_list("codename", flat=True)))
        group.permissions.remove(*extra)
        changes.append(f"removed global permissions {names} from “{group.name}”")
    return group


def _ensure_collections(access, acronym, editors, moderators, pool, changes):
    parent = groups_root_collection(changes)
    collection = access.collection
    if collection is None:
        collection = parent.add_child(name=acronym)
        changes.append(f"created collection “{acronym}”")
        access.collection = collection
    elif collection.name != acronym:
        changes.append(f"renamed collection “{collection.name}” to “{acronym}”")
        collection.name = acronym
        collection.save()
    private_name = f"{acronym} — Privé"
    private = access.private_collection
    if private is None:
        collection = Collection.objects.get(pk=collection.pk)  # fresh tree data
        private = collection.add_child(name=private_name)
        changes.append(f"created private collection “{private_name}”")
        access.private_collection = private
    elif private.name != private_name:
        private.name = private_name
        private.save()
        changes.append(f"renamed private collection to “{private_name}”")
    _ensure_collection_perms(editors, collection, changes, COLLECTION_PERMS)
    _ensure_collection_perms(moderators, collection, changes)
    # Drift: editors never approve documents (their uploads wait for the moderators).
    stray = GroupCollectionPermission.objects.filter(
        group=editors, permission=document_publish_permission()
    )
    if stray.exists():
        stray.delete()
        changes.append(f"removed document approval from “{editors.name}”")
    restriction = CollectionViewRestriction.objects.filter(collection=private).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.GROUPS
        )
        changes.append(f"restricted “{private_name}” to the group and the Pool Technique")
    wanted = {editors.pk, moderators.pk, pool.pk}
    if set(restriction.groups.values_list("pk", flat=True)) != wanted:
        restriction.groups.set(wanted)
        changes.append(f"reset the groups allowed to see “{private_name}”")


def _ensure_workflow(access, acronym, moderators, pool, pages, changes):
    name = f"{acronym} — Modération"
    workflow = access.workflow
    if workflow is None:
        workflow = Workflow.objects.create(name=name, active=True)
        changes.append(f"created workflow “{name}”")
        access.workflow = workflow
    elif workflow.name != name or not workflow.active:
        workflow.name, workflow.active = name, True
        workflow.save()
        changes.append(f"renamed/reactivated workflow “{name}”")
    task_link = WorkflowTask.objects.filter(workflow=workflow).select_related("task").first()
    task = task_link.task.specific if task_link else None
    if not isinstance(task, GroupApprovalTask):
        task = GroupApprovalTask.objects.create(name=f"{acronym} — Approbation", active=True)
        WorkflowTask.objects.filter(workflow=workflow).delete()
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        changes.append(f"created approval task of “{name}”")
    if set(task.groups.values_list("pk", flat=True)) != {moderators.pk, pool.pk}:
        task.groups.set([moderators, pool])
        changes.append(f"set approvers of “{name}”: {moderators.name}, {pool.name}")
    for page in pages:
        link = WorkflowPage.objects.filter(page=page).first()
        if link is None:
            WorkflowPage.objects.create(page=page, workflow=workflow)
            changes.append(f"assigned workflow “{name}” to “{page.title}” (#{page.pk})")
        elif link.workflow_id != workflow.pk:
            link.workflow = workflow
            link.save()
            changes.append(f"re-assigned workflow “{name}” to “{page.title}” (#{page.pk})")


@transaction.atomic
def provision_group(page, changes=None):
    """Create or repair everything a GT/SGT page needs; return its ``GroupAccess``."""
    from .models import GroupAccess

    changes = [] if changes is None else changes
    page = page.specific
    acronym = page.acronym.strip() or page.title[:30]
    access, created = GroupAccess.objects.get_or_create(
        translation_key=page.translation_key, defaults={"acronym": acronym}
    )
    if created:
        changes.append(f"registered group {acronym}")
    elif access.acronym != acronym:
        changes.append(f"acronym {access.acronym} → {acronym}")
        access.acronym = acronym
    pool = pool_technique_group(changes)
    editors = _ensure_group(access, "editors", editors_name(acronym), changes)
    moderators = _ensure_group(access, "moderators", moderators_name(acronym), changes)
    pages = list(Page.objects.filter(translation_key=page.translation_key, depth=page.depth))
    for each in pages:
        _ensure_page_perms(editors, each, EDITOR_PAGE_PERMS, changes)
        _ensure_page_perms(moderators, each, MODERATOR_PAGE_PERMS, changes)
    # Drift: the group's Wagtail groups have rights on no other page.
    for group in (editors, moderators):
        stray = GroupPagePermission.objects.filter(group=group).exclude(page__in=pages)
        if stray.exists():
            stray.delete()
            changes.append(f"removed “{group.name}” rights outside its subtree")
    _ensure_collections(access, acronym, editors, moderators, pool, changes)
    _ensure_workflow(access, acronym, moderators, pool, pages, changes)
    access.save()
    return access


def sync_all():
    """Provision every GT/SGT (source pages and translations); return the list of changes."""
    from .models import GroupAccess, SubGroupPage, ThematicGroupPage

    changes = []
    pool_technique_group(changes)
    seen = set()
    for model in (ThematicGroupPage, SubGroupPage):
        for page in model.objects.order_by("path"):
            if page.translation_key in seen:
                continue
            seen.add(page.translation_key)
            provision_group(page, changes)
    orphans = GroupAccess.objects.exclude(translation_key__in=seen)
    for access in orphans:
        changes.append(f"orphan: group {access.acronym} has no page any more (kept its groups)")
    return changes


def delete_group_access(access):
    """Delete the Wagtail groups, workflow and empty collections of a deleted group."""
    for group in (access.editors, access.moderators):
        if group is not None:
            group.delete()
    if access.workflow is not None:
        WorkflowPage.objects.filter(workflow=access.workflow).delete()
        access.workflow.active = False
        access.workflow.save()
    access.delete()
