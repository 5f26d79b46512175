"""Test settings: fast hashing, mail in memory, media in a throwaway folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Messages are queued by django-mailer as in production; tests call
# mailer.engine.send_all() and read django.core.mail.outbox.
MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="linkedout-test-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="linkedout-test-static-"))
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests change data behind the signals' back (queryset updates); the page cache has
# its own tests, which turn it on.
PAGE_CACHE_SECONDS = 0

# Parallel test workers (pytest-xdist) each get their own Redis database, so that one
# worker clearing its cache never empties another's.
if REDIS_URL:  # noqa: F405
    import os
    from urllib.parse import urlsplit, urlunsplit

    worker_number = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    parts = urlsplit(REDIS_URL)  # noqa: F405
    base_db = int(parts.path.strip("/") or 0)
    CACHES["default"]["LOCATION"] = urlunsplit(  # noqa: F405
        parts._replace(path=f"/{base_db + worker_number}")
    )
    CACHES["default"]["OPTIONS"] = {}  # noqa: F405  (a broken Redis must fail the tests)
