"""Absolute links of the alerts' e-mails, from the hostname of the default Wagtail site
(*Settings › Sites*), or ``WAGTAILADMIN_BASE_URL`` when no site is configured. One query.

When the site redirects HTTP to HTTPS (``SECURE_SSL_REDIRECT``, on in production), links are
written in ``https`` even if the Site record says port 80: a mail client's RFC 8058 one-click
POST to an ``http`` link would be redirected (and dropped), and Gmail and Yahoo require an
``https`` List-Unsubscribe for bulk senders."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from .tokens import subscriber_token


def site_root_url():
    site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    if site is not None and site.hostname:
        root = site.root_url
    else:
        root = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    if settings.SECURE_SSL_REDIRECT and root.startswith("http://"):
        host = root.removeprefix("http://")
        if site is not None and site.hostname and site.port == 80:
            host = site.hostname
        root = "https://" + host
    return root


def subscriber_links(subscriber, root):
    """(manage URL, one-click unsubscribe URL) in the subscriber's language."""
    token = subscriber_token(subscriber)
    with translation.override(subscriber.language):
        return (
            root + reverse("alerts:manage", args=[token]),
            root + reverse("alerts:unsubscribe", args=[token]),
        )
