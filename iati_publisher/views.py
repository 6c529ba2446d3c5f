"""Public IATI files: ``/iati/activities.xml``, ``/iati/organisation.xml`` and
``/iati/<org-ref>/activities.xml``, served from the files written at publication."""

from django.http import FileResponse, Http404, HttpResponseNotFound, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

from home.text import clean_text

from . import publication
from .models import ReportingOrganisation


def _serve(request, name):
    path = publication.published_file(name)
    if not path.exists():
        raise Http404
    etag = f'"{publication.file_etag(path)}"'
    mtime = int(path.stat().st_mtime)
    if_none_match = request.headers.get("If-None-Match")
    if_modified_since = parse_http_date_safe(request.headers.get("If-Modified-Since") or "")
    if (if_none_match and etag in [t.strip() for t in if_none_match.split(",")]) or (
        not if_none_match and if_modified_since is not None and mtime <= if_modified_since
    ):
        response = HttpResponseNotModified()
    else:
        response = FileResponse(path.open("rb"), content_type="application/xml; charset=utf-8")
    response["ETag"] = etag
    response["Last-Modified"] = http_date(mtime)
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def activities_xml(request):
    return _serve(request, publication.ALL_ACTIVITIES)


@require_safe
def organisation_xml(request):
    return _serve(request, publication.ORGANISATIONS)


def _serve_org_file(request, ref, kind):
    if clean_text(ref) != ref:  # NUL and other control characters: no identifier has them
        return HttpResponseNotFound("Unknown reporting organisation", content_type="text/plain")
    org = ReportingOrganisation.objects.filter(ref=ref).first()
    if org is None:  # a plain answer: this URL is for machines
        return HttpResponseNotFound("Unknown reporting organisation", content_type="text/plain")
    name = publication.org_filename(org.ref, kind)
    if not (publication.publication_dir() / name).exists():
        publication.regenerate([org.ref])
    return _serve(request, name)


@require_safe
def org_activities_xml(request, ref):
    return _serve_org_file(request, ref, "activities")


@require_safe
def org_organisation_xml(request, ref):
    return _serve_org_file(request, ref, "organisation")
