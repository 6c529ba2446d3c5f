"""Small abstract mixins for page types (kept shallow on purpose)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class SocialMetaMixin(models.Model):
    """Adds an optional sharing image used by OpenGraph / Twitter cards.

    Pages may override ``social_summary`` to give a better description than
    ``search_description``.
    """

    social_image = models.ForeignKey(
        "library.CustomImage",
        verbose_name=_("sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared on social networks."),
    )

    promote_panels_extra = [FieldPanel("social_image")]

    class Meta:
        abstract = True

    @property
    def social_summary(self):
        return self.search_description

    def get_social_image(self):
        return self.social_image


class ListedInMenuMixin:
    """Pages created with this mixin appear in the main navigation by default."""

    show_in_menus_default = True
