"""Admin widgets for activity locations, on the vendored Leaflet (no CDN).

- ``PointPickerWidget`` (on the latitude field): the input plus a small map of Mali; clicking
  the map (or dragging the marker) fills latitude *and* longitude of the same row, typing
  moves the marker; a point outside Mali's box is flagged at once (the server check in
  ``iati_publisher.geo`` has the last word).
- ``GazetteerSelect`` (on the administrative unit code): régions and cercles of the gazetteer
  shipped with the product; choosing one fills the level and, when the row has no coordinates
  yet (or they came from a previous choice), the coordinates with the unit's centroid
  (exactness "approximate").

The rows of a Wagtail InlinePanel are added by JavaScript: ``static/js/iati-location-widget.js``
sets up every widget it finds, including those added later.
"""

from django import forms
from django.conf import settings
from django.utils.html import format_html, format_html_join, json_script
from django.utils.translation import gettext as _

from . import gazetteer, geo

LEAFLET_CSS = "vendor/leaflet-1.9.4/leaflet.css"
LEAFLET_JS = "vendor/leaflet-1.9.4/leaflet.js"


class PointPickerWidget(forms.TextInput):
    """A latitude input with a map point-picker that also fills the row's longitude."""

    input_type = "text"

    def __init__(self, attrs=None, longitude_field="longitude"):
        self.longitude_field = longitude_field
        super().__init__(attrs={"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    class Media:
        css = {"all": [LEAFLET_CSS, "css/iati-location-widget.css"]}
        js = [LEAFLET_JS, "js/iati-location-widget.js"]

    def render(self, name, value, attrs=None, renderer=None):
        field = super().render(name, value, attrs, renderer)
        min_lon, min_lat, max_lon, max_lat = geo.bbox()
        return format_html(
            '{field}<div class="iati-point-picker" data-longitude-field="{longitude}" '
            'data-tiles="{tiles}" data-attribution="{attribution}" data-bbox="{bbox}" '
            'data-msg-outside="{outside}" data-msg-swapped="{swapped}">'
            '<p class="iati-point-picker-help">{help}</p>'
            '<div class="iati-point-picker-map" role="application" aria-label="{label}"></div>'
            '<p class="iati-point-picker-warning" role="status" aria-live="polite"></p>'
            "{outline}</div>",
            field=field,
            longitude=self.longitude_field,
            tiles=settings.MAP_TILES_URL,
            attribution=settings.MAP_TILES_ATTRIBUTION,
            bbox=f"{min_lon},{min_lat},{max_lon},{max_lat}",
            outside=_("This point is outside Mali: check the latitude and longitude."),
            swapped=_("Latitude and longitude seem swapped: the latitude comes first."),
            help=_(
                "Click the map to place the point (or drag the marker); the latitude and "
                "longitude are filled in for you."
            ),
            label=_("Map to pick the location's point"),
            outline=json_script(gazetteer.outline(), None),
        )


class GazetteerSelect(forms.Select):
    """A select of Mali's régions and cercles whose options carry their centroids."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"data-gazetteer": "", **(attrs or {})})

    class Media:
        js = ["js/iati-location-widget.js"]

    @property
    def choices(self):
        return [("", _("— none (point only or national level) —")), *gazetteer.choices()]

    @choices.setter
    def choices(self, value):  # the model field's choices are replaced by the gazetteer's
        pass

    def optgroups(self, name, value, attrs=None):
        current = {str(v) for v in value if v}
        groups = super().optgroups(name, value, attrs)
        known = {option["value"] for _group, options, _index in groups for option in options}
        for code in sorted(current - known):  # keep a code the gazetteer does not know
            option = self.create_option(name, code, code, True, len(groups), attrs=attrs)
            groups.append((None, [option], len(groups)))
        return groups

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        unit = gazetteer.get(value)
        if unit is not None:
            option["attrs"].update(
                {
                    "data-lat": unit["latitude"],
                    "data-lon": unit["longitude"],
                    "data-level": "region" if unit["level"] == 1 else "cercle",
                    "data-name-fr": unit["name_fr"],
                    "data-name-en": unit["name_en"],
                }
            )
        return option


class CodelistInput(forms.TextInput):
    """A code typed freely, suggested from codelists (a ``<datalist>``: the browser filters it
    as one types). For codes whose list depends on a vocabulary (policy markers, SDG tags):
    the standard's list is offered, a publisher's own code (vocabulary 99) stays possible."""

    def __init__(self, codelists, attrs=None):
        self.codelists = tuple(codelists)
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})

    def __deepcopy__(self, memo):
        obj = super().__deepcopy__(memo)
        obj.codelists = self.codelists
        return obj

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id') or name}-codes"
        context["widget"]["attrs"]["list"] = list_id
        context["list_id"] = list_id
        return context

    def render(self, name, value, attrs=None, renderer=None):
        from .codelists import choices_for

        context = self.get_context(name, value, attrs)
        field = self._render(self.template_name, context, renderer)
        options = [
            (code, label) for codelist in self.codelists for code, label in choices_for(codelist)
        ]
        return format_html(
            '{field}<datalist id="{id}">{options}</datalist>',
            field=field,
            id=context["list_id"],
            options=format_html_join("", '<option value="{}">{}</option>', options),
        )
