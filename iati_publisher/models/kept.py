"""``KeptSource``: what an imported file said about an activity or one of its parts, kept
verbatim so that the export re-publishes it (``iati_publisher.kept``). Not editable: the
editor never shows it, a save keeps it, a revision carries it. No SQL of its own."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KeptSource(models.Model):
    iati_source = models.JSONField(
        _("IATI source"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("The element as the publisher wrote it, re-published unless edited."),
    )

    class Meta:
        abstract = True

    def is_unedited_import(self) -> bool:
        """Imported and its fields as the publisher wrote them: the editor's own checks (a
        point in Mali, a web address Django accepts) do not refuse the publisher's data."""
        from iati_publisher.kept import digest

        source = self.iati_source or {}
        return bool(source.get("xml")) and source.get("digest") == digest(self)
