"""Sharing CVs: share links, the share and view counters, and their public endpoints.

A share is counted once per visitor, CV, channel and day. The visitor is never stored:
only a keyed hash of address + browser + day, which changes every day.
"""

import datetime
from urllib.parse import quote, urlencode, urlsplit

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.core import _get_ip, is_ratelimited
from wagtail.models import Site

from .models import CVPage, CVShare, CVShareDaily, CVViewDaily, ShareChannel, SharingSettings

SHARING_SETTINGS_KEY = "cv_pages:sharing-settings:v1:{site_id}"
SHARE_RATE = "30/m"
VIEW_RATE = "60/m"
SHARE_TOTAL_KEY = "cv_pages:share-total:v1"
SHARE_TOTAL_SECONDS = 60

# Channels a visitor reaches through a link (with or without JavaScript), in display order.
LINK_CHANNELS = (
    ShareChannel.LINKEDIN,
    ShareChannel.FACEBOOK,
    ShareChannel.X,
    ShareChannel.WHATSAPP,
    ShareChannel.EMAIL,
)
EMAIL_CHANNELS = {ShareChannel.EMAIL}


# ---------------------------------------------------------------------------
# The editors' settings, cached like the site identity
# ---------------------------------------------------------------------------


def sharing_settings_for_request(request):
    """The site's SharingSettings, from the cache: no query per card or per page."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return SharingSettings()
    key = SHARING_SETTINGS_KEY.format(site_id=site.pk)
    found = cache.get(key)
    if found is None:
        found = SharingSettings.for_site(site)
        cache.set(key, found, 60 * 60)
    return found


def forget_sharing_settings(instance, **kwargs):
    cache.delete(SHARING_SETTINGS_KEY.format(site_id=instance.site_id))


# ---------------------------------------------------------------------------
# Share links
# ---------------------------------------------------------------------------


class _KeepUnknown(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def fill_placeholders(text, cv):
    """The editor's text with {prenom} and {metier} replaced for this CV."""
    jobs = " / ".join(step.target_job for step in cv.career_steps) or _("tous métiers")
    values = _KeepUnknown(prenom=cv.first_name.strip(), metier=jobs)
    try:
        return text.format_map(values)
    except (ValueError, IndexError, AttributeError):
        # A stray brace that slipped past validation: share the text as written.
        return text


def with_utm(url, channel, campaign):
    medium = "email" if channel in EMAIL_CHANNELS else "social"
    params = urlencode({"utm_source": channel, "utm_medium": medium, "utm_campaign": campaign})
    return f"{url}{'&' if '?' in url else '?'}{params}"


def network_url(channel, page_url, text, subject):
    """The network's own share address: a plain link, no script of theirs on our pages."""
    q = lambda value: quote(value, safe="")  # noqa: E731
    if channel == ShareChannel.LINKEDIN:
        return f"https://www.linkedin.com/sharing/share-offsite/?url={q(page_url)}"
    if channel == ShareChannel.FACEBOOK:
        return f"https://www.facebook.com/sharer/sharer.php?u={q(page_url)}"
    if channel == ShareChannel.X:
        return f"https://twitter.com/intent/tweet?text={q(text)}&url={q(page_url)}"
    if channel == ShareChannel.WHATSAPP:
        return f"https://wa.me/?text={q(text + ' ' + page_url)}"
    if channel == ShareChannel.EMAIL:
        return f"mailto:?subject={q(subject)}&body={q(text + chr(10) + chr(10) + page_url)}"
    return page_url


CHANNEL_LABELS = {
    # Visible label, then the accessible name announced by screen readers.
    ShareChannel.LINKEDIN: ("LinkedIn", gettext_lazy("Partager sur LinkedIn")),
    ShareChannel.FACEBOOK: ("Facebook", gettext_lazy("Partager sur Facebook")),
    ShareChannel.X: ("X", gettext_lazy("Partager sur X (Twitter)")),
    ShareChannel.WHATSAPP: ("WhatsApp", gettext_lazy("Partager sur WhatsApp")),
    ShareChannel.EMAIL: (gettext_lazy("E-mail"), gettext_lazy("Envoyer par e-mail")),
}


