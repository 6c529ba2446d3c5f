"""WSGI entry point (gunicorn config.wsgi).

``home.pagecache.wsgi`` answers anonymous pages stored in the page cache before Django builds a
request or runs its middleware; everything else goes to Django."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
django_application = get_wsgi_application()

from home.pagecache import wsgi as page_cache  # noqa: E402  (needs the apps loaded)

application = page_cache(django_application)
