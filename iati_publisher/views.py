"""Public IATI files: ``/iati/activities.xml``, ``/iati/organisation.xml`` and
``/iati/<org-ref>/activities.xml``, served from the files written at publication."""

from django.http import FileResponse, Http404, HttpResponseNotModified
from django.shortcuts import get_object_or_404
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_GET

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


@require_GET
def activities_xml(request):
    return _serve(request, publication.ALL_ACTIVITIES)


@require_GET
def organisation_xml(request):
    return _serve(request, publication.ORGANISATIONS)


@require_GET
def org_activities_xml(request, ref):
    org = get_object_or_404(ReportingOrganisation, ref=ref)
    name = publication.org_filename(org.ref)
    if not (publication.publication_dir() / name).exists():
        publication.regenerate([org.ref])
    return _serve(request, name)


__all__ = ["activities_xml", "organisation_xml", "org_activities_xml"]
