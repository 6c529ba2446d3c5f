"""The training section: ``TrainingIndexPage`` (one per locale) and ``TrainingModulePage``.

A module has a number (its place in the course), a level, an audience, a duration, objectives,
prerequisites, ordered lessons (``LessonBlock``: text, screenshots, exercise) and a final
checklist. Its PDF handout is generated from the page (``training.handouts``) at publication.

SQL cost of a module page: constant with the number of lessons and screenshots (images are
fetched in one query by the StreamField's bulk conversion; renditions in one more), plus two
for the signed-in reader's progress.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import LessonBlock


class Level(models.TextChoices):
    BASIC = "basic", _("Basic")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Audience(models.TextChoices):
    FOCAL_POINT = "focal_point", _("Focal points")
    MODERATOR = "moderator", _("Moderators")
    ADMINISTRATOR = "administrator", _("Administrators")


class TrainingIndexPage(Page):
    """The “Formation” section: the modules in order, then the coming sessions."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["training.TrainingModulePage", "training.TrainingSessionPage"]
    template = "training/training_index_page.html"
    max_count_per_parent = 1
    show_in_menus_default = True

    class Meta:
        verbose_name = _("training section")

    def get_context(self, request, *args, **kwargs):
        from ..queries import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request.user))
        return context


class TrainingModulePage(RoutablePageMixin, Page):
    """A training module: what to learn, for whom, in how long, lesson by lesson."""

    number = models.PositiveSmallIntegerField(
        _("module number"), default=1, help_text=_("The module's place in the course (1, 2, 3…).")
    )
    summary = models.TextField(_("summary"), max_length=600)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.BASIC)
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.FOCAL_POINT
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        default=60,
        help_text=_("How long the module takes, exercises included."),
    )
    objectives = RichTextField(_("objectives"), features=["ul", "bold", "italic"])
    prerequisites = RichTextField(
        _("prerequisites"), blank=True, features=["ul", "bold", "italic", "link"]
    )
    lessons = StreamField(
        [("lesson", LessonBlock())],
        verbose_name=_("lessons"),
        help_text=_("In the order the trainee follows them. Drag a lesson to move it."),
    )
    checklist = StreamField(
        [("item", blocks.CharBlock(label=_("item")))],
        verbose_name=_("final checklist"),
        blank=True,
        help_text=_("What the trainee can do at the end of the module, one item per line."),
    )

    content_panels = [
        *Page.content_panels,
        HelpPanel(
            _(
                "Write for a focal point who has never used a CMS: short sentences, the exact "
                "names of buttons as they appear in the admin. After publishing, the PDF handout "
                "is regenerated automatically."
            ),
            heading=_("Writing a module"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("number"),
                FieldPanel("level"),
                FieldPanel("audience"),
                FieldPanel("duration_minutes"),
            ],
            heading=_("Module"),
        ),
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("prerequisites"),
        FieldPanel("lessons"),
        FieldPanel("checklist"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("objectives"),
        index.SearchField("lessons"),
        index.FilterField("number"),
    ]
    parent_page_types = ["training.TrainingIndexPage"]
    subpage_types = []
    template = "training/training_module_page.html"

    class Meta:
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")

    @property
    def social_summary(self):
        return self.search_description or self.summary

    def lesson_list(self):
        """[(lesson id, StructValue)] in order."""
        return [(block.id, block.value) for block in self.lessons if block.block_type == "lesson"]

    def get_context(self, request, *args, **kwargs):
        from ..queries import module_context

        context = super().get_context(request, *args, **kwargs)
        context.update(module_context(self, request.user))
        return context

    @path("handout/")
    def handout(self, request):
        from ..handouts import handout_response

        return handout_response(self)

    @path("progress/")
    def progress(self, request):
        from ..views import tick_lesson

        return tick_lesson(request, self)
