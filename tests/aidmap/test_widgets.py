"""Location editing: point-picker and gazetteer widgets, and the model's coordinate check."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from iati_publisher.models import ActivityLocation
from iati_publisher.widgets import GazetteerSelect, PointPickerWidget

from .helpers import make_activities


def test_point_picker_renders_the_vendored_map_and_the_outline():
    html = PointPickerWidget().render(
        "locations-0-latitude", "13.431", {"id": "id_locations-0-latitude"}
    )
    assert 'id="id_locations-0-latitude"' in html
    assert 'class="iati-point-picker"' in html
    assert 'data-longitude-field="longitude"' in html
    assert '"FeatureCollection"' in html  # Mali's outline, for offline use
    media = str(PointPickerWidget().media)
    assert "vendor/leaflet-1.9.4/leaflet.js" in media
    assert "js/iati-location-widget.js" in media
    assert "http" not in media  # nothing from a CDN


def test_gazetteer_select_lists_regions_and_cercles_with_centroids():
    with translation.override("en"):
        html = GazetteerSelect().render("locations-0-admin_unit_code", "MLI.7_1")
    assert '<optgroup label="Ségou">' in html
    assert (
        'value="MLI.7_1" selected data-lat="13.431" data-lon="-6.265" data-level="region"' in html
    )
    assert 'value="ML-4-03"' in html and "Bla (Ségou)" in html  # a cercle
    assert 'value="ML-10"' in html  # Taoudénit
    # a code the gazetteer does not know is kept, not silently dropped
    assert 'value="XX-1" selected' in GazetteerSelect().render("code", "XX-1")


@pytest.mark.django_db
def test_location_clean_refuses_points_outside_mali_and_explains_swaps():
    [activity] = make_activities(1, prefix="W")
    ok = ActivityLocation(activity=activity, latitude=Decimal("13.43"), longitude=Decimal("-6.26"))
    ok.full_clean()
    swapped = ActivityLocation(
        activity=activity, latitude=Decimal("-6.26"), longitude=Decimal("13.43")
    )
    with pytest.raises(ValidationError) as excinfo, translation.override("en"):
        swapped.full_clean()
    assert "swapped" in str(excinfo.value.message_dict["latitude"])
    paris = ActivityLocation(
        activity=activity, latitude=Decimal("48.85"), longitude=Decimal("2.35")
    )
    with pytest.raises(ValidationError) as excinfo:
        paris.full_clean()
    assert "latitude" in excinfo.value.message_dict
    ActivityLocation(
        activity=activity, admin_unit_code="ML-4", admin_unit_level="region"
    ).full_clean()


@pytest.mark.django_db
def test_activity_editor_shows_the_location_widgets(client, superuser):
    [activity] = make_activities(1, prefix="E")
    client.force_login(superuser)
    url = reverse("wagtailsnippets_iati_publisher_activity:edit", args=[activity.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "iati-point-picker" in html
    assert "data-gazetteer" in html
    assert "vendor/leaflet-1.9.4/leaflet.js" in html
    assert "js/iati-location-widget.js" in html


def _location(**fields):
    return {
        "name_fr": "Ségou",
        "name_en": "Ségou",
        "exactness": "2",
        "location_class": "2",
        "location_reach": "1",
        **fields,
    }


@pytest.mark.django_db
def test_editor_refuses_swapped_coordinates_on_the_location_row(client, superuser):
    from iati_publisher.factories import ReportingOrganisationFactory
    from iati_publisher.models import Activity
    from tests.iati_publisher.conftest import activity_post_data

    org = ReportingOrganisationFactory(ref="FR-6", name_fr="AFD", name_en="AFD")
    client.force_login(superuser)
    add = reverse("wagtailsnippets_iati_publisher_activity:add")
    swapped = [_location(latitude="-6.265", longitude="13.431")]
    response = client.post(add, activity_post_data(org, locations=swapped))
    assert response.status_code == 200
    assert not Activity.objects.exists()
    row = response.context["form"].formsets["locations"].forms[0]
    assert "inversées" in " ".join(row.errors["latitude"])  # the editor's language (French)

    gazetteer_row = [
        _location(
            latitude="13.431",
            longitude="-6.265",
            admin_unit_code="MLI.7_1",
            admin_unit_level="region",
        )
    ]
    response = client.post(
        add, activity_post_data(org, locations=gazetteer_row, **{"action-publish": "1"})
    )
    assert response.status_code == 302
    assert Activity.objects.get().locations.get().admin_unit_code == "MLI.7_1"
