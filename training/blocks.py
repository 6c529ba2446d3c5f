"""StreamField blocks of the training pages: a lesson (text, screenshots, exercise) and a
checklist item.

A lesson's StreamField block id is its identity: progress (``LessonProgress``) records it, and
wagtail-localize keeps block ids in translations, so a lesson ticked in French is ticked in
English too.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "h3"]


class ScreenshotBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("screenshot"))
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Screenshot")


class LessonBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("lesson title"))
    text = blocks.RichTextBlock(label=_("text"), features=TEXT_FEATURES)
    screenshots = blocks.ListBlock(
        ScreenshotBlock(), label=_("screenshots"), required=False, default=[]
    )
    exercise = blocks.RichTextBlock(
        label=_("exercise"),
        features=TEXT_FEATURES,
        required=False,
        help_text=_("What the trainee does in the sandbox to practise this lesson."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Lesson")
