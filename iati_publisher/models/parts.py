"""The parts of an IATI activity, edited inline on the activity's screen."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Orderable

from .activity import Activity
from .codelists import CodeField
from .kept import KeptSource
from .text import CleanTextMixin

ADMIN_LEVELS = [
    ("region", _("Region")),
    ("cercle", _("Cercle")),
    ("commune", _("Commune")),
]


class ExactDecimalField(models.DecimalField):
    """A ``DecimalField`` read back without the padding zeros of its column (100, not
    100.000…): the value is exact and shows as it was written."""

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        if not isinstance(value, Decimal):
            value = Decimal(str(value))
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return Decimal(text)


# Exact decimals (max_digits, decimal_places): imported numbers are stored without rounding;
# one that does not fit is refused with its line (``importer/limits.py``).
MONEY = (60, 20)
PERCENTAGE = (33, 30)
COORDINATE = (28, 24)


def money_field(verbose_name=None):
    return ExactDecimalField(
        verbose_name or _("value"), max_digits=MONEY[0], decimal_places=MONEY[1]
    )


def percentage_field():
    return ExactDecimalField(
        _("percentage"),
        max_digits=PERCENTAGE[0],
        decimal_places=PERCENTAGE[1],
        null=True,
        blank=True,
    )


def coordinate_field(verbose_name):
    return ExactDecimalField(
        verbose_name,
        max_digits=COORDINATE[0],
        decimal_places=COORDINATE[1],
        null=True,
        blank=True,
    )


class ActivityDate(CleanTextMixin, KeptSource, Orderable):
    """A planned or actual start or end date."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="dates")
    type = CodeField(_("date type"), codelist="ActivityDateType", default="1")
    iso_date = models.DateField(_("date"))

    class Meta(Orderable.Meta):
        verbose_name = _("activity date")
        verbose_name_plural = _("activity dates")


class ParticipatingOrg(CleanTextMixin, KeptSource, Orderable):
    """An organisation taking part in the activity (funding, implementing…)."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="participating_orgs")
    role = CodeField(_("role"), codelist="OrganisationRole", default="1")
    ref = models.CharField(_("IATI identifier"), max_length=100, blank=True)
    type = CodeField(_("type"), codelist="OrganisationType", blank=True)
    name = models.CharField(_("name"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        "groups.Organisation",
        verbose_name=_("organisation of the portal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(Orderable.Meta):
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")


class RecipientCountry(CleanTextMixin, KeptSource, Orderable):
    """A recipient country, with the share of the activity it receives."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="recipient_countries")
    code = CodeField(_("country"), codelist="Country", default="ML")
    percentage = percentage_field()

    class Meta(Orderable.Meta):
        verbose_name = _("recipient country")
        verbose_name_plural = _("recipient countries")


