"""Accounts created by the sandbox reset: only these may be reset, deactivated or wiped."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TraineeAccount(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="trainee_account",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    reset_at = models.DateTimeField(_("last reset"), auto_now=True)

    class Meta:
        verbose_name = _("trainee account")
        verbose_name_plural = _("trainee accounts")

    def __str__(self):
        return str(self.user)
