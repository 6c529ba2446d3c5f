from django.urls import path

from . import views

urlpatterns = [
    path("locations.geojson", views.locations_geojson, name="aidmap_geojson"),
]
