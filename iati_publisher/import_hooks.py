"""Admin registration of the IATI import views (XML and spreadsheet upload, preview, commit).

Imported once, at the end of ``iati_publisher/wagtail_hooks.py``.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import import_views

app_name = "iati_import"
urlpatterns = [
    path("", import_views.UploadView.as_view(), name="upload"),
    path("template.xlsx", import_views.TemplateDownloadView.as_view(), name="template"),
    path("<str:token>/", import_views.PreviewView.as_view(), name="preview"),
    path("<str:token>/cancel/", import_views.CancelView.as_view(), name="cancel"),
]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return import_views.can_import(request.user)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("iati-import/", include((urlpatterns, app_name), namespace=app_name))]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("IATI import"),
        reverse("iati_import:upload"),
        name="iati-import",
        icon_name="upload",
        order=251,
    )
