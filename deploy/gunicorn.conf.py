"""gunicorn settings for the portal (``gunicorn -c deploy/gunicorn.conf.py config.wsgi``).

Sync workers: the site's work is CPU and PostgreSQL, and anonymous pages are answered from the
page cache before Django runs (config/wsgi.py). Long work (IATI imports and regeneration, text
extraction) runs in the background worker, so requests stay short and the timeout can stay
low. Every value can be overridden from the environment (GUNICORN_*).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (memory held by large imports or exports is given back).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# nginx in front: trust its X-Forwarded-* headers (TRUSTED_PROXY_COUNT=1 for the application).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Load the application once in the master, before forking (faster start, shared memory).
preload_app = True
