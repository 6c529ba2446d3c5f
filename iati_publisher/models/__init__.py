"""IATI publisher models: codelists, reporting organisations, activities and their parts."""

from .activity import Activity, ActivityCheck, ReportingOrganisation
from .classification import (
    ActivityTag,
    HumanitarianScope,
    OtherIdentifier,
    PolicyMarker,
    RelatedActivity,
)
from .codelists import CodeField, Codelist, CodelistItem, CodelistSelect
from .narratives import ActivityNarrative
from .parts import (
    ActivityDate,
    ActivityLocation,
    ActivitySector,
    Budget,
    Contact,
    DocumentLink,
    IndicatorBlock,
    IndicatorPeriodBlock,
    ParticipatingOrg,
    PlannedDisbursement,
    RecipientCountry,
    RecipientRegion,
    Result,
    Transaction,
)

__all__ = [
    "Activity",
    "ActivityCheck",
    "ActivityDate",
    "ActivityLocation",
    "ActivityNarrative",
    "ActivitySector",
    "ActivityTag",
    "Budget",
    "CodeField",
    "Codelist",
    "CodelistItem",
    "CodelistSelect",
    "Contact",
    "DocumentLink",
    "HumanitarianScope",
    "IndicatorBlock",
    "IndicatorPeriodBlock",
    "OtherIdentifier",
    "ParticipatingOrg",
    "PlannedDisbursement",
    "PolicyMarker",
    "RecipientCountry",
    "RecipientRegion",
    "RelatedActivity",
    "ReportingOrganisation",
    "Result",
    "Transaction",
]
