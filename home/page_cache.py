"""Whole-page cache for anonymous visitors.

Public pages are the same for every anonymous visitor in a given language, so their
HTML is kept in the cache for a few minutes. Every publication, unpublication, move or
deletion of a page, and every change of the reference data pages show, bumps a version
number that is part of each key: visitors never see a page older than the content.
Logged-in users (editors, coaches) always get a fresh page.
"""

import contextvars
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

VERSION_KEY = "page-cache:version"
# Account and donor-space pages carry CSRF tokens and personal data: never shared.
EXEMPT_PREFIXES = (
    "/admin/",
    "/documents/",
    "/langue/",
    "/media/",
    "/static/",
    "/compte/",
    "/espace-donateur/",
)
CACHEABLE_TYPES = (
    "text/html",
    "application/xml",
    "text/plain",
    "application/rss+xml",
    "application/atom+xml",
)


# The version is part of the page key and of every fragment and block key of the page:
# read once per request (a dozen cache round trips otherwise), forgotten when bumped.
_request_memo = contextvars.ContextVar("page_cache_request_memo", default=None)


def read_once_per_request(key, load):
    """`load()`'s value, remembered until the end of the current request (if any)."""
    memo = _request_memo.get()
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return memo[key]


def forget_for_this_request(key):
    memo = _request_memo.get()
    if memo is not None:
        memo.pop(key, None)


def _load_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def current_version():
    return read_once_per_request(VERSION_KEY, _load_version)


def bump_version(**kwargs):
    """Forget every cached page (they are keyed by this version)."""
    forget_for_this_request(VERSION_KEY)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def page_cache_seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


class AnonymousPageCacheMiddleware:
    """Serves anonymous GET requests for public pages from the cache.

    Sits after LocaleMiddleware (the language is part of the key).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.serve(request)
        finally:
            _request_memo.reset(token)

    def serve(self, request):
        seconds = page_cache_seconds()
        if not seconds or not self.is_cacheable_request(request):
            return self.get_response(request)
        key = self.key_for(request)
        cached = cache.get(key)
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response.headers[name] = value
            response.headers["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self.is_cacheable_response(response):
            patch_vary_headers(response, ["Accept-Language"])
            headers = {
                name: value
                for name, value in response.headers.items()
                if name.lower() not in {"set-cookie", "x-page-cache"}
            }
            cache.set(key, (response.status_code, headers, response.content), seconds)
            response.headers["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def is_cacheable_request(request):
        return (
            request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(EXEMPT_PREFIXES)
        )

    @staticmethod
    def is_cacheable_response(response):
        cache_control = response.headers.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
            and response.headers.get("Content-Type", "").startswith(CACHEABLE_TYPES)
        )

    @staticmethod
    def key_for(request):
        # The day is in the key: the listing's fair order changes every day.
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        return ":".join(
            [
                "page-cache",
                str(current_version()),
                request.get_host(),
                getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
                timezone.localdate().isoformat(),
                digest,
            ]
        )


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page, Site
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    from cv_pages.models import BusinessLine, Coach, Cohort, ContractType, Department, Region

    from .models import NavigationSettings, SiteIdentity

    page_published.connect(bump_version, dispatch_uid="page-cache-published")
    page_unpublished.connect(bump_version, dispatch_uid="page-cache-unpublished")
    page_slug_changed.connect(bump_version, dispatch_uid="page-cache-slug")
    post_page_move.connect(bump_version, dispatch_uid="page-cache-moved")

    def bump_for_deleted_pages(sender, instance, **kwargs):
        if isinstance(instance, Page):
            bump_version()

    post_delete.connect(bump_for_deleted_pages, dispatch_uid="page-cache-page-deleted")
    for model in (
        Site,
        SiteIdentity,
        NavigationSettings,
        BusinessLine,
        Coach,
        Cohort,
        ContractType,
        Department,
        Region,
    ):
        post_save.connect(bump_version, sender=model, dispatch_uid=f"page-cache-s-{model.__name__}")
        post_delete.connect(
            bump_version, sender=model, dispatch_uid=f"page-cache-d-{model.__name__}"
        )
