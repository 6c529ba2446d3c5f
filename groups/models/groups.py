"""Thematic groups (GT) and sub-groups (SGT): their pages, members and focal points.

``GroupAccess`` records what was provisioned for a group (Wagtail groups, collection,
workflow): see ``groups.permissions``.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.mixins import ListedInMenuMixin, SocialMetaMixin

from .. import validation
from ..forms import GroupPageForm
from .organisations import Organisation

SECTOR_CODE_RE = re.compile(r"^\d{5}$")
CANEVAS_PAGE_TYPES = [
    "groups.TermsOfReferencePage",
    "groups.WorkProgrammePage",
    "groups.MeetingPage",
    "groups.JointMissionsCalendarPage",
    "groups.CapacityBuildingPage",
    "groups.AnnualReviewPage",
    "groups.GroupNewsPage",
]


class GroupStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    AD_HOC = "ad_hoc", _("Ad hoc")
    CLOSED = "closed", _("Closed")


def validate_sector_codes(value):
    for code in split_codes(value):
        if not SECTOR_CODE_RE.match(code):
            raise ValidationError(
                _("“%(code)s” is not a 5-digit DAC sector (purpose) code."),
                params={"code": code},
                code="invalid_sector",
            )


def split_codes(value):
    return [code.strip() for code in re.split(r"[,;\s]+", value or "") if code.strip()]


class GroupIndexPage(ListedInMenuMixin, SocialMetaMixin, RoutablePageMixin, Page):
    """The list of thematic groups (one per locale), with the agenda of their meetings."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["groups.ThematicGroupPage"]
    template = "groups/group_index_page.html"
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("thematic groups index")

    def get_context(self, request, *args, **kwargs):
        from ..queries import group_index_rows

        context = super().get_context(request, *args, **kwargs)
        context["rows"] = group_index_rows(self)
        return context

    @path("agenda/")
    def agenda(self, request):
        from ..agenda import agenda_context

        return self.render(
            request,
            context_overrides=agenda_context(self, request),
            template="groups/agenda.html",
        )

    @path("agenda/ical/")
    def agenda_ics(self, request):
        from ..agenda import ics_response

        return ics_response(self, request)


class BaseGroupPage(SocialMetaMixin, RoutablePageMixin, Page):
    """Fields shared by GT and SGT pages."""

    acronym = models.CharField(_("acronym"), max_length=30)
    mandate = RichTextField(_("mandate"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=GroupStatus.choices, default=GroupStatus.ACTIVE
    )
    lead_partner = models.ForeignKey(
        Organisation,
        verbose_name=_("lead partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    co_lead = models.ForeignKey(
        Organisation,
        verbose_name=_("co-lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    government_counterpart = models.ForeignKey(
        Organisation,
        verbose_name=_("government counterpart"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dac_sector_codes = models.CharField(
        _("DAC sector codes"),
        max_length=500,
        blank=True,
        validators=[validate_sector_codes],
        help_text=_("5-digit DAC (CRS purpose) codes the group covers, separated by commas."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("acronym"),
                FieldPanel("status"),
                FieldPanel("lead_partner"),
                FieldPanel("co_lead"),
                FieldPanel("government_counterpart"),
                FieldPanel("dac_sector_codes"),
            ],
            heading=_("Identity"),
        ),
        FieldPanel("mandate"),
        InlinePanel("focal_points", label=_("Focal points"), heading=_("Focal points")),
        InlinePanel("memberships", label=_("Member organisation"), heading=_("Members")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("acronym"),
        index.SearchField("mandate"),
    ]
    base_form_class = GroupPageForm

    class Meta:
        abstract = True

    @property
    def sector_codes(self):
        """The DAC sector codes as a list of strings (used to attach IATI activities)."""
        return split_codes(self.dac_sector_codes)

    def clean(self):
        super().clean()
        if self.path and self.depth and not self.pk:
            message = validation.sgt_parent_message(type(self), self.get_parent())
            if message:
                raise ValidationError(message, code="sgt_outside_gt")
        self.dac_sector_codes = ", ".join(split_codes(self.dac_sector_codes))

    def get_access(self):
        from .access import GroupAccess

        return GroupAccess.objects.filter(translation_key=self.translation_key).first()

    def get_collection(self):
        """The group's (public) document and image Collection, provisioned on creation."""
        from ..permissions import provision_group

        access = self.get_access()
        if access is None or access.collection_id is None:
            access = provision_group(self)
        return access.collection

    def get_private_collection(self):
        """The group's private Collection: documents served only to the group and the Pool."""
        self.get_collection()
        return self.get_access().private_collection

    def get_context(self, request, *args, **kwargs):
        from ..queries import group_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(group_page_context(self))
        return context

    @path("ical/")
    def agenda_ics(self, request):
        from ..agenda import ics_response

        return ics_response(self, request)

    @path("rss/")
    def feed(self, request):
        from ..feeds import GroupFeed

        return GroupFeed()(request, page=self)


class ThematicGroupPage(BaseGroupPage):
    """A thematic group (GT) of the PTF, edited by its own focal points."""

    parent_page_types = ["groups.GroupIndexPage"]
    subpage_types = ["groups.SubGroupPage", *CANEVAS_PAGE_TYPES]
    template = "groups/thematic_group_page.html"

    class Meta:
        verbose_name = _("thematic group (GT)")
        verbose_name_plural = _("thematic groups (GT)")


class SubGroupPage(BaseGroupPage):
    """A sub-group (SGT), always under a GT."""

    parent_page_types = ["groups.ThematicGroupPage"]
    subpage_types = CANEVAS_PAGE_TYPES
    template = "groups/thematic_group_page.html"

    class Meta:
        verbose_name = _("sub-group (SGT)")
        verbose_name_plural = _("sub-groups (SGT)")

    @property
    def parent_group(self):
        return self.get_parent().specific


class DateRangeMixin(models.Model):
    """Validates that ``end_date`` is not before ``start_date``."""

    def clean(self):
        super().clean()
        start, end = self.start_date, self.end_date
        if start and end and end < start:
            raise ValidationError(
                {"end_date": _("The end date cannot be before the start date.")},
                code="end_before_start",
            )

    class Meta:
        abstract = True


class GroupMembership(DateRangeMixin, Orderable):
    """An organisation's membership of a group, from a date (and until a date)."""

    page = ParentalKey(Page, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    start_date = models.DateField(_("member since"), default=timezone.localdate)
    end_date = models.DateField(_("member until"), null=True, blank=True)

    panels = [FieldPanel("organisation"), FieldPanel("start_date"), FieldPanel("end_date")]

    class Meta(Orderable.Meta):
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return str(self.organisation)

    def covers(self, day):
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


class GroupFocalPoint(Orderable):
    """A focal point of a group: a named person of an organisation (optionally a user)."""

    page = ParentalKey(Page, on_delete=models.CASCADE, related_name="focal_points")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("organisation"),
        FieldPanel("role"),
        FieldPanel("email"),
        FieldPanel("user"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")

    def __str__(self):
        return self.name
