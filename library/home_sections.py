"""What the library gives the home page (see ``home.sections``): figures (documents in the
public library, reports put online this year), the entry points to the library and the report
calendar, the latest documents and the reports recently put online (3 queries: documents,
editions, series titles; the privacy data is cached)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import EditionStatus, LibraryPage, ReportCalendarPage, ReportEdition
from .queries import hidden_collection_ids, visible_documents


def _page(model, language):
    return (
        model.objects.live()
        .public()
        .filter(locale__language_code=language)
        .only("id", "path", "depth", "url_path", "locale_id")
        .first()
    )


def figures(language):
    library = _page(LibraryPage, language)
    calendar = _page(ReportCalendarPage, language)
    year = timezone.localdate().year
    online = ReportEdition.objects.filter(
        status=EditionStatus.ONLINE, put_online_at__year=year
    ).count()
    return [
        {"order": 40, "value": visible_documents(None).count(),
         "label": _("reference documents in the library"),
         "url": library.get_url() if library else "", "kind": "number"},
        {"order": 50, "value": online,
         "label": _("reference reports put online in %(year)s") % {"year": year},
         "url": calendar.get_url() if calendar else "", "kind": "number"},
    ]  # fmt: skip


def entry_points(language):
    points = []
    library = _page(LibraryPage, language)
    if library:
        points.append(
            {
                "order": 20,
                "title": _("Document library"),
                "text": _("Strategies, studies, reports and minutes, searchable and filtered."),
                "url": library.get_url(),
                "icon": "library",
            }
        )
    calendar = _page(ReportCalendarPage, language)
    if calendar:
        points.append(
            {
                "order": 50,
                "title": _("Report calendar"),
                "text": _(
                    "When the reference reports on Mali are expected and where to find them."
                ),
                "url": calendar.get_url(),
                "icon": "calendar",
            }
        )
    return points


def cache_parts(request):
    """Visitors who may see the same restricted collections see the same latest documents."""
    return ["hidden:" + ",".join(map(str, hidden_collection_ids(request)))]


def context(request, home_page):
    """Latest four documents and last three reports online, linked in the page's language, as
    plain data (labels and URLs ready)."""
    library = (
        LibraryPage.objects.live()
        .filter(locale_id=home_page.locale_id)
        .only("id", "path", "depth", "url_path", "locale_id")
        .first()
    )
    documents = (
        visible_documents(request)
        .order_by("-publication_date", "-pk")
        .only("pk", "title", "publication_date", "document_type", "file", "file_size")[:4]
    )
    calendar = ReportCalendarPage(locale_id=home_page.locale_id)
    editions = calendar.series_titles(
        list(
            ReportEdition.objects.filter(status=EditionStatus.ONLINE)
            .select_related("series", "series__publisher", "document")
            .order_by("-put_online_at", "-expected_date")[:3]
        )
    )
    latest_documents = [
        {
            "title": document.title,
            "url": library.document_url(document) if library else "",
            "type": document.get_document_type_display() if document.document_type else "",
            "date": document.publication_date,
        }
        for document in documents
    ]
    latest_reports = []
    for edition in editions:
        publisher = edition.series.publisher
        latest_reports.append(
            {
                "title": f"{edition.series_title} ({edition.edition})",
                "url": library.document_url(edition.document)
                if library and edition.document
                else "",
                "publisher": str(publisher) if publisher else "",
                "date": edition.put_online_at,
            }
        )
    return {"latest_documents": latest_documents, "latest_reports": latest_reports}
