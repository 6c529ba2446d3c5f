"""The calendar of reference reports the Pool Technique acquires and puts online.

A ``ReportSeries`` (UNDP's Human Development Report…) recurs by an RFC 5545 rule; its
``ReportEdition`` rows (one per expected publication) are generated 12 months ahead.
"""

import datetime

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

MONTH_CHOICES = [
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
]


def parse_rule(rule, dtstart):
    """An rrule object for ``rule`` ("FREQ=YEARLY;BYMONTH=12" or "RRULE:…") from ``dtstart``."""
    rule = (rule or "FREQ=YEARLY").strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[6:]
    return rrulestr(rule, dtstart=dtstart)


def source_locale():
    """Editions hang off the series of the default language; translations share them."""
    return models.Q(locale__language_code=settings.LANGUAGE_CODE)


class ReportSeries(TranslatableMixin, index.Indexed, models.Model):
    """A recurring reference report (e.g. UNDP Human Development Report) and who acquires it."""

    title = models.CharField(_("title"), max_length=255)
    publisher = models.ForeignKey(
        "groups.Organisation",
        verbose_name=_("publisher"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report_series",
    )
    recurrence_rule = models.CharField(
        _("periodicity (RFC 5545 rule)"),
        max_length=255,
        default="FREQ=YEARLY",
        help_text=_("An iCalendar recurrence rule, e.g. FREQ=YEARLY or FREQ=YEARLY;INTERVAL=2."),
    )
    usual_month = models.PositiveSmallIntegerField(
        _("usual publication month"), choices=MONTH_CHOICES, null=True, blank=True
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person responsible for acquiring it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("source website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("publisher"),
        FieldPanel("recurrence_rule"),
        FieldPanel("usual_month"),
        FieldPanel("responsible"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("reference report series")
        verbose_name_plural = _("reference report series")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        try:
            parse_rule(self.recurrence_rule, datetime.datetime(2000, 1, 1))
        except (ValueError, TypeError) as error:
            raise ValidationError(
                {"recurrence_rule": _("Not a valid RFC 5545 rule: %s") % error}
            ) from error

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.locale_id and self.locale.language_code == settings.LANGUAGE_CODE:
            self.generate_editions()

    def occurrences(self, start, end):
        """Expected publication dates in [start, end] from the rule and the usual month."""
        month = self.usual_month or 1
        dtstart = datetime.datetime(start.year - 1, month, 1)
        rule = parse_rule(self.recurrence_rule, dtstart)
        begin = datetime.datetime.combine(start, datetime.time.min)
        finish = datetime.datetime.combine(end, datetime.time.max)
        return [moment.date() for moment in rule.between(begin, finish, inc=True)]

    def edition_label(self, date):
        """The year for a once-a-year rule, otherwise year-month (or the date if more frequent)."""
        rule = (self.recurrence_rule or "").upper()
        if "FREQ=YEARLY" in rule and "," not in rule.split("BYMONTH=")[-1].split(";")[0]:
            return str(date.year)
        if "FREQ=YEARLY" in rule or "FREQ=MONTHLY" in rule and "BYMONTHDAY" not in rule:
            return date.strftime("%Y-%m")
        return date.isoformat()

    def generate_editions(self, today=None, months=12):
        """Create the missing editions expected in the next ``months`` months; return them."""
        today = today or timezone.localdate()
        created = []
        existing = set(self.editions.values_list("edition", flat=True))
        for date in self.occurrences(today, today + relativedelta(months=months)):
            label = self.edition_label(date)
            if label in existing:
                continue
            created.append(
                ReportEdition.objects.create(series=self, edition=label, expected_date=date)
            )
            existing.add(label)
        return created


class EditionStatus(models.TextChoices):
    EXPECTED = "expected", _("Expected")
    PUBLISHED = "published", _("Published by its author")
    ACQUIRED = "acquired", _("Acquired")
    ONLINE = "online", _("Online")


class ReportEditionQuerySet(models.QuerySet):
    def to_acquire(self, today=None):
        """Editions published but not yet online, and overdue expected ones."""
        today = today or timezone.localdate()
        return self.filter(
            models.Q(status__in=[EditionStatus.PUBLISHED, EditionStatus.ACQUIRED])
            | models.Q(status=EditionStatus.EXPECTED, expected_date__lt=today)
        )


class ReportEdition(index.Indexed, models.Model):
    """One edition of a series: when it is expected, and how far it is from being online."""

    series = models.ForeignKey(
        ReportSeries,
        verbose_name=_("series"),
        on_delete=models.CASCADE,
        related_name="editions",
        limit_choices_to=source_locale,
        help_text=_("Editions belong to the series in the site's main language (French)."),
    )
    edition = models.CharField(_("edition"), max_length=50, help_text=_("For example the year."))
    expected_date = models.DateField(_("expected date"))
    published_on = models.DateField(_("actual publication date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=EditionStatus.choices, default=EditionStatus.EXPECTED
    )
    document = models.ForeignKey(
        "library.CustomDocument",
        verbose_name=_("library document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report_editions",
    )
    put_online_at = models.DateTimeField(_("put online at"), null=True, blank=True, editable=False)

    objects = ReportEditionQuerySet.as_manager()

    # Found by the site search (search/sources.py) once published: series title and edition.
    search_fields = [
        index.SearchField("edition"),
        index.RelatedFields(
            "series", [index.SearchField("title"), index.SearchField("description")]
        ),
        index.RelatedFields("document", [index.SearchField("title")]),
        index.FilterField("status"),
    ]

    panels = [
        FieldPanel("series"),
        FieldPanel("edition"),
        FieldPanel("expected_date"),
        FieldPanel("published_on"),
        FieldPanel("status"),
        FieldPanel("document"),
    ]

    class Meta:
        verbose_name = _("report edition")
        verbose_name_plural = _("report editions")
        ordering = ["expected_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["series", "edition"], name="library_edition_unique")
        ]

    def __str__(self):
        return f"{self.series} {self.edition}"

    @property
    def is_overdue(self):
        return self.status == EditionStatus.EXPECTED and self.expected_date < timezone.localdate()

    def save(self, *args, **kwargs):
        if self.status == EditionStatus.ONLINE and self.put_online_at is None:
            self.put_online_at = timezone.now()
        if self.document_id and self.status in (EditionStatus.EXPECTED, EditionStatus.PUBLISHED):
            self.status = EditionStatus.ACQUIRED
        super().save(*args, **kwargs)
