from django.conf import settings
from django.http import (
    HttpResponse,
    HttpResponseNotFound,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

# Nothing for search engines there: the admin, accounts and the donor space, the
# language switch, and the endpoints that count, receive or send forms (POST).
ROBOTS_DISALLOWED = (
    "/admin/",
    "/compte/",
    "/espace-donateur/",
    "/langue/",
    "/partages/",
    "/vues/",
    "/opportunites/",
    "/partenaires/devenir-partenaire/",
    "/stripe/",
    "/don/merci/",
)


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOWED]
    lines += ["", f"Sitemap: {sitemap_url}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    template = loader.get_template("404.html")
    return HttpResponseNotFound(template.render({"request_path": request.path}, request))


def server_error(request):
    # No context processors and no database: the error may come from either.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({}))


@require_GET
def switch_language(request):
    """Remembers the visitor's language in a cookie and goes back to the page.

    A GET form, not Django's POST set_language: public pages then carry no CSRF
    token and can be cached whole. Choosing a language changes nothing else.
    """
    next_url = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    language = request.GET.get("language", "")
    if language and check_for_language(language) and language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
