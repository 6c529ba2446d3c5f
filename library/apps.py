from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Document library")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.models import Collection, CollectionViewRestriction

        from .queries import invalidate_restrictions

        for model in (Collection, CollectionViewRestriction):
            for signal in (post_save, post_delete):
                signal.connect(
                    invalidate_restrictions,
                    sender=model,
                    dispatch_uid=f"library-restrictions-{model.__name__}-{signal is post_save}",
                )
        m2m_changed.connect(
            invalidate_restrictions,
            sender=CollectionViewRestriction.groups.through,
            dispatch_uid="library-restrictions-groups",
        )
