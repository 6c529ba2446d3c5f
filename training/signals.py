"""Receivers of the training app (imported in ``TrainingConfig.ready``).

- a module's handout is rebuilt whenever the module is published;
- the trainers' page rights follow the training sections (created in any locale) and are
  repaired after every ``migrate``.
"""

import logging

from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import TrainingIndexPage, TrainingModulePage

logger = logging.getLogger(__name__)


@receiver(page_published, sender=TrainingModulePage, dispatch_uid="training-handout")
def rebuild_handout(sender, instance, **kwargs):
    from .handouts import build_handout

    build_handout(instance)


@receiver(post_save, sender=TrainingIndexPage, dispatch_uid="training-index-rights")
def trainers_rights_on_new_section(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .permissions import give_page_rights, trainers_group

        give_page_rights(trainers_group(), [instance], [])


@receiver(post_migrate, dispatch_uid="training-provision-trainers")
def provision_after_migrate(sender, app_config=None, **kwargs):
    if app_config is None or app_config.label != "training":
        return
    from .permissions import provision_trainers

    try:
        provision_trainers()
    except Exception as error:  # noqa: BLE001 - e.g. other apps' tables not migrated yet
        logger.warning("Trainers' rights not provisioned yet: %s", error)
