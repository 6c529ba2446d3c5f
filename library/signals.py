"""Keep the library's cached privacy data in step with collections and their restrictions.

Imported in ``LibraryConfig.ready``.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Collection, CollectionViewRestriction

from .queries import invalidate_restrictions


@receiver(post_save, sender=Collection, dispatch_uid="library-collection-saved")
@receiver(post_delete, sender=Collection, dispatch_uid="library-collection-deleted")
@receiver(post_save, sender=CollectionViewRestriction, dispatch_uid="library-restriction-saved")
@receiver(post_delete, sender=CollectionViewRestriction, dispatch_uid="library-restriction-deleted")
@receiver(
    m2m_changed,
    sender=CollectionViewRestriction.groups.through,
    dispatch_uid="library-restriction-groups",
)
def restrictions_changed(sender, **kwargs):
    invalidate_restrictions()
