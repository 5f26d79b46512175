"""The editor-managed menus (home.NavigationSettings), resolved to plain links and cached.

Page links become the page's address when the menus are first needed after a change;
links to pages that are not live are dropped. The result is kept per site and per page
cache version, so any publication, move or settings change renews it and a warm page
pays no query for its menus.
"""

from django.core.cache import cache
from wagtail.models import Site

from .caching import navigation_settings_for_site
from .page_cache import current_version

MENUS_KEY = "home:menus:v1:{site_id}:{version}"
MENUS_SECONDS = 60 * 60
EMPTY_MENUS = {"main_menu": [], "footer_columns": [], "legal_links": []}


def resolve_link(value, request):
    """{"label", "url", "external"} for one MenuLinkBlock value, or None to leave it out."""
    page = value.get("page")
    if page is not None:
        if not page.live:
            return None
        url = page.get_url(request)
        if not url:
            return None
        return {"label": value["label"], "url": url, "external": False}
    if value.get("url"):
        url = value["url"]
        return {"label": value["label"], "url": url, "external": not url.startswith("/")}
    # The chosen page was deleted and no address was given.
    return None


def resolve_links(values, request):
    links = (resolve_link(value, request) for value in values)
    return [link for link in links if link]


def resolve_menus(settings, request):
    """The three menus of `settings` as plain, picklable data."""
    columns = []
    for child in settings.footer_columns:
        links = resolve_links(child.value["links"], request)
        if links:
            columns.append({"heading": child.value["heading"], "links": links})
    return {
        "main_menu": resolve_links([child.value for child in settings.main_menu], request),
        "footer_columns": columns,
        "legal_links": resolve_links([child.value for child in settings.legal_links], request),
    }


def menus_for_request(request):
    """The current site's menus, from the cache when nothing changed since last time."""
    site = Site.find_for_request(request)
    if site is None:
        return EMPTY_MENUS
    key = MENUS_KEY.format(site_id=site.pk, version=current_version())
    menus = cache.get(key)
    if menus is None:
        menus = resolve_menus(navigation_settings_for_site(site), request)
        cache.set(key, menus, MENUS_SECONDS)
    return menus


def current_state(url, path):
    """The aria-current value of a menu link on the page at `path`, or ""."""
    if not url or url.startswith(("http://", "https://", "//", "mailto:")):
        return ""
    url_path = url.split("?", 1)[0].split("#", 1)[0]
    if url_path == path:
        return "page"
    # A link to a section (the CV list) stays marked on the pages below it (a CV).
    if url_path != "/" and url_path.endswith("/") and path.startswith(url_path):
        return "true"
    return ""
