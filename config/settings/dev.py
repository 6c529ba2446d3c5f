"""Local development: DEBUG on, a throwaway secret key, localhost only."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, ENV, SECRET_KEY

DEBUG = ENV.get("DEBUG", "1") == "1"
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
