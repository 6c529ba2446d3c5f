"""Stored text is XML-safe: :class:`CleanTextMixin` removes, on every save, the control
characters that XML 1.0 cannot carry (``home.text.clean_text``), so that one record pasted from
Word can never break a publication. Bulk writes call :meth:`clean_texts` themselves. No SQL."""

from django.db import models

from home.text import clean_text


class CleanTextMixin:
    def clean_texts(self):
        for field in self._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, clean_text(value))
        return self

    def save(self, *args, **kwargs):
        self.clean_texts()
        super().save(*args, **kwargs)
