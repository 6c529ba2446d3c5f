"""Settings shared by every environment.

The environment is read here, once; ``dev``, ``test`` and ``production`` only adjust.
"""

import datetime
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from .services import cache_settings, storage_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

ENV = os.environ


def env_list(name, default=""):
    return [item.strip() for item in ENV.get(name, default).split(",") if item.strip()]


SECRET_KEY = ENV.get("SECRET_KEY", "")
DEBUG = ENV.get("DEBUG", "") == "1"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts",
    "home",
    "groups",
    "library",
    "iati_publisher",
    "aidmap",
    "search",
    "api",
    "operations",
    "alerts",
    "training",
    "reports",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",  # promoted results, search terms (search/)
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.UsersAppConfig",  # wagtail.users with our user viewset
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "wagtail.api.v2",
    "drf_spectacular",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Security (accounts/README section "Security"): lockout, CSP, two-factor authentication.
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Background jobs (operations/): django-tasks and its database backend (db_worker).
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First: anonymous pages served from the cache (home/pagecache.py; stores on the way out).
    "home.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "accounts.middleware.SecurityHeadersMiddleware",
    "accounts.middleware.ContentSecurityPolicyMiddleware",
    # Control characters in the path or the query string: 400 before any view sees them.
    "accounts.middleware.BadInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: django-axes turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_chrome",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        ENV.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(ENV.get("CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out credentials first
    # then an address with too many failures (any username), still before any hashing
    "accounts.security.AddressThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# The front-end login (private pages) without ?next= goes home, not to /accounts/profile/.
LOGIN_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: French first, English second.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Africa/Bamako"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(ENV.get("MEDIA_ROOT") or VAR_DIR / "media")
# Media (README "Scaling out"): MEDIA_ROOT on disk, or an S3-compatible bucket when
# MEDIA_STORAGE_URL=s3://bucket[/prefix] is set (django-storages). The bucket stays private:
# documents are served through Wagtail's permission-checked view, which redirects to a signed
# URL valid AWS_QUERYSTRING_EXPIRE seconds (or streams them itself with DOCUMENTS_SERVE=app);
# image renditions (public on the site anyway) go to "<prefix>/renditions/", unsigned so that
# cached pages keep working, readable via AWS_RENDITIONS_ACL or the bucket policy / CDN.
# The AWS_* variables are read in config/settings/services.py.
MEDIA_STORAGE_URL = ENV.get("MEDIA_STORAGE_URL", "")
STORAGES = storage_settings(MEDIA_STORAGE_URL)
if MEDIA_STORAGE_URL:
    WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail: EMAIL_URL such as smtp://user:pass@host:587?tls=1, console otherwise.
EMAIL_URL = ENV.get("EMAIL_URL", "")
if EMAIL_URL:
    from urllib.parse import parse_qs, unquote, urlparse

    _email = urlparse(EMAIL_URL)
    _query = parse_qs(_email.query)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or 25
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_TLS = _query.get("tls", ["0"])[0] == "1"
    EMAIL_USE_SSL = _query.get("ssl", ["0"])[0] == "1"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = ENV.get("DEFAULT_FROM_EMAIL", "Portail PTF Mali <noreply@ptf-mali.org>")

# Cache (operations, README "Cache, sessions and background jobs"): Redis when REDIS_URL is set
# (django-redis), local memory otherwise. Two aliases on the same Redis:
# - "default" ignores Redis failures (a miss, never a 500): sessions, throttles, third parties;
# - "strict" raises them to home/cache.py, which degrades to a miss and logs once per state
#   change (so an outage is logged, and a failed invalidation is known).
# Built in config/settings/services.py (REDIS_CONNECT_TIMEOUT, REDIS_TIMEOUT in seconds).
REDIS_URL = ENV.get("REDIS_URL", "")
CACHE_KEY_PREFIX = ENV.get("CACHE_KEY_PREFIX", "ptf")
CACHES = cache_settings(REDIS_URL, CACHE_KEY_PREFIX)
if REDIS_URL:
    # Sessions in the database, read through the shared cache: valid on every app server,
    # and they survive a Redis restart or outage.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Whole-page cache for anonymous visitors (home/pagecache.py), invalidated at publication.
PAGE_CACHE_ENABLED = ENV.get("PAGE_CACHE_ENABLED", "1") == "1"
PAGE_CACHE_SECONDS = int(ENV.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_MAX_BYTES = 2 * 1024 * 1024
PAGE_CACHE_EXCLUDED = (
    "/admin/", "/django-admin/", "/api/", "/documents/", "/iati/", "/healthz", "/static/",
    "/media/", "/i18n/", "/favicon.ico",
)  # fmt: skip

# Background jobs (operations/jobs.py): django-tasks with its database backend; the worker is
# `python manage.py db_worker` (started by `make run`; systemd unit in deploy/).
TASKS = {
    "default": {"BACKEND": ENV.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")},
}

# Wagtail
WAGTAIL_SITE_NAME = "Portail PTF Mali"
WAGTAILADMIN_BASE_URL = ENV.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "library.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "library.CustomDocument"
# Documents always go through Wagtail's serve view (collection privacy checked there); on object
# storage it then redirects to a short-lived signed URL, unless DOCUMENTS_SERVE=app.
WAGTAILDOCS_SERVE_METHOD = (
    "redirect" if MEDIA_STORAGE_URL and ENV.get("DOCUMENTS_SERVE", "signed") != "app"
    else "serve_view"
)  # fmt: skip
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "csv", "txt", "zip",
]  # fmt: skip
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(ENV.get("DOCUMENT_MAX_UPLOAD_MB", "50")) * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Search (search/README section in README.md): Wagtail's database backend with the bilingual,
# accent-insensitive configurations of search/backend.py; SEARCH_URL moves it to an
# Elasticsearch 8 / OpenSearch cluster with French and English analyzers (asciifolding).
SEARCH_URL = ENV.get("SEARCH_URL", "")
SEARCH_ENGINE = ENV.get("SEARCH_ENGINE", "elasticsearch8")  # or opensearch2, opensearch3
SEARCH_INDEX = ENV.get("SEARCH_INDEX", "ptf")
if SEARCH_URL:
    _folded = {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"]}
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{SEARCH_ENGINE}",
            "URLS": [SEARCH_URL],
            "INDEX_PREFIX": f"{SEARCH_INDEX}_",
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {
                        "filter": {
                            "fr_elision": {
                                "type": "elision",
                                "articles_case": True,
                                "articles": ["l", "d", "j", "m", "n", "s", "t", "c", "qu"],
                            },
                            "fr_stop": {"type": "stop", "stopwords": "_french_"},
                            "fr_stem": {"type": "stemmer", "language": "light_french"},
                            "en_stop": {"type": "stop", "stopwords": "_english_"},
                            "en_stem": {"type": "stemmer", "language": "english"},
                        },
                        "analyzer": {
                            # Wagtail's analyzers of every text field, made bilingual: French
                            # elision, then both stemmers on accent-folded words.
                            "default": {
                                **_folded,
                                "filter": [
                                    "fr_elision",
                                    "lowercase",
                                    "asciifolding",
                                    "fr_stop",
                                    "fr_stem",
                                    "en_stem",
                                ],
                            },
                            "folded": _folded,
                        },
                    }
                }
            },
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}
WAGTAILSEARCH_HITS_MAX_AGE = 90  # days of search-term hits kept (search promotions' report)
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILEMBEDS_FINDERS = []  # no network at run time
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party avatar calls from the admin
WAGTAIL_ENABLE_UPDATE_CHECK = False  # nor to releases.wagtail.org (the CSP would block it)
WAGTAIL_PASSWORD_RESET_ENABLED = True

# Map tiles: a URL template; empty means "no tiles" (the map still draws Mali's outline).
MAP_TILES_URL = ENV.get("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ATTRIBUTION = ENV.get("MAP_TILES_ATTRIBUTION", "© OpenStreetMap contributors")

# Error notification (the 500 page says "the team has been told" only when one is set):
# ADMINS="Name <a@example.org>, b@example.org" receive each server error by e-mail (Django's
# AdminEmailHandler), SENTRY_DSN sends them to Sentry (sentry-sdk, production settings).
# Database outages are logged once per state change (home/health.py), never per request.
ADMINS = [
    (_addr.split("<")[0].strip() or _addr.strip(), _addr.split("<")[-1].rstrip(">").strip())
    for _addr in env_list("ADMINS")
]
SERVER_EMAIL = ENV.get("SERVER_EMAIL", ENV.get("DEFAULT_FROM_EMAIL", "noreply@ptf-mali.org"))
SENTRY_DSN = ENV.get("SENTRY_DSN", "")
ERROR_NOTIFICATION_CONFIGURED = bool(ADMINS or SENTRY_DSN)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "loggers": {
        "django.request": {
            "handlers": ["console", *(["mail_admins"] if ADMINS else [])],
            "level": "ERROR",
            "propagate": False,
        },
    },
    "root": {"handlers": ["console"], "level": ENV.get("LOG_LEVEL", "WARNING")},
}

# --- Security (accounts/): lockout, password reset throttle, 2FA, CSP, headers ---------------
# Lockout (django-axes, database handler: works with any cache, several workers share it):
# 5 failures for one account from one address lock that pair for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_CLIENT_IP_CALLABLE = "accounts.security.client_ip"
AXES_VERBOSE = False
# Whatever the username: an address with this many failed sign-ins in those 15 minutes is
# refused before any password hashing (accounts.security.AddressThrottleBackend); 0 = off.
LOGIN_FAILURES_PER_ADDRESS = int(ENV.get("LOGIN_FAILURES_PER_ADDRESS", "30"))
# Number of reverse proxies in front of the site (nginx: 1); their X-Forwarded-For is trusted.
TRUSTED_PROXY_COUNT = int(ENV.get("TRUSTED_PROXY_COUNT", "0"))
# Password reset requests: at most this many per address (and per e-mail) in 15 minutes.
PASSWORD_RESET_RATE = int(ENV.get("PASSWORD_RESET_RATE", "5"))
# Two-factor authentication (TOTP, django-otp): optional for administrators and the Pool
# Technique; when True they must set it up before using the admin.
TWO_FACTOR_REQUIRED = ENV.get("TWO_FACTOR_REQUIRED", "") == "1"
OTP_TOTP_ISSUER = "Portail PTF Mali"
# Nobody types another person's password: accounts are created by invitation.
WAGTAILUSERS_PASSWORD_ENABLED = False
INVITATION_VALID_DAYS = 7
# Headers (accounts/middleware.py); the Content-Security-Policy is built there from these.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# Content-Security-Policy (django-csp 4). Public pages: scripts and styles from this site only
# (no inline script, no eval), images also from the tile server, nothing framed from elsewhere.
# JSON data islands (json_script) are not executed, so they need no nonce.
_TILES_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(MAP_TILES_URL)) if MAP_TILES_URL else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_TILES_ORIGIN] if _TILES_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
# The admin (Wagtail 8 and Django's): Wagtail still renders a few inline <script> blocks (inline
# panels, date/time widgets, search promotions) and inline styles (Draftail, choosers, the
# preview panel's sizes), uses blob: images for upload previews and frames its own preview.
ADMIN_URL_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_CONTENT_SECURITY_POLICY = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *([_TILES_ORIGIN] if _TILES_ORIGIN else [])],
}

