"""URLs of the accounts app. ``public_urlpatterns`` go inside ``i18n_patterns``;
``admin_overrides`` are mounted before Wagtail's admin URLs (same paths, same names)."""

from django.urls import path

from . import views

public_urlpatterns = [
    path("invitation/<str:token>/", views.accept_invitation, name="accounts_invitation_accept"),
]

admin_overrides = [
    path("documents/<int:document_id>/<str:document_filename>", views.serve_document),
    path("admin/password_reset/", views.PasswordResetView.as_view()),
    path("admin/reports/page-types-usage/", views.PageTypesUsageReportView.as_view()),
    path(
        "admin/reports/page-types-usage/results/",
        views.PageTypesUsageReportView.as_view(results_only=True),
    ),
]
