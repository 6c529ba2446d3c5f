"""Provision a group's rights whenever its GT/SGT page is created, renamed or translated."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import SubGroupPage, ThematicGroupPage


@receiver(post_save, sender=ThematicGroupPage)
@receiver(post_save, sender=SubGroupPage)
def provision_on_save(sender, instance, created, update_fields=None, raw=False, **kwargs):
    if raw:
        return
    if update_fields is not None and "acronym" not in update_fields and not created:
        return
    from .permissions import provision_group

    provision_group(instance)
