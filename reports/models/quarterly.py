"""The Pool Technique's quarterly activity report (one page per quarter and language).

Created as a draft by ``reports.generate`` (``manage.py quarterly_report 2026-Q3`` or the
dashboard's button): ``figures`` is the snapshot of ``reports.figures.period_figures`` for
the quarter (the dashboard's figures), the body is pre-filled with headings, the figures tables
(``FiguresBlock``), generated paragraphs and empty narrative sections. Then it is a normal
page: revisions, moderation, translation (``figures`` is synchronised, the text translated).
``<page>/pdf/`` and ``<page>/docx/`` download it (``reports.exports``).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import ReportBodyBlock
from ..periods import Period
from .workprogramme import POOL_PARENTS


class QuarterlyReportPage(RoutablePageMixin, Page):
    """A quarterly activity report of the Pool Technique, downloadable as PDF and DOCX."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    figures = models.JSONField(_("figures"), default=dict, blank=True, editable=False)
    generated_at = models.DateTimeField(_("figures computed at"), null=True, editable=False)
    body = StreamField(ReportBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("year", read_only=True), FieldPanel("quarter", read_only=True)]),
        HelpPanel(
            _(
                "The tables show the figures computed when the report was generated (the "
                "dashboard's for the quarter). Write the narrative sections; the generated "
                "paragraphs can be edited."
            )
        ),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body"), index.FilterField("year")]
    parent_page_types = POOL_PARENTS
    subpage_types = []
    template = "reports/quarterly_report_page.html"

    class Meta:
        verbose_name = _("quarterly activity report")
        verbose_name_plural = _("quarterly activity reports")

    @property
    def period(self):
        return Period(self.year, self.quarter)

    def clean(self):
        super().clean()
        if not (self.year and self.quarter and self.locale_id):
            return
        others = QuarterlyReportPage.objects.filter(
            year=self.year, quarter=self.quarter, locale_id=self.locale_id
        )
        if self.pk:
            others = others.exclude(pk=self.pk)
        if others.exists():
            raise ValidationError(
                _("There is already a report for %(period)s in this language.")
                % {"period": self.period.label},
                code="duplicate_quarter",
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["report_figures"] = self.figures
        return context

    @path("pdf/")
    def pdf(self, request):
        from ..exports import download

        return download(self, "pdf", request)

    @path("docx/")
    def docx(self, request):
        from ..exports import download

        return download(self, "docx", request)
