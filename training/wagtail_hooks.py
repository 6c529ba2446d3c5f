"""Admin registration of the training app: the "Training" menu (section, progress, sandbox),
and the "your next module" panel on the admin home. The help menu's link to the training
section is home's (``home.admin_language.training_url``)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import admin_views
from .queries import PROGRESS_PERMISSION


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("training/progress/", admin_views.progress_view, name="training_progress"),
        path("training/sandbox/", admin_views.sandbox_view, name="training_sandbox"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class TrainingSectionMenuItem(MenuItem):
    """Opens the training section of the admin's language in the page explorer."""

    def is_shown(self, request):
        return training_index_for(request) is not None

    def get_context(self, request):
        context = super().get_context(request)
        index = training_index_for(request)
        context["url"] = reverse("wagtailadmin_explore", args=[index.pk])
        return context


def training_index_for(request):
    from .admin_views import _admin_locale
    from .models import TrainingIndexPage

    if not hasattr(request, "_training_index"):
        request._training_index = (
            TrainingIndexPage.objects.filter(locale=_admin_locale()).first()
            or TrainingIndexPage.objects.first()
        )
    return request._training_index


def _menu_items():
    return [
        TrainingSectionMenuItem(
            _("Modules and sessions"), "#", icon_name="folder-open-inverse", order=1
        ),
        PermissionMenuItem(
            _("Trainees' progress"),
            reverse("training_progress"),
            icon_name="tasks",
            order=2,
            permission=PROGRESS_PERMISSION,
        ),
        PermissionMenuItem(
            _("Training sandbox"),
            reverse("training_sandbox"),
            icon_name="redirect",
            order=3,
            permission=admin_views.RESET_PERMISSION,
        ),
    ]


class TrainingMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PROGRESS_PERMISSION)


@hooks.register("register_admin_menu_item")
def training_menu():
    return TrainingMenuItem(
        _("Training"), Menu(items=_menu_items()), icon_name="help", name="training", order=250
    )


@hooks.register("construct_homepage_panels")
def next_module_panel(request, panels):
    # Wagtail's "what's new" banner links to its English guide: the training section replaces it.
    panels[:] = [panel for panel in panels if panel.name != "whats_new_in_wagtail_version"]
    panels.append(admin_views.NextModulePanel(request))
