from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

CV_INDEX_URL_CACHE_KEY = "home:cv_index_url:v1"


def _cv_index_url():
    url = cache.get(CV_INDEX_URL_CACHE_KEY)
    if url is None:
        from cv_pages.models import CVIndexPage

        index_page = CVIndexPage.objects.live().first()
        url = index_page.url if index_page else "/"
        cache.set(CV_INDEX_URL_CACHE_KEY, url, 60 * 10)
    return url


def navigation(request):
    """Links and identity every page needs, looked up once and cached."""
    from .caching import site_identity_for_request

    return {
        "cv_index_url": SimpleLazyObject(_cv_index_url),
        "site_identity": SimpleLazyObject(lambda: site_identity_for_request(request)),
    }
