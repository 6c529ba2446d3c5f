"""StreamField blocks of the quarterly report: headings, paragraphs, and the figures tables.

A ``FiguresBlock`` names a section of the report's stored figures (``reports.figures``); it is
rendered from that snapshot in the page's language, so its tables need no translation and
always show the figures the report was generated with. Its only field is a choice, which
wagtail-localize synchronises (it extracts no segment from it).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import TableBlock

SECTION_CHOICES = [
    ("groups", _("Meetings and work programmes of the groups")),
    ("themes", _("Priority themes of the PTF work programme")),
    ("documents", _("Documents put online per audience")),
    ("calendar", _("Reference reports from the report calendar")),
    ("iati", _("IATI activities published or updated")),
]
REPORT_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class FiguresBlock(blocks.StructBlock):
    section = blocks.ChoiceBlock(choices=SECTION_CHOICES, label=_("section"))

    class Meta:
        icon = "table"
        label = _("Figures of the quarter")
        template = "reports/blocks/figures.html"

    def get_context(self, value, parent_context=None):
        from .tables import section_tables

        context = super().get_context(value, parent_context=parent_context)
        figures = (parent_context or {}).get("report_figures") or {}
        data = figures.get(value["section"])
        context["tables"] = section_tables(value["section"], data) if data else []
        return context


class ReportBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), form_classname="title", icon="title")
    paragraph = blocks.RichTextBlock(
        label=_("Rich text"), features=REPORT_TEXT_FEATURES, required=False
    )
    figures = FiguresBlock()
    table = TableBlock()

    class Meta:
        label = _("Body")
