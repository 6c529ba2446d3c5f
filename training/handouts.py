"""The PDF handout of a module, generated from the page with the project's one PDF library
(``home.pdf``: WeasyPrint) and stored, one file per translation.

- ``build_handout(page)`` renders ``training/handout.html`` (title, objectives, prerequisites,
  every lesson with its screenshots and exercise, the checklist) and stores it; called when the
  module is published (``signals``), so the file always matches the live page.
- ``handout_response(page)`` serves the stored file, building it first if it is missing or
  older than the live revision (e.g. a handout deleted from storage).

Cost: the page's images (1 query) and renditions (1 per image size); WeasyPrint ~0.2–1 s per
module with screenshots (see bench/bench_training.py).
"""

import time

from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.utils import translation
from django.utils.text import slugify

from home.pdf import render_pdf

from .models import Handout


def render_handout(page):
    """The PDF bytes of ``page``'s handout, in the page's language."""
    with translation.override(page.locale.language_code):
        return render_pdf(
            "training/handout.html",
            {
                "page": page,
                "title": page.title,
                "lessons": [
                    {"number": i, "value": value}
                    for i, (_id, value) in enumerate(page.lesson_list(), start=1)
                ],
            },
        )


def build_handout(page):
    """Generate and store the handout of ``page`` (its live content); return the Handout."""
    page = page.specific
    started = time.perf_counter()
    data = render_handout(page)
    seconds = time.perf_counter() - started
    handout = Handout.objects.filter(page=page).first() or Handout(page=page)
    name = f"{page.locale.language_code}-{slugify(page.slug)[:60]}-{page.pk}.pdf"
    old_name = handout.file.name if handout.pk else None
    if old_name:
        handout.file.storage.delete(old_name)  # keep one file per page, under its own name
    handout.file.save(name, ContentFile(data), save=False)
    handout.revision_id = page.live_revision_id
    handout.seconds = seconds
    handout.save()
    return handout


def handout_response(page):
    if not page.live:
        raise Http404
    handout = Handout.objects.filter(page=page).first()
    if (
        handout is None
        or handout.revision_id != page.live_revision_id
        or not handout.file.storage.exists(handout.file.name)
    ):
        handout = build_handout(page)
    response = FileResponse(
        handout.file.open("rb"),
        content_type="application/pdf",
        filename=f"{slugify(page.title)[:80] or 'module'}.pdf",
    )
    response["Content-Disposition"] = response["Content-Disposition"].replace(
        "attachment", "inline"
    )
    return response
