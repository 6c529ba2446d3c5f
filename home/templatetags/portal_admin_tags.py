"""Template tags of the admin's own templates (the account summary on the admin home).

``{% portal_training_url as url %}``: the published training section's URL in the admin's
language (else French), or "" — ``home.admin_language.training_url``, 1 query."""

from django import template

from home import admin_language

register = template.Library()


@register.simple_tag
def portal_training_url():
    return admin_language.training_url()