class RecipientRegion(CleanTextMixin, KeptSource, Orderable):
    """A supranational recipient region (e.g. 289 South of Sahara), with its share."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="recipient_regions")
    vocabulary = CodeField(_("vocabulary"), codelist="RegionVocabulary", default="1")
    code = models.CharField(_("region code"), max_length=20)
    percentage = percentage_field()

    class Meta(Orderable.Meta):
        verbose_name = _("recipient region")
        verbose_name_plural = _("recipient regions")


class ActivitySector(CleanTextMixin, KeptSource, Orderable):
    """A sector (DAC 5-digit by default), with its share of the activity."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="sectors")
    vocabulary = CodeField(_("vocabulary"), codelist="SectorVocabulary", default="1")
    code = models.CharField(
        _("sector code"), max_length=20, help_text=_("DAC 5-digit code, e.g. 12220.")
    )
    percentage = percentage_field()

    class Meta(Orderable.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class ActivityLocation(CleanTextMixin, KeptSource, Orderable):
    """A place where the activity happens, with point coordinates and Mali's admin unit."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="locations")
    ref = models.CharField(_("reference"), max_length=100, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    latitude = coordinate_field(_("latitude"))
    longitude = coordinate_field(_("longitude"))
    admin_unit_code = models.CharField(_("administrative unit code"), max_length=50, blank=True)
    admin_unit_level = models.CharField(
        _("administrative level"), max_length=10, choices=ADMIN_LEVELS, blank=True
    )
    exactness = CodeField(_("exactness"), codelist="GeographicExactness", default="1")
    location_class = CodeField(
        _("location class"), codelist="GeographicLocationClass", blank=True, default="2"
    )
    location_reach = CodeField(
        _("location reach"), codelist="GeographicLocationReach", blank=True, default="1"
    )

    class Meta(Orderable.Meta):
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def clean(self):
        """Coordinates must be a point in Mali; swapped ones are explained (``geo.py``)."""
        super().clean()
        from iati_publisher.geo import validate_coordinates

        if not self.is_unedited_import():
            validate_coordinates(self.latitude, self.longitude)

    @property
    def name(self):
        from django.utils.translation import get_language

        if (get_language() or "fr")[:2] == "en":
            return self.name_en or self.name_fr
        return self.name_fr or self.name_en


class Budget(CleanTextMixin, KeptSource, Orderable):
    """The budget of one period (at most a year)."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="budgets")
    type = CodeField(_("budget type"), codelist="BudgetType", default="1")
    status = CodeField(_("budget status"), codelist="BudgetStatus", default="1")
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = money_field()
    currency = CodeField(_("currency"), codelist="Currency", blank=True)
    value_date = models.DateField(_("value date"))

    class Meta(Orderable.Meta):
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")


class PlannedDisbursement(CleanTextMixin, KeptSource, Orderable):
    """A disbursement planned for a period."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="planned_disbursements")
    type = CodeField(_("type"), codelist="BudgetType", blank=True, default="1")
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"), null=True, blank=True)
    value = money_field()
    currency = CodeField(_("currency"), codelist="Currency", blank=True)
    value_date = models.DateField(_("value date"))

    class Meta(Orderable.Meta):
        verbose_name = _("planned disbursement")
        verbose_name_plural = _("planned disbursements")


class Transaction(CleanTextMixin, KeptSource, Orderable):
    """A financial transaction: commitment, disbursement, expenditure…"""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="transactions")
    ref = models.CharField(_("reference"), max_length=100, blank=True)
    transaction_type = CodeField(_("type"), codelist="TransactionType", default="3")
    transaction_date = models.DateField(_("date"))
    value = money_field()
    currency = CodeField(_("currency"), codelist="Currency", blank=True)
    value_date = models.DateField(_("value date"))
    description = models.CharField(_("description"), max_length=500, blank=True)
    provider_org_ref = models.CharField(_("provider identifier"), max_length=100, blank=True)
    provider_org_name = models.CharField(_("provider name"), max_length=255, blank=True)
    receiver_org_ref = models.CharField(_("receiver identifier"), max_length=100, blank=True)
    receiver_org_name = models.CharField(_("receiver name"), max_length=255, blank=True)
    sector_vocabulary = CodeField(_("sector vocabulary"), codelist="SectorVocabulary", blank=True)
    sector_code = models.CharField(
        _("sector code"),
        max_length=20,
        blank=True,
        help_text=_("Only when sectors are given per transaction instead of for the activity."),
    )
    # declared last: fingerprints of imported transactions list the fields in this order
    recipient_country = CodeField(
        _("recipient country"),
        codelist="Country",
        blank=True,
        help_text=_("Only when countries are given per transaction instead of for the activity."),
    )
    recipient_region = models.CharField(
        _("recipient region"),
        max_length=20,
        blank=True,
        help_text=_("A region of the OECD DAC list, when given per transaction."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")


class DocumentLink(CleanTextMixin, KeptSource, Orderable):
    """A document about the activity: a library document or a web address."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="document_links")
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("library document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.CharField(_("web address"), max_length=500, blank=True)
    title = models.CharField(_("title"), max_length=255)
    category = CodeField(_("category"), codelist="DocumentCategory", default="A02")
    language = CodeField(_("language"), codelist="Language", blank=True, default="fr")
    format = models.CharField(_("format"), max_length=100, blank=True, default="application/pdf")

    class Meta(Orderable.Meta):
        verbose_name = _("document link")
        verbose_name_plural = _("document links")

    def clean(self):
        """A web address typed in the editor must be one; an imported one stays as written
        (the schema's anyURI is laxer than Django's check)."""
        super().clean()
        if self.url and not self.is_unedited_import():
            from django.core.exceptions import ValidationError
            from django.core.validators import URLValidator

            try:
                URLValidator()(self.url)
            except ValidationError as error:
                raise ValidationError({"url": error.messages}) from error


class Contact(CleanTextMixin, KeptSource, Orderable):
    """A contact person or office for the activity."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="contacts")
    type = CodeField(_("type"), codelist="ContactType", default="1")
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    person_name = models.CharField(_("person"), max_length=255, blank=True)
    email = models.EmailField(_("email"), blank=True)
    telephone = models.CharField(_("telephone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")


class IndicatorPeriodBlock(blocks.StructBlock):
    period_start = blocks.DateBlock(label=_("period start"))
    period_end = blocks.DateBlock(label=_("period end"))
    target = blocks.DecimalBlock(label=_("target"), required=False)
    actual = blocks.DecimalBlock(label=_("actual"), required=False)

    class Meta:
        label = _("period")


class IndicatorBlock(blocks.StructBlock):
    title_fr = blocks.CharBlock(label=_("title (French)"), required=False)
    title_en = blocks.CharBlock(label=_("title (English)"), required=False)
    measure = blocks.ChoiceBlock(
        label=_("measure"),
        choices=[
            ("1", _("Unit")),
            ("2", _("Percentage")),
            ("3", _("Nominal")),
            ("4", _("Ordinal")),
            ("5", _("Qualitative")),
        ],
        default="1",
    )
    ascending = blocks.BooleanBlock(label=_("ascending"), required=False, default=True)
    baseline_year = blocks.IntegerBlock(label=_("baseline year"), required=False)
    baseline_value = blocks.DecimalBlock(label=_("baseline value"), required=False)
    periods = blocks.ListBlock(IndicatorPeriodBlock(), label=_("periods"))

    class Meta:
        label = _("indicator")
        icon = "order"


class Result(CleanTextMixin, KeptSource, Orderable):
    """A result (output, outcome, impact) with its indicators and their periods on one row."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="results")
    type = CodeField(_("result type"), codelist="ResultType", default="1")
    aggregation_status = models.BooleanField(_("can be aggregated"), default=False)
    title_fr = models.CharField(_("title (French)"), max_length=500, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    indicators = StreamField(
        [("indicator", IndicatorBlock())], verbose_name=_("indicators"), blank=True
    )

    class Meta(Orderable.Meta):
        verbose_name = _("result")
        verbose_name_plural = _("results")