def share_links(cv, request, settings=None):
    """Everything the share buttons of one CV need, without any query once warm."""
    settings = settings or sharing_settings_for_request(request)
    page_url = cv.get_full_url(request)
    text = fill_placeholders(settings.share_text, cv)
    subject = fill_placeholders(settings.email_subject, cv)
    campaign = settings.utm_campaign
    links = []
    for channel in LINK_CHANNELS:
        label, accessible = CHANNEL_LABELS[channel]
        links.append(
            {
                "channel": channel.value,
                "label": label,
                "accessible_label": accessible,
                "url": network_url(channel, with_utm(page_url, channel, campaign), text, subject),
                "new_tab": channel not in EMAIL_CHANNELS,
            }
        )
    return {
        "links": links,
        "text": text,
        "title": subject,
        "copy_url": with_utm(page_url, ShareChannel.COPY, campaign),
        "native_url": with_utm(page_url, ShareChannel.NATIVE, campaign),
        "settings": settings,
    }


def share_redirect_url(cv, channel, request):
    """Where the no-JavaScript share form sends the visitor after counting."""
    for link in share_links(cv, request)["links"]:
        if link["channel"] == channel:
            return link["url"]
    return cv.get_full_url(request)


# ---------------------------------------------------------------------------
# Counting
# ---------------------------------------------------------------------------


def visitor_fingerprint(request, day):
    """A keyed hash of address + browser + day: anonymous, and different every day."""
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:400]
    return salted_hmac(
        f"cv_pages.sharing.visitor.{day.isoformat()}",
        f"{client_ip(request)}\n{user_agent}",
        algorithm="sha256",
    ).hexdigest()


def client_ip(request):
    # The address the rate limit sees (RATELIMIT_IP_META_KEY behind a proxy).
    try:
        return _get_ip(request)
    except Exception:  # noqa: BLE001 - an odd proxy header must not break counting
        return request.META.get("REMOTE_ADDR", "")


def record_share(cv_id, channel, visitor, day):
    """Count one share unless this visitor already shared this CV on this channel today.

    The unique constraint settles concurrent double posts: the second insert fails and
    nothing else is touched. Returns whether the share was counted.
    """
    try:
        with transaction.atomic():
            CVShare.objects.create(cv_id=cv_id, channel=channel, day=day, visitor=visitor)
            _increment_daily(
                CVShareDaily, {"cv_id": cv_id, "channel": channel, "day": day}, "count"
            )
            # A queryset update: page.save() would add a revision and empty the page cache.
            CVPage.objects.filter(pk=cv_id).update(share_count=F("share_count") + 1)
    except IntegrityError:
        return False
    return True


def record_view(cv_id, day):
    with transaction.atomic():
        _increment_daily(CVViewDaily, {"cv_id": cv_id, "day": day}, "views")


def _increment_daily(model, keys, field):
    if model.objects.filter(**keys).update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**keys, **{field: 1})
    except IntegrityError:
        # Another request created the row between our update and our insert.
        model.objects.filter(**keys).update(**{field: F(field) + 1})


def total_shares():
    """All shares ever counted, cached a minute so busy days do not rebuild it per share."""
    total = cache.get(SHARE_TOTAL_KEY)
    if total is None:
        total = CVPage.objects.aggregate(total=Sum("share_count"))["total"] or 0
        cache.set(SHARE_TOTAL_KEY, total, SHARE_TOTAL_SECONDS)
    return total


# ---------------------------------------------------------------------------
# Endpoints
# ---------------------------------------------------------------------------

