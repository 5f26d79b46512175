"""Small caches that keep every public page at a fixed, low number of queries.

Each cached value is rebuilt when the model it comes from is saved or deleted.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction, Site

ANY_VIEW_RESTRICTION_KEY = "home:any-view-restriction:v1"
SITE_IDENTITY_KEY = "home:site-identity:v1:{site_id}"
NAVIGATION_SETTINGS_KEY = "home:navigation-settings:v1:{site_id}"


def _load_any_view_restriction():
    found = cache.get(ANY_VIEW_RESTRICTION_KEY)
    if found is None:
        found = PageViewRestriction.objects.exists()
        cache.set(ANY_VIEW_RESTRICTION_KEY, found, 60 * 60)
    return found


def any_view_restriction():
    """Whether any page of any site is behind a password or login."""
    from .page_cache import read_once_per_request

    return read_once_per_request(ANY_VIEW_RESTRICTION_KEY, _load_any_view_restriction)


def forget_view_restrictions(**kwargs):
    from .page_cache import forget_for_this_request

    forget_for_this_request(ANY_VIEW_RESTRICTION_KEY)
    cache.delete(ANY_VIEW_RESTRICTION_KEY)


class CachedViewRestrictionsMixin:
    """Skips Wagtail's two view-restriction queries while no page is restricted."""

    def get_view_restrictions(self):
        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def site_identity_for_request(request):
    from .models import SiteIdentity

    site = Site.find_for_request(request)
    if site is None:
        return SiteIdentity()
    from .page_cache import read_once_per_request

    key = SITE_IDENTITY_KEY.format(site_id=site.pk)

    def load():
        identity = cache.get(key)
        if identity is None:
            identity = SiteIdentity.for_site(site)
            cache.set(key, identity, 60 * 60)
        return identity

    return read_once_per_request(key, load)


def forget_site_identity(instance, **kwargs):
    from .page_cache import forget_for_this_request

    key = SITE_IDENTITY_KEY.format(site_id=instance.site_id)
    forget_for_this_request(key)
    cache.delete(key)


def navigation_settings_for_site(site):
    """The site's menus and footer settings (home.NavigationSettings), from the cache.

    A site whose editors never saved them gets an unsaved, empty instance: for_site()
    would create the row, and that save would empty the whole page cache mid-request.
    """
    from .models import NavigationSettings

    key = NAVIGATION_SETTINGS_KEY.format(site_id=site.pk)
    settings = cache.get(key)
    if settings is None:
        settings = NavigationSettings.objects.filter(site_id=site.pk).first()
        if settings is None:
            settings = NavigationSettings(site_id=site.pk)
        cache.set(key, settings, 60 * 60)
    return settings


def forget_navigation_settings(instance, **kwargs):
    cache.delete(NAVIGATION_SETTINGS_KEY.format(site_id=instance.site_id))


def connect_signals():
    from .models import NavigationSettings, SiteIdentity

    post_save.connect(forget_view_restrictions, sender=PageViewRestriction, dispatch_uid="pvr-s")
    post_delete.connect(forget_view_restrictions, sender=PageViewRestriction, dispatch_uid="pvr-d")
    post_save.connect(forget_site_identity, sender=SiteIdentity, dispatch_uid="identity-s")
    post_delete.connect(forget_site_identity, sender=SiteIdentity, dispatch_uid="identity-d")
    post_save.connect(
        forget_navigation_settings, sender=NavigationSettings, dispatch_uid="navigation-s"
    )
    post_delete.connect(
        forget_navigation_settings, sender=NavigationSettings, dispatch_uid="navigation-d"
    )
