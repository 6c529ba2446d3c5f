"""Public IATI URLs (outside the i18n patterns: stable addresses for the IATI registry)."""

from django.urls import path

from . import views

urlpatterns = [
    path("activities.xml", views.activities_xml, name="iati_activities"),
    path("organisation.xml", views.organisation_xml, name="iati_organisation"),
    path("<str:ref>/activities.xml", views.org_activities_xml, name="iati_org_activities"),
    path("<str:ref>/organisation.xml", views.org_organisation_xml, name="iati_org_organisation"),
]
