"""Coordinate validation and the gazetteer of Mali shipped with the product."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from iati_publisher import gazetteer, geo


def test_gazetteer_counts_and_codes():
    regions = gazetteer.regions()
    cercles = gazetteer.cercles()
    assert len(regions) == 11  # 10 régions + the Bamako district
    assert len(cercles) == 49
    codes = [unit["code"] for unit in [*regions, *cercles]]
    assert len(codes) == len(set(codes))
    region_codes = {r["code"] for r in regions}
    assert all(c["region"] in region_codes for c in cercles)
    assert gazetteer.region_code_for("ML-4") == "ML-4"
    assert gazetteer.get("ML-4-03")["name_fr"] == "Bla"
    assert gazetteer.region_code_for("ML-4-03") == "ML-4"
    assert gazetteer.region_code_for("XX") is None


def test_every_gazetteer_point_is_inside_the_outline():
    for unit in [*gazetteer.regions(), *gazetteer.cercles()]:
        assert geo.in_mali(unit["latitude"], unit["longitude"]), unit["name_fr"]


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        (14.69, -17.44),  # Dakar
        (13.51, 2.11),  # Niamey
        (12.37, -1.52),  # Ouagadougou
        (5.35, -4.0),  # Abidjan
        (48.85, 2.35),  # Paris
        (18.08, -15.98),  # Nouakchott
    ],
)
def test_points_outside_mali_are_refused(lat, lon):
    assert not geo.in_mali(lat, lon)
    with pytest.raises(ValidationError) as excinfo, translation.override("en"):
        geo.validate_coordinates(lat, lon)
    assert "outside Mali" in str(excinfo.value.message_dict)


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(12.639, -8.003), (16.773, -3.007), (20.199, 1.011), (11.318, -5.667), (14.447, -11.445)],
)
def test_points_in_mali_are_accepted(lat, lon):
    assert geo.coordinate_errors(lat, lon) == {}
    geo.validate_coordinates(str(lat), str(lon))  # strings/Decimals from forms work too


def test_swapped_coordinates_are_detected_and_explained_in_both_languages():
    with translation.override("en"):
        errors = geo.coordinate_errors(-6.265, 13.431)  # Ségou, swapped
    assert set(errors) == {"latitude", "longitude"}
    assert "swapped" in errors["latitude"]
    assert "Ségou" in errors["latitude"]
    with translation.override("fr"):
        message = geo.coordinate_errors(-6.265, 13.431)["latitude"]
    assert "inversées" in message and "près de Ségou" in message


def test_forgotten_minus_sign_on_longitude_is_explained():
    with translation.override("en"):
        errors = geo.coordinate_errors(13.431, 6.265)  # Ségou without the minus sign
    assert "negative" in errors["longitude"]
    assert "-6.265" in errors["longitude"]


def test_half_a_pair_and_out_of_range():
    assert geo.coordinate_errors(None, None) == {}
    assert "latitude" in geo.coordinate_errors(None, -8)
    assert "longitude" in geo.coordinate_errors(12.6, "")
    assert "latitude" in geo.coordinate_errors(95, -8)


def test_nearest_region():
    assert geo.nearest_region(13.40, -6.20)["code"] == "ML-4"  # near Ségou
    assert geo.nearest_region(12.65, -7.98)["code"] == "ML-BKO"
    assert geo.nearest_region(18.5, 1.5)["code"] == "ML-8"  # Kidal
    assert geo.nearest_region(22.0, -4.0)["code"] == "ML-10"  # Taoudénit


def test_outline_is_a_small_geojson():
    data = gazetteer.outline()
    assert data["type"] == "FeatureCollection"
    assert len(gazetteer.outline_json()) < 5000


def test_gadm_identifiers_are_recognised():
    assert gazetteer.region_code_for("MLI.3_1") == "ML-1"  # Kayes, as in the IATI demo data
    assert gazetteer.region_code_for("MLI.9_1") == "ML-6"
    assert gazetteer.iati_vocabulary("MLI.7_1") == "A3"
    assert gazetteer.iati_vocabulary("ML-4") == "A4"
    assert gazetteer.iati_vocabulary("ML-4-03") is None
    values = [value for _group, options in gazetteer.choices("fr") for value, _label in options]
    assert "MLI.7_1" in values and "ML-9" in values and "ML-4-03" in values
