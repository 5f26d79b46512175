"""Open Graph and X (Twitter) card data for every page: title, description, URL, image.

Images: a CV's own card (cv_pages/share_image.py, a path on the CV's row), else the
page's chosen share image, else the site's default one (SiteIdentity), else a
text-free brand image shipped in static/. Chosen images are cropped to 1200 × 630 by
a Wagtail rendition whose URL and size are cached, so a page pays no query for them.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.templatetags.static import static
from django.utils.translation import get_language

SOCIAL_WIDTH, SOCIAL_HEIGHT = 1200, 630
SOCIAL_RENDITION = f"fill-{SOCIAL_WIDTH}x{SOCIAL_HEIGHT}|format-jpeg|jpegquality-85"
FALLBACK_IMAGE = "img/share-default.jpg"
CACHE_KEY = "home:social-image:v1:{pk}"
CACHE_SECONDS = 60 * 60 * 24
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def social_image_info(image_id):
    """URL, size and alt text of an editor's image cropped for social feeds, or None."""
    if not image_id:
        return None
    key = CACHE_KEY.format(pk=image_id)
    info = cache.get(key)
    if info is None:
        from .models import SiteImage

        image = SiteImage.objects.filter(pk=image_id).first()
        if image is None:
            return None
        if image.is_svg():
            # Social networks show no SVG: the next image in line is used instead.
            info = {}
        else:
            rendition = image.get_rendition(SOCIAL_RENDITION)
            info = {
                "url": rendition.url,
                "width": rendition.width,
                "height": rendition.height,
                "type": "image/jpeg",
                "alt": image.default_alt_text,
            }
        cache.set(key, info, CACHE_SECONDS)
    return info or None


def forget_social_image(instance, **kwargs):
    cache.delete(CACHE_KEY.format(pk=instance.pk))


def absolute(url, root_url):
    if url.startswith(("http://", "https://")):
        return url
    return f"{root_url.rstrip('/')}{url}"


def social_image(page, identity):
    """The image shown when `page` is shared, with a relative or absolute URL."""
    share_image = getattr(page, "share_image", "")
    if share_image:
        return {
            "url": default_storage.url(share_image),
            "width": SOCIAL_WIDTH,
            "height": SOCIAL_HEIGHT,
            "type": "image/jpeg",
            "alt": str(page.share_image_alt),
        }
    for image_id in (
        getattr(page, "social_image_id", None),
        getattr(identity, "default_social_image_id", None),
    ):
        info = social_image_info(image_id)
        if info:
            return dict(info)
    return {
        "url": static(FALLBACK_IMAGE),
        "width": SOCIAL_WIDTH,
        "height": SOCIAL_HEIGHT,
        "type": "image/jpeg",
        "alt": getattr(identity, "organisation_name", "") or "LinkedOut",
    }


def social_meta(page, identity, request=None):
    """Everything the Open Graph and X card tags need, as a dict of strings."""
    organisation = getattr(identity, "organisation_name", "") or "LinkedOut"
    url = ""
    root_url = ""
    if page is not None and getattr(page, "pk", None):
        # Without the request, like the canonical link of base.html: og:url == canonical.
        url = page.full_url or ""
        url_parts = page.get_url_parts()
        if url_parts is not None:
            root_url = url_parts[1] or ""
    if not root_url:
        root_url = request.build_absolute_uri("/") if request else settings.WAGTAILADMIN_BASE_URL
    if page is not None:
        title = (
            getattr(page, "social_title", None)
            or getattr(page, "seo_title", "")
            or getattr(page, "title", "")
        )
        description = page.get_meta_description() if hasattr(page, "get_meta_description") else ""
    else:
        title, description = organisation, ""
    image = social_image(page, identity)
    image["url"] = absolute(image["url"], root_url)
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return {
        "title": str(title or organisation),
        "description": str(description or getattr(identity, "tagline", "") or ""),
        "url": url,
        "type": getattr(page, "og_type", "website"),
        "site_name": organisation,
        "locale": OG_LOCALES.get(language, "fr_FR"),
        "image": image,
    }


def prepare_social_renditions(sender=None, instance=None, **kwargs):
    """Crops the chosen share images when they are picked, not on a visitor's request."""
    for image_id in (
        getattr(instance, "social_image_id", None),
        getattr(instance, "default_social_image_id", None),
    ):
        if image_id:
            cache.delete(CACHE_KEY.format(pk=image_id))
            social_image_info(image_id)


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published

    from .models import SiteIdentity, SiteImage

    post_save.connect(forget_social_image, sender=SiteImage, dispatch_uid="social-image-s")
    post_delete.connect(forget_social_image, sender=SiteImage, dispatch_uid="social-image-d")
    post_save.connect(prepare_social_renditions, sender=SiteIdentity, dispatch_uid="social-id")
    page_published.connect(prepare_social_renditions, dispatch_uid="social-page-published")
