"""``/api/v2/…`` (the endpoints), ``/api/v2/schema/`` (OpenAPI 3, YAML or ``?format=json``).

The human documentation, in both languages, is ``/<lang>/api/`` (``views.documentation``).
"""

from django.urls import include, path, re_path
from django.utils import translation
from drf_spectacular.views import SpectacularAPIView

from .caching import api_view, error
from .router import api_router


class SchemaView(SpectacularAPIView):
    """The schema, always in English (the language of the field names and messages)."""

    urlconf = "api.endpoint_urls"
    authentication_classes = []
    permission_classes = []

    def get(self, request, *args, **kwargs):
        with translation.override("en"):
            response = super().get(request, *args, **kwargs)
            self.finalize_response(request, response)  # chooses the renderer (JSON or YAML)
            return response.render()


def not_found(request, rest=""):
    return error(404, "no such endpoint: see /api/v2/schema/ for the list")


urlpatterns = [
    path("v2/schema/", api_view(SchemaView.as_view()), name="api_schema"),
    path("v2/", include((api_router.get_urlpatterns(), "api"), namespace="api")),
    re_path(r"^(?P<rest>.*)$", not_found),
]
