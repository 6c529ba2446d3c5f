"""The trainers' rights on pages and images, idempotent (run after ``migrate``, when a training
section is created and at each sandbox reset).

"Formateurs" may add, change, publish, lock and unlock pages in every locale's training section
and in the sandbox GT; add, change and choose images in the "Formation" collection (the
screenshots). Nothing else: no right on real groups' pages, documents or on users.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from accounts.roles import TRAINERS, role_group

TRAINER_PAGE_PERMS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
TRAINING_COLLECTION = "Formation"
IMAGE_PERMS = ["add_image", "change_image", "choose_image"]


def trainers_group():
    return role_group(TRAINERS)


def training_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=TRAINING_COLLECTION).first()
    return existing or root.add_child(name=TRAINING_COLLECTION)


def give_page_rights(group, pages, changes):
    for page in pages:
        for codename in TRAINER_PAGE_PERMS:
            _obj, created = GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
            if created:
                changes.append(f"gave “{group.name}” {codename} on “{page.title}” (#{page.pk})")


def provision_trainers(changes=None):
    """Give "Formateurs" its page and collection rights; return the list of changes."""
    from .models import TrainingIndexPage
    from .sandbox import sandbox_pages

    changes = [] if changes is None else changes
    if Collection.get_first_root_node() is None:
        return changes
    group = trainers_group()
    give_page_rights(group, list(TrainingIndexPage.objects.all()) + sandbox_pages(), changes)
    collection = training_collection()
    for codename in IMAGE_PERMS:
        _obj, created = GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(
                content_type__app_label="wagtailimages", codename=codename
            ),
        )
        if created:
            changes.append(f"gave “{group.name}” {codename} on collection “{collection.name}”")
    return changes


def is_trainer(user):
    return user.is_superuser or Group.objects.filter(name=TRAINERS, user=user).exists()
