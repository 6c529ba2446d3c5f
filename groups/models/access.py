"""What was provisioned for a GT/SGT: its two Wagtail groups, collections and workflow."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, Workflow


class GroupAccess(models.Model):
    """The rights of one GT/SGT, shared by all translations of its page (same translation key).

    Links are kept by foreign key, so renaming the group renames them without breaking them.
    """

    translation_key = models.UUIDField(_("translation key"), unique=True)
    acronym = models.CharField(_("acronym"), max_length=30)
    editors = models.ForeignKey(
        Group, verbose_name=_("editors"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderators = models.ForeignKey(
        Group, verbose_name=_("moderators"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    collection = models.ForeignKey(
        Collection,
        verbose_name=_("collection"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    private_collection = models.ForeignKey(
        Collection,
        verbose_name=_("private collection"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    workflow = models.ForeignKey(
        Workflow, verbose_name=_("workflow"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("group access")
        verbose_name_plural = _("group accesses")
        permissions = [("view_dashboard", "Can view the thematic groups dashboard")]

    def __str__(self):
        return self.acronym

    def pages(self):
        from wagtail.models import Page

        return Page.objects.filter(translation_key=self.translation_key)