# Library: upload checks by content and the metadata form.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "library.forms.LibraryDocumentForm"

# Open data API (api/): read-only JSON under /api/v2/, CORS open for GET only, rate-limited per IP.
API_RATE_LIMIT = ENV.get("API_RATE_LIMIT", "600/min")  # requests per client IP; "" = no limit
API_CACHE_SECONDS = int(ENV.get("API_CACHE_SECONDS", "3600"))  # invalidated on publication
API_MAX_LIMIT = 100
WAGTAILAPI_LIMIT_MAX = API_MAX_LIMIT
WAGTAILAPI_BASE_URL = ENV.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
REST_FRAMEWORK = {
    # The public API is anonymous: no session or basic authentication on its endpoints (each
    # API view sets its own classes; Wagtail's admin API keeps its session authentication).
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Portail PTF Mali — open data API",
    "DESCRIPTION": (
        "Read-only JSON API of the portal of Mali's technical and financial partners: pages, "
        "library documents, images, published IATI activities, thematic groups, meetings and "
        "the calendar of reference reports. Never more than the public site shows."
    ),
    "VERSION": "2",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v2",
    "POSTPROCESSING_HOOKS": ["api.schema.add_components"],
    "DEFAULT_GENERATOR_CLASS": "api.schema.SchemaGenerator",
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
}

# --- Editing for focal points (README "Editing for focal points") ---------------------------
# Slugs typed or generated from French titles are ASCII ("reunion-sante", not "réunion-santé").
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Admin date pickers in the local (French) order, not ISO; ISO input is still accepted.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
# ...and read back in that order whatever the admin's language (English included).
FORMAT_MODULE_PATH = ["home.locale_formats"]

# E-mail alerts (alerts/): subscription requests per client address and per e-mail in 15 minutes.
ALERTS_SUBSCRIBE_RATE = int(ENV.get("ALERTS_SUBSCRIBE_RATE", "5") or 0) or 5