MESSAGES = {
    400: gettext_lazy("Ce canal de partage n'existe pas."),
    403: gettext_lazy("Ce partage ne vient pas de notre site."),
    404: gettext_lazy("Ce CV n'est pas ou plus en ligne."),
    405: gettext_lazy("Envoyez le partage avec le bouton « Partager »."),
    429: gettext_lazy("Trop de partages en peu de temps : réessayez dans une minute."),
}


def wants_json(request):
    accept = request.headers.get("Accept", "")
    return "application/json" in accept or request.headers.get("X-Requested-With") == "fetch"


def short_answer(request, status, message=None, **extra):
    message = str(message or MESSAGES[status])
    if wants_json(request):
        return JsonResponse({"message": message, **extra}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def is_cross_site(request):
    """Whether the Origin (or, failing it, the Referer) names another host than ours."""
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return urlsplit(origin).netloc != request.get_host()
    referer = request.headers.get("Referer")
    if referer:
        return urlsplit(referer).netloc != request.get_host()
    return False


def guard(request, rate, group):
    """Method, origin and rate checks shared by both counters; None when all pass."""
    if request.method != "POST":
        response = short_answer(request, 405)
        response["Allow"] = "POST"
        return response
    if is_cross_site(request):
        return short_answer(request, 403)
    if is_ratelimited(request, group=group, key="ip", rate=rate, method="POST", increment=True):
        response = short_answer(request, 429)
        response["Retry-After"] = "60"
        return response
    return None


def public_cv(raw_id):
    try:
        cv_id = int(raw_id)
    except (TypeError, ValueError):
        return None
    return CVPage.objects.public().filter(pk=cv_id).first()


# Exempt from CSRF on purpose: public pages are served from the anonymous page cache,
# so they carry no CSRF token. This endpoint changes no account and no state of the
# visitor; it adds to an anonymous counter, deduplicated per visitor and day, limited
# per address, and it refuses posts whose Origin/Referer is another site.
@csrf_exempt
def share_view(request):
    """Count a share (form, sendBeacon or fetch); the plain form then goes to the network."""
    refused = guard(request, SHARE_RATE, "cv_pages.share")
    if refused is not None:
        return refused
    channel = request.POST.get("channel", "")
    if channel not in ShareChannel.values:
        return short_answer(request, 400)
    cv = public_cv(request.POST.get("cv"))
    if cv is None:
        return short_answer(request, 404)
    day = timezone.localdate()
    counted = record_share(cv.pk, channel, visitor_fingerprint(request, day), day)
    if request.POST.get("redirect"):
        # The share form without JavaScript: on to the network's share page.
        response = HttpResponseRedirect(share_redirect_url(cv, channel, request))
        response.status_code = 303
        return response
    if wants_json(request):
        return JsonResponse({"counted": counted}, status=201 if counted else 200)
    return HttpResponse(status=204)


# Exempt from CSRF for the same reasons as share_view.
@csrf_exempt
def view_view(request):
    """Count a view of a CV page, once per visitor and day, apart from the shares."""
    refused = guard(request, VIEW_RATE, "cv_pages.view")
    if refused is not None:
        return refused
    cv = public_cv(request.POST.get("cv"))
    if cv is None:
        return short_answer(request, 404)
    day = timezone.localdate()
    # Deduplicated through the cache alone: a view needs no row per visitor.
    seen_key = f"cv_pages:seen:{cv.pk}:{visitor_fingerprint(request, day)}"
    counted = cache.add(seen_key, 1, seconds_until_tomorrow())
    if counted:
        record_view(cv.pk, day)
    if wants_json(request):
        return JsonResponse({"counted": counted}, status=201 if counted else 200)
    return HttpResponse(status=204)


def seconds_until_tomorrow():
    now = timezone.localtime()
    tomorrow = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time.min, tzinfo=now.tzinfo
    )
    return max(int((tomorrow - now).total_seconds()), 60)


def endpoint_urls():
    return reverse("cv_pages:share"), reverse("cv_pages:view")
