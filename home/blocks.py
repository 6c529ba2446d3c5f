"""StreamField blocks shared by every app's pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "home/blocks/quote.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(
        label=_("link text"), required=False, help_text=_("Defaults to the document title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "home/blocks/document_link.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    text = blocks.TextBlock(label=_("text"), required=False)
    button_label = blocks.CharBlock(label=_("button label"))
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(
        label=_("external link"), required=False, help_text=_("Used when no page is chosen.")
    )

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "home/blocks/call_to_action.html"

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks import StructBlockValidationError

        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or give a link."))}
            )
        return value


class TableBlock(TypedTableBlock):
    def __init__(self, **kwargs):
        super().__init__(
            [
                ("text", blocks.CharBlock(label=_("text"))),
                ("number", blocks.DecimalBlock(label=_("number"))),
                (
                    "rich_text",
                    blocks.RichTextBlock(label=_("rich text"), features=["bold", "italic", "link"]),
                ),
            ],
            **kwargs,
        )

    def get_context(self, value, parent_context=None):
        """Each cell with its column heading, so that phones show tables as labelled blocks."""
        context = super().get_context(value, parent_context=parent_context)
        headings = [column["heading"] for column in value.columns]
        context["labelled_rows"] = [list(zip(headings, row, strict=False)) for row in value.rows]
        return context

    class Meta:
        icon = "table"
        label = _("Table")
        template = "home/blocks/table.html"


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class BodyBlock(blocks.StreamBlock):
    """The body of standard and news pages."""

    paragraph = blocks.RichTextBlock(label=_("Rich text"), features=RICH_TEXT_FEATURES)
    image = ImageBlock(label=_("Image"), template="home/blocks/image.html")
    document = DocumentLinkBlock()
    quote = QuoteBlock()
    table = TableBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        label = _("Body")
