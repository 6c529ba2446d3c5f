"""The endpoints alone, at their real path: what the OpenAPI generator enumerates."""

from django.urls import include, path

from .router import api_router

urlpatterns = [path("api/v2/", include((api_router.get_urlpatterns(), "api"), namespace="api"))]
