"""What Wagtail's search promotions do not record: the searches that found nothing.

Search terms are Wagtail's own (``wagtail.contrib.search_promotions``: ``Query`` with its daily
hits, the editors' promotions, the *Search terms* report). ``UnansweredSearch`` counts, per
day and language, the hits of a ``Query`` that gave no result, for the *Searches without
results* report (Reports menu) so that editors add content or a promotion.
"""

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UnansweredSearch(models.Model):
    query = models.ForeignKey(
        "wagtailsearchpromotions.Query",
        verbose_name=_("search terms"),
        on_delete=models.CASCADE,
        related_name="unanswered",
    )
    language = models.CharField(_("language"), max_length=8)
    date = models.DateField(_("date"))
    hits = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        constraints = [
            models.UniqueConstraint(
                fields=["query", "language", "date"], name="search_unanswered_unique"
            )
        ]

    def __str__(self):
        return f"{self.query} ({self.language}, {self.date})"

    @classmethod
    def record(cls, query, language, date=None):
        """Count one more search of ``query`` without result today (two queries)."""
        row, _created = cls.objects.get_or_create(
            query=query, language=language, date=date or timezone.localdate()
        )
        cls.objects.filter(pk=row.pk).update(hits=F("hits") + 1)
