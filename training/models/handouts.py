"""The stored PDF handout of a module page (one per translation), rebuilt at publication."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Handout(models.Model):
    page = models.OneToOneField(
        "training.TrainingModulePage",
        verbose_name=_("module"),
        on_delete=models.CASCADE,
        related_name="handout_file",
    )
    file = models.FileField(_("file"), upload_to="training/handouts/")
    revision_id = models.PositiveBigIntegerField(_("revision"), null=True)
    generated_at = models.DateTimeField(_("generated"), auto_now=True)
    seconds = models.FloatField(_("generation time (s)"), default=0)

    class Meta:
        verbose_name = _("handout")
        verbose_name_plural = _("handouts")

    def __str__(self):
        return self.file.name
