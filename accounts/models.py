from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: administrator, Pool Technique staff, GT focal point or trainer.

    Custom from the first migration so that profile fields can be added without a swap.
    """

    organisation_name = models.CharField(
        _("organisation"),
        max_length=255,
        blank=True,
        help_text=_("The partner, ministry or body this person works for."),
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
