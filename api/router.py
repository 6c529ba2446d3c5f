"""The API's router: every endpoint under ``/api/v2/<name>/``.

Wagtail's router links an object to the first endpoint whose model it is a subclass of; the
portal's group and meeting pages are linked to their own endpoints (``detail_url``) first.
"""

from wagtail.api.v2.router import WagtailAPIRouter

from .views.activities import ActivitiesAPIViewSet
from .views.library import EditionsAPIViewSet, PublicDocumentsAPIViewSet, PublicImagesAPIViewSet
from .views.pages import GroupsAPIViewSet, MeetingsAPIViewSet, PublicPagesAPIViewSet


class Router(WagtailAPIRouter):
    def get_model_endpoint(self, model):
        from groups.models import MeetingPage, SubGroupPage, ThematicGroupPage

        own = {ThematicGroupPage: "groups", SubGroupPage: "groups", MeetingPage: "meetings"}
        name = own.get(model)
        if name in self._endpoints:
            return name, self._endpoints[name]
        return super().get_model_endpoint(model)


api_router = Router("api")
ENDPOINTS = [
    ("pages", PublicPagesAPIViewSet),
    ("documents", PublicDocumentsAPIViewSet),
    ("images", PublicImagesAPIViewSet),
    ("activities", ActivitiesAPIViewSet),
    ("groups", GroupsAPIViewSet),
    ("meetings", MeetingsAPIViewSet),
    ("report-editions", EditionsAPIViewSet),
]
for _name, _endpoint in ENDPOINTS:
    # DRF's as_view() resets a viewset's ``name``: the endpoint keeps its own.
    _endpoint.endpoint_name = _name
    api_router.register_endpoint(_name, _endpoint)
