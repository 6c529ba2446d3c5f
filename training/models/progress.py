"""Progress: which lessons a person has completed (ticked on the module page).

A lesson is identified by its module's ``translation_key`` and its StreamField block id, both
shared by every translation: progress does not depend on the language it was ticked in.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LessonProgress(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="training_progress",
    )
    module_key = models.UUIDField(_("module"), db_index=True)
    lesson_id = models.CharField(_("lesson"), max_length=64)
    completed_at = models.DateTimeField(_("completed"), auto_now_add=True)

    class Meta:
        verbose_name = _("lesson completed")
        verbose_name_plural = _("lessons completed")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module_key", "lesson_id"], name="training_progress_once"
            )
        ]
        permissions = [
            ("view_training_progress", _("Can see every trainee's progress")),
            ("reset_sandbox", _("Can reset the training sandbox")),
        ]

    def __str__(self):
        return f"{self.user} — {self.lesson_id}"
