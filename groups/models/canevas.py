"""The group's standard templates (*canevas*): each is pre-filled with its structure.

Terms of reference, annual work programme, joint missions calendar, capacity-building programme,
annual review and group news. Meetings live in ``meetings.py``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.mixins import SocialMetaMixin

from .. import validation
from ..forms import GroupChildPageForm, YearPageForm
from .groups import DateRangeMixin

GROUP_PARENTS = ["groups.ThematicGroupPage", "groups.SubGroupPage"]


def this_year():
    return timezone.localdate().year


def last_year():
    return timezone.localdate().year - 1


def sections(*titles):
    """A rich-text skeleton: one heading and a hint paragraph per section."""
    hint = gettext("To be completed.")
    return "".join(f"<h2>{title}</h2><p>{hint}</p>" for title in titles)


def body_sections(*titles):
    return [("paragraph", sections(*titles))]


def tor_structure():
    return body_sections(
        gettext("Context"),
        gettext("Mandate and objectives"),
        gettext("Composition and lead partner"),
        gettext("Working arrangements"),
        gettext("Expected results"),
        gettext("Reporting"),
    )


def wp_objectives():
    return sections(gettext("General objective"), gettext("Specific objectives"))


def wp_coherence():
    return sections(gettext("Coherence with the PTF annual work programme"))


def cb_structure():
    return body_sections(
        gettext("Needs identified"),
        gettext("Target audiences"),
        gettext("Planned training and exchanges"),
        gettext("Follow-up and evaluation"),
    )


def review_structure():
    return body_sections(
        gettext("Summary of the year"),
        gettext("Results against the work programme"),
        gettext("Difficulties and lessons learnt"),
        gettext("Recommendations for next year"),
    )


def ptf_theme_choices():
    """Priority themes of the PTF work programme in the default language (reports app)."""
    return models.Q(locale__language_code=settings.LANGUAGE_CODE)


def priority_themes_field(related_name):
    """The link to the PTF's priority themes (``reports.PriorityTheme``): a real relation."""
    return ParentalManyToManyField(
        "reports.PriorityTheme",
        verbose_name=_("PTF priority themes"),
        blank=True,
        related_name=related_name,
        limit_choices_to=ptf_theme_choices,
        help_text=_("The priority themes of the PTF annual work programme this serves."),
    )


def year_field():
    return models.PositiveSmallIntegerField(
        _("year"),
        default=this_year,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )


class GroupChildPage(SocialMetaMixin, Page):
    """Base of the canevas pages: lives directly under a GT or SGT."""

    parent_page_types = GROUP_PARENTS
    subpage_types = []
    base_form_class = GroupChildPageForm

    class Meta:
        abstract = True

    @property
    def group(self):
        return self.get_parent().specific

    def in_tree(self):
        return bool(self.path and self.depth)

    def clean(self):
        super().clean()
        year = getattr(self, "year", None)
        if year and self.in_tree():
            message = validation.duplicate_year_message(type(self), self.get_parent(), year, self)
            if message:
                raise ValidationError({"year": message}, code="duplicate_year")


