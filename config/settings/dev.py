"""Local development: DEBUG on, a throwaway secret key, localhost only."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, ENV, SECRET_KEY

DEBUG = ENV.get("DEBUG", "1") == "1"
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]

# The site's own 404/500 pages in development too (home.middleware.SiteErrorPagesMiddleware);
# DEBUG_ERROR_PAGES=django gives Django's technical pages back.
if DEBUG and ENV.get("DEBUG_ERROR_PAGES", "site") != "django":
    from .base import MIDDLEWARE

    MIDDLEWARE = [*MIDDLEWARE, "home.middleware.SiteErrorPagesMiddleware"]
