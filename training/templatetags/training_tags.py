"""``{% training_guide_url as url %}``: the French training section's URL (the editors' guide),
or an empty string when it is not published. 1 query."""

from django import template

register = template.Library()


def guide_url():
    from ..models import TrainingIndexPage

    index = TrainingIndexPage.objects.live().filter(locale__language_code="fr").first()
    return index.url if index is not None else ""


@register.simple_tag
def training_guide_url():
    return guide_url()