class TermsOfReferencePage(GroupChildPage):
    """The group's terms of reference (TdR): adoption date, text and signed document."""

    adoption_date = models.DateField(_("date of adoption"), null=True, blank=True)
    document = models.ForeignKey(
        "library.CustomDocument",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True, default=tor_structure)

    content_panels = [
        *Page.content_panels,
        FieldPanel("adoption_date"),
        FieldPanel("document"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    max_count_per_parent = 1
    template = "groups/canevas_page.html"

    class Meta:
        verbose_name = _("terms of reference")
        verbose_name_plural = _("terms of reference")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    LATE = "late", _("Late")
    CANCELLED = "cancelled", _("Cancelled")


class WorkProgrammePage(GroupChildPage):
    """The group's annual work programme: objectives and activities (one per year)."""

    year = year_field()
    objectives = RichTextField(_("objectives"), blank=True, default=wp_objectives)
    ptf_coherence = RichTextField(
        _("coherence with the PTF annual work programme"), blank=True, default=wp_coherence
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("objectives"),
        InlinePanel("activities", label=_("Activity"), heading=_("Activities")),
        FieldPanel("ptf_coherence"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("objectives"),
        index.FilterField("year"),
    ]
    base_form_class = YearPageForm
    template = "groups/work_programme_page.html"

    class Meta:
        verbose_name = _("annual work programme")
        verbose_name_plural = _("annual work programmes")


class WorkProgrammeActivity(DateRangeMixin, Orderable, ClusterableModel):
    """An activity of a work programme: who, when, status and expected results.

    Clusterable so that its link to the PTF priority themes is kept in revisions and saved
    with the page (modelcluster commits a child's ParentalManyToManyField on its save)."""

    page = ParentalKey(WorkProgrammePage, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("activity"), max_length=255)
    responsible = models.CharField(_("responsible"), max_length=255, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    expected_results = models.TextField(_("expected results"), blank=True)
    priority_themes = priority_themes_field("activities")

    panels = [
        FieldPanel("title"),
        FieldPanel("responsible"),
        FieldPanel("start_date"),
        FieldPanel("end_date"),
        FieldPanel("status"),
        FieldPanel("expected_results"),
        FieldPanel("priority_themes", widget=CheckboxSelectMultiple),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.title

    @property
    def is_late(self):
        if self.status == ActivityStatus.LATE:
            return True
        open_statuses = (ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS)
        return bool(
            self.status in open_statuses and self.end_date and self.end_date < timezone.localdate()
        )


class JointMissionsCalendarPage(GroupChildPage):
    """The calendar of the group's joint missions and joint work for a year."""

    year = year_field()
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("intro"),
        InlinePanel("missions", label=_("Mission or joint work"), heading=_("Calendar")),
    ]
    base_form_class = YearPageForm
    template = "groups/canevas_page.html"

    class Meta:
        verbose_name = _("joint missions calendar")
        verbose_name_plural = _("joint missions calendars")


class MissionKind(models.TextChoices):
    MISSION = "mission", _("Joint mission")
    WORK = "work", _("Joint work")
    REVIEW = "review", _("Joint review")


class JointMission(DateRangeMixin, Orderable):
    page = ParentalKey(JointMissionsCalendarPage, on_delete=models.CASCADE, related_name="missions")
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=16, choices=MissionKind.choices, default=MissionKind.MISSION
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    partners = models.CharField(_("partners involved"), max_length=500, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("start_date"),
        FieldPanel("end_date"),
        FieldPanel("place"),
        FieldPanel("partners"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("joint mission")
        verbose_name_plural = _("joint missions")


class CapacityBuildingPage(GroupChildPage):
    """The group's capacity-building programme for a year."""

    year = year_field()
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True, default=cb_structure)

    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("body"),
        InlinePanel("actions", label=_("Action"), heading=_("Actions")),
    ]
    base_form_class = YearPageForm
    template = "groups/canevas_page.html"

    class Meta:
        verbose_name = _("capacity-building programme")
        verbose_name_plural = _("capacity-building programmes")


class CapacityBuildingAction(DateRangeMixin, Orderable):
    page = ParentalKey(CapacityBuildingPage, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("title"), max_length=255)
    audience = models.CharField(_("target audience"), max_length=255, blank=True)
    provider = models.CharField(_("provided by"), max_length=255, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("audience"),
        FieldPanel("provider"),
        FieldPanel("start_date"),
        FieldPanel("end_date"),
        FieldPanel("status"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("capacity-building action")
        verbose_name_plural = _("capacity-building actions")


class AnnualReviewPage(GroupChildPage):
    """The annual review (*bilan*): results of the year against its work programme."""

    year = models.PositiveSmallIntegerField(
        _("year"), default=last_year, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True, default=review_structure)
    document = models.ForeignKey(
        "library.CustomDocument",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("body"),
        FieldPanel("document"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    base_form_class = YearPageForm
    template = "groups/canevas_page.html"

    class Meta:
        verbose_name = _("annual review")
        verbose_name_plural = _("annual reviews")


class GroupNewsPage(GroupChildPage):
    """A news item of the group (listed in the group's RSS feed)."""

    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(_("summary"), max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    template = "groups/canevas_page.html"

    class Meta:
        verbose_name = _("group news item")
        verbose_name_plural = _("group news")
