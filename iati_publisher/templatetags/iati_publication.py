"""``{% iati_regeneration_status %}``: where the regeneration of the published IATI files stands
("en cours" with its progress, or "terminée à HH:MM"). One query."""

from django import template

from ..publication import regeneration_status

register = template.Library()


@register.inclusion_tag("iati_publisher/admin/regeneration_status.html")
def iati_regeneration_status():
    return {"job": regeneration_status()}
