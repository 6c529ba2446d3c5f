"""Background jobs of the library (django-tasks; the immediate backend runs them inline until
the worker exists). The document's own ``extraction_status`` is what users see."""

from django_tasks import task


@task()
def extract_document_text(document_id):
    """Read the text of one document for the full-text search (bounded: library.extraction)."""
    from .models import CustomDocument

    document = CustomDocument.objects.filter(pk=document_id).first()
    if document is None:
        return None
    document.extract_text()
    return document.extraction_status
