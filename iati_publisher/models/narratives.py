"""The narratives of an activity's title and descriptions beyond its French and English
fields, edited inline on the activity's screen: every title narrative in another language and
every description narrative (types 1-4, any language) but the French and English texts of the
general description (``Activity.description_fr`` / ``description_en``). One row is one
``<narrative>``: its element (title or description), the description's type, its language (any
ISO 639-1 code of the Language codelist) and its text. Imported rows keep where they came from
(``KeptSource``: the narrative and its position); how they are read and written is declared
once, in ``iati_publisher.narratives``. No SQL of its own.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable

from .activity import Activity
from .codelists import CodeField
from .kept import KeptSource
from .text import CleanTextMixin

TITLE, DESCRIPTION = "title", "description"


class ActivityNarrative(CleanTextMixin, KeptSource, Orderable):
    """A text of the activity's title or of one of its descriptions, in one language."""

    ELEMENTS = [(TITLE, _("Title")), (DESCRIPTION, _("Description"))]

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="narratives")
    element = models.CharField(_("element"), max_length=20, choices=ELEMENTS, default=DESCRIPTION)
    description_type = CodeField(
        _("description type"),
        codelist="DescriptionType",
        blank=True,
        default="1",
        help_text=_("For a description: general, objectives, target groups or other."),
    )
    lang = CodeField(_("language"), codelist="Language")
    text = models.TextField(_("text"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("title or description text")
        verbose_name_plural = _("texts of the title and descriptions")

    def __str__(self):
        return f"{self.element} {self.description_type} {self.lang}"
