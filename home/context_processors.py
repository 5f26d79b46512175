from django.core.cache import cache
from django.utils.functional import SimpleLazyObject


def _first_live_page_url(model, default):
    """URL of the first live page of `model`, cached until the next publication."""
    from .page_cache import current_version

    key = f"home:nav:{model._meta.label_lower}:{current_version()}"
    url = cache.get(key)
    if url is None:
        page = model.objects.live().first()
        url = page.url if page else default
        cache.set(key, url, 60 * 60)
    return url


def _cv_index_url():
    from cv_pages.models import CVIndexPage

    return _first_live_page_url(CVIndexPage, "/")


def _donation_url():
    from donations.models import DonationPage

    return _first_live_page_url(DonationPage, "")


def navigation(request):
    """Links and identity every page needs, looked up once and cached."""
    from .caching import site_identity_for_request
    from .page_cache import current_version

    return {
        "cv_index_url": SimpleLazyObject(_cv_index_url),
        "donation_url": SimpleLazyObject(_donation_url),
        # Part of fragment cache keys: any publication or settings change renews them.
        "page_cache_version": SimpleLazyObject(current_version),
        "site_identity": SimpleLazyObject(lambda: site_identity_for_request(request)),
    }
