"""Stored text is XML-safe and as an XML reader sees it: :class:`CleanTextMixin`, on every
save, removes the control characters that XML 1.0 cannot carry (``home.text.xml_text``), so
that one record pasted from Word can never break a publication, and turns the line ends
``\\r\\n`` and ``\\r`` into ``\\n``, as every XML parser does (XML 1.0, section 2.11): a text
posted from a browser's text area (CRLF) equals the same text imported from a file, so an
unedited multi-line description is not taken for an edit (``kept.combine``), and no ``&#13;``
is published. Bulk writes call :meth:`clean_texts` themselves. No SQL."""

from django.db import models

from home.text import xml_text


class CleanTextMixin:
    def clean_texts(self):
        for field in self._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, xml_text(value))
        return self

    def save(self, *args, **kwargs):
        self.clean_texts()
        super().save(*args, **kwargs)
