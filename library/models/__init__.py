"""Models of the library app: documents and images, public pages, the reference-report calendar."""

from .documents import (
    Audience,
    AudienceCode,
    CountryScope,
    CustomDocument,
    CustomImage,
    CustomRendition,
    DocumentLanguage,
    DocumentType,
    ExtractionStatus,
    LanguageCode,
    ReviewStatus,
)
from .pages import LibraryPage, ReportCalendarPage
from .reports import EditionStatus, ReportEdition, ReportSeries

__all__ = [
    "Audience",
    "AudienceCode",
    "CountryScope",
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "DocumentLanguage",
    "DocumentType",
    "EditionStatus",
    "ExtractionStatus",
    "LanguageCode",
    "LibraryPage",
    "ReportCalendarPage",
    "ReportEdition",
    "ReportSeries",
    "ReviewStatus",
]
