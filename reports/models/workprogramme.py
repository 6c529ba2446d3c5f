"""The PTF's annual work programme (one page per year and language) and its priority themes.

A ``PriorityTheme`` belongs to a programme page (inline, translated with it by
wagtail-localize: themes keep their ``translation_key`` across languages). The groups link
to the themes of the French tree, the same rule as the library and IATI links to groups:
- ``PriorityTheme.groups`` — the GT/SGT that carry the theme;
- ``groups.WorkProgrammeActivity.priority_themes`` — the activities of a GT work programme;
- ``groups.MeetingPage.priority_themes`` and ``CoordinationMeeting.themes`` — the meetings
  that discussed it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

POOL_PARENTS = ["home.StandardPage"]
TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


def source_groups():
    """GT and SGT pages of the default language (their translations follow them)."""
    return Q(
        locale__language_code=settings.LANGUAGE_CODE,
        content_type__app_label="groups",
        content_type__model__in=["thematicgrouppage", "subgrouppage"],
    )


def source_themes():
    return Q(locale__language_code=settings.LANGUAGE_CODE)


def this_year():
    return timezone.localdate().year


class PTFWorkProgrammePage(Page):
    """The PTF's annual work programme: priority themes, coordination meetings, the retreat."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        default=this_year,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("intro"),
        InlinePanel("themes", label=_("Priority theme"), heading=_("Priority themes")),
        InlinePanel(
            "coordination_meetings",
            label=_("Coordination meeting"),
            heading=_("Monthly coordination meetings and annual retreat"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.FilterField("year")]
    parent_page_types = POOL_PARENTS
    subpage_types = []
    template = "reports/ptf_work_programme_page.html"

    class Meta:
        verbose_name = _("PTF annual work programme")
        verbose_name_plural = _("PTF annual work programmes")

    def clean(self):
        super().clean()
        if not self.year:
            return
        others = PTFWorkProgrammePage.objects.filter(year=self.year)
        locale_id = self.locale_id or (self.get_parent().locale_id if self.depth else None)
        if locale_id:
            others = others.filter(locale_id=locale_id)
        if self.pk:
            others = others.exclude(pk=self.pk)
        if others.exists():
            message = _("There is already a PTF work programme for %(year)s in this language.")
            raise ValidationError({"year": message % {"year": self.year}}, code="duplicate_year")

    def get_context(self, request, *args, **kwargs):
        """Themes with their groups, meetings with their themes, all in this page's language.

        Links point to the French themes and groups: they are shown through their translation
        (same ``translation_key``) when there is one. Five queries whatever the sizes."""
        context = super().get_context(request, *args, **kwargs)
        themes = list(self.themes.prefetch_related("groups"))
        meetings = list(
            self.coordination_meetings.select_related("minutes").prefetch_related("themes")
        )
        keys = {group.translation_key for theme in themes for group in theme.groups.all()}
        local_groups = {
            page.translation_key: page
            for page in Page.objects.live()
            .filter(translation_key__in=keys, locale_id=self.locale_id)
            .specific(defer=True)
        }
        for theme in themes:
            theme.local_groups = [
                local_groups.get(group.translation_key, group) for group in theme.groups.all()
            ]
        by_key = {theme.translation_key: theme for theme in themes}
        for meeting in meetings:
            meeting.local_themes = [
                by_key.get(theme.translation_key, theme) for theme in meeting.themes.all()
            ]
        context["themes"] = themes
        context["meetings"] = meetings
        return context


class PriorityTheme(TranslatableMixin, Orderable, ClusterableModel):
    """A priority theme of the year: objectives, expected results, the groups that carry it.

    Clusterable (like ``CoordinationMeeting``) so that its many-to-many links are kept in the
    page's revisions and saved with it."""

    page = ParentalKey(PTFWorkProgrammePage, on_delete=models.CASCADE, related_name="themes")
    title = models.CharField(_("theme"), max_length=255)
    objectives = RichTextField(_("objectives"), blank=True, features=TEXT_FEATURES)
    expected_results = RichTextField(_("expected results"), blank=True, features=TEXT_FEATURES)
    groups = ParentalManyToManyField(
        "wagtailcore.Page",
        verbose_name=_("groups carrying the theme"),
        blank=True,
        related_name="ptf_priority_themes",
        limit_choices_to=source_groups,
        help_text=_("The French pages of the GT/SGT (their translations follow)."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("objectives"),
        FieldPanel("expected_results"),
        FieldPanel("groups", widget=CheckboxSelectMultiple),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("priority theme")
        verbose_name_plural = _("priority themes")

    def __str__(self):
        return self.title


class CoordinationMeetingKind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly coordination meeting")
    RETREAT = "retreat", _("Annual retreat")


class CoordinationMeeting(Orderable, ClusterableModel):
    """A monthly coordination meeting of the PTF or the annual retreat, and its themes."""

    page = ParentalKey(
        PTFWorkProgrammePage, on_delete=models.CASCADE, related_name="coordination_meetings"
    )
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=CoordinationMeetingKind.choices,
        default=CoordinationMeetingKind.MONTHLY,
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    themes = ParentalManyToManyField(
        PriorityTheme,
        verbose_name=_("priority themes discussed"),
        blank=True,
        related_name="coordination_meetings",
        limit_choices_to=source_themes,
        help_text=_("Save the programme's themes first to choose them here."),
    )
    minutes = models.ForeignKey(
        "library.CustomDocument",
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("date"),
        FieldPanel("place"),
        FieldPanel("themes", widget=CheckboxSelectMultiple),
        FieldPanel("minutes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("coordination meeting")
        verbose_name_plural = _("coordination meetings")
        ordering = ["sort_order", "date"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"
