"""Settings built from the services' URLs (``base.py`` calls them; the tests too, to point a
test at the real Redis or at the S3 emulator). See README "Scaling out"."""

import os
from urllib.parse import urlsplit


def storage_settings(media_url, env=os.environ):
    """STORAGES for ``media_url`` (FileSystemStorage when empty); also used by the tests."""
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    if not media_url:
        return {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": static}  # fmt: skip
    parts = urlsplit(media_url)
    if parts.scheme != "s3" or not parts.netloc:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("MEDIA_STORAGE_URL must look like s3://bucket[/prefix].")
    prefix = parts.path.strip("/")
    common = {
        "bucket_name": parts.netloc,
        "endpoint_url": env.get("AWS_S3_ENDPOINT_URL") or None,  # MinIO, Ceph, Scaleway, OVH…
        "region_name": env.get("AWS_S3_REGION_NAME") or None,
        # No credentials here: boto3 reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or an
        # instance role, ~/.aws) itself, so they never reach a queued job's arguments (Wagtail
        # queues file deletions with the storage's options).
        "addressing_style": env.get("AWS_S3_ADDRESSING_STYLE") or None,  # "path" for MinIO
        "signature_version": env.get("AWS_S3_SIGNATURE_VERSION", "s3v4"),
        "file_overwrite": False,  # two uploads of "rapport.pdf" never replace each other
        "default_acl": None,  # objects inherit the bucket's (private) policy
    }
    private = {**common, "location": prefix, "querystring_auth": True,
               "querystring_expire": int(env.get("AWS_QUERYSTRING_EXPIRE", "60"))}  # fmt: skip
    public = {
        **common,
        "location": "/".join(filter(None, [prefix, "renditions"])),
        "querystring_auth": False,
        "default_acl": env.get("AWS_RENDITIONS_ACL", "public-read") or None,
        "custom_domain": env.get("MEDIA_PUBLIC_DOMAIN") or None,  # a CDN in front of renditions
    }
    backend = "storages.backends.s3.S3Storage"
    return {
        "default": {"BACKEND": backend, "OPTIONS": private},
        "renditions": {"BACKEND": backend, "OPTIONS": public},
        "staticfiles": static,
    }


def cache_settings(redis_url, key_prefix="ptf", env=os.environ):
    """CACHES for ``redis_url`` (or local memory when empty); also used by the tests."""
    if not redis_url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    def alias(ignore_exceptions):
        return {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {
                # Redis answers in well under a millisecond: a slow or absent one is a miss.
                "SOCKET_CONNECT_TIMEOUT": float(env.get("REDIS_CONNECT_TIMEOUT", "0.25")),
                "SOCKET_TIMEOUT": float(env.get("REDIS_TIMEOUT", "0.5")),
                "IGNORE_EXCEPTIONS": ignore_exceptions,
            },
        }

    return {"default": alias(True), "strict": alias(False)}
