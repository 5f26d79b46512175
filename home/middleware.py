from django.conf import settings

# Everything a public page loads comes from the site itself: no CDN, no tracker.
PUBLIC_CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        # The share buttons work without JavaScript as forms that count the share and
        # redirect to the network's share page; browsers check form-action on redirects.
        "form-action 'self' https://www.linkedin.com https://www.facebook.com "
        "https://m.facebook.com https://twitter.com https://x.com https://wa.me "
        "https://api.whatsapp.com mailto: "
        # The donation form and the donor space's monthly-giving button post, then
        # redirect to Stripe's hosted Checkout and Billing Portal pages.
        "https://checkout.stripe.com https://billing.stripe.com",
        "frame-ancestors 'self'",
        # Video blocks load their host's player only after a click (see site.js), from
        # these privacy-friendly embed domains.
        "frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com "
        "https://geo.dailymotion.com",
    ]
)


class ContentSecurityPolicyMiddleware:
    """Adds a strict Content-Security-Policy to public pages (the admin has its own needs)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.exempt_prefixes = tuple(getattr(settings, "CSP_EXEMPT_PATH_PREFIXES", ("/admin/",)))

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.exempt_prefixes):
            response.headers.setdefault("Content-Security-Policy", PUBLIC_CONTENT_SECURITY_POLICY)
        return response
