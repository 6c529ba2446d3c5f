"""Background jobs of the library (operations.jobs: a Job its uploader sees in the admin; the
queue's worker runs them, the immediate backend inline in tests). The document's own
``extraction_status`` is what the library shows; the reminders' run is followed in
*Account › Background jobs*, like every job."""

from django.utils.translation import gettext_lazy as _

from operations.jobs import job_task


@job_task(retries=1)
def extract_document_text(job, document_id):
    """Read the text of one document for the full-text search (bounded: library.extraction)."""
    from .models import CustomDocument

    document = CustomDocument.objects.filter(pk=document_id).first()
    if document is None:
        return None
    job.progress(0, 1)
    document.extract_text()
    return document.extraction_status


REMINDERS_LABEL = _("Report calendar reminders")
REMINDERS_KEY = "library:report-reminders"


@job_task(retries=2, retry_delay=300)
def send_report_reminders(job, days=14):
    """One run of the report-calendar reminders (``library.reminders``); progress: people."""
    from .reminders import send

    return send(days=days, progress=job.progress)
