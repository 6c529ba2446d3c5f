"""Absolute links of the alerts' e-mails, from the hostname of the default Wagtail site
(*Settings › Sites*), or ``WAGTAILADMIN_BASE_URL`` when no site is configured. One query."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from .tokens import subscriber_token


def site_root_url():
    site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    if site is not None and site.hostname:
        return site.root_url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def subscriber_links(subscriber, root):
    """(manage URL, one-click unsubscribe URL) in the subscriber's language."""
    token = subscriber_token(subscriber)
    with translation.override(subscriber.language):
        return (
            root + reverse("alerts:manage", args=[token]),
            root + reverse("alerts:unsubscribe", args=[token]),
        )
