"""The one page base: small abstract mixins every page type combines (no deep hierarchy).

- ``SocialMetaMixin``: a sharing image and a description for OpenGraph/Twitter cards, with
  its own promote panels (``promote_panels``: Wagtail's plus "Sharing"). The description is the
  page's search description, else the first of its ``summary_fields`` that has text (plain
  text, tags stripped); the image is ``social_image``, else ``fallback_image_field``.
- ``SingletonPerLocaleMixin``: one page of the type per locale (library, report calendar,
  aid map); the other languages' pages are translations made by wagtail-localize.
- ``ListedInMenuMixin``: new pages of the type appear in the main navigation by default.

No SQL of their own, except ``can_create_at`` (one ``EXISTS`` in the admin).
"""

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class SocialMetaMixin(models.Model):
    """A sharing image and description (OpenGraph / Twitter cards) for any page type."""

    social_image = models.ForeignKey(
        "library.CustomImage",
        verbose_name=_("sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared on social networks (1200 × 630 px is best)."),
    )

    #: Fields tried in order for the sharing description when the search description is empty.
    summary_fields = ("summary", "intro", "mandate")
    #: An image field of the page used when no sharing image is chosen (e.g. a news image).
    fallback_image_field = None

    promote_panels_extra = [
        MultiFieldPanel([FieldPanel("social_image")], heading=_("Sharing on social networks"))
    ]
    promote_panels = [*Page.promote_panels, *promote_panels_extra]

    class Meta:
        abstract = True

    @property
    def social_summary(self):
        if self.search_description:
            return self.search_description
        for name in self.summary_fields:
            text = strip_tags(str(getattr(self, name, "") or "")).strip()
            if text:
                return Truncator(" ".join(text.split())).chars(200)
        return ""

    def get_social_image(self):
        if self.social_image_id:
            return self.social_image
        if self.fallback_image_field:
            return getattr(self, self.fallback_image_field)
        return None


class SingletonPerLocaleMixin:
    """At most one page of this type per locale."""

    @classmethod
    def can_create_at(cls, parent):
        return (
            super().can_create_at(parent)
            and not cls.objects.filter(locale_id=parent.locale_id).exists()
        )


class ListedInMenuMixin:
    """Pages created with this mixin appear in the main navigation by default."""

    show_in_menus_default = True
