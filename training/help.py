"""Help where editors need it: a short help panel on each group page type's edit screen,
linking to the lesson that teaches it, in the editor's language.

``GROUP_PAGE_HELP`` maps each group page type to (module number, lesson number, text).
``install_help_panels`` (called once in ``TrainingConfig.ready``) puts a ``LessonHelpPanel`` at
the top of those page types' ``content_panels`` — named here as the one place where the
training app adds to another app's edit screens; the groups app stays unaware of training.
The link is resolved at render time (1 query): the live module of that number in the admin
user's language (French otherwise), anchored on the lesson.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import HelpPanel

HELP_TEMPLATE = "training/admin/help_panel.html"

GROUP_PAGE_HELP = {
    "ThematicGroupPage": (1, 3, _("Change your group's page: title, mandate, focal points.")),
    "SubGroupPage": (1, 3, _("A sub-group is edited like a group page.")),
    "TermsOfReferencePage": (1, 3, _("Update the terms of reference, then submit them.")),
    "WorkProgrammePage": (5, 4, _("Fill in the year's activities and their status.")),
    "MeetingPage": (5, 2, _("Announce a meeting, then record who attended.")),
    "JointMissionsCalendarPage": (5, 4, _("List the year's joint missions.")),
    "CapacityBuildingPage": (5, 4, _("List the capacity-building actions.")),
    "AnnualReviewPage": (5, 4, _("Write the annual review of the group.")),
    "GroupNewsPage": (3, 1, _("Write a news item and submit it for moderation.")),
}


def lesson_link(module_number, lesson_number, language=None):
    """(module, URL of the lesson) in ``language`` (falls back to French), or (None, None)."""
    from .models import TrainingModulePage

    language = (language or get_language() or "fr")[:2]
    modules = {
        module.locale.language_code: module
        for module in TrainingModulePage.objects.live()
        .filter(number=module_number, locale__language_code__in=[language, "fr"])
        .select_related("locale")
    }
    module = modules.get(language) or modules.get("fr")
    if module is None:
        return None, None
    return module, f"{module.url}#lesson-{lesson_number}"


class LessonHelpPanel(HelpPanel):
    """A help panel whose link points to a training lesson."""

    def __init__(self, module_number=1, lesson_number=1, text="", **kwargs):
        kwargs.setdefault("heading", _("Help"))
        kwargs.setdefault("template", HELP_TEMPLATE)
        super().__init__(**kwargs)
        self.module_number, self.lesson_number, self.text = module_number, lesson_number, text

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.pop("content", None)
        kwargs.update(
            module_number=self.module_number, lesson_number=self.lesson_number, text=self.text
        )
        return kwargs

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            module, url = lesson_link(self.panel.module_number, self.panel.lesson_number)
            context.update(
                {
                    "text": self.panel.text,
                    "module": module,
                    "url": url,
                    "lesson": self.panel.lesson_number,
                }
            )
            return context


def install_help_panels():
    import groups.models as group_models

    for name, (module_number, lesson_number, text) in GROUP_PAGE_HELP.items():
        model = getattr(group_models, name)
        panels = model.content_panels
        if any(isinstance(panel, LessonHelpPanel) for panel in panels):
            continue
        panel = LessonHelpPanel(module_number, lesson_number, text)
        model.content_panels = [panels[0], panel, *panels[1:]]
