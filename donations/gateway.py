"""The one module that talks to Stripe. Every Stripe call of the site goes through here.

Everything is read from settings at call time (STRIPE_SECRET_KEY, STRIPE_API_BASE,
STRIPE_API_VERSION, STRIPE_WEBHOOK_SECRET), so tests can point it at localstripe with
override_settings. Calls return plain dicts: the rest of the site never handles SDK objects.
"""

import logging
import threading
import time

import stripe
from django.conf import settings
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Stripe's own default; kept explicit because it is part of our security contract: an
# intercepted event replayed later than this is rejected.
WEBHOOK_TOLERANCE_SECONDS = 300

PAYMENT_METHOD_TYPES = ["card", "sepa_debit"]

# Tests replace this with a fake stripe.HTTPClient to see the exact request sent.
http_client = None

_clients = {}
_clients_lock = threading.Lock()


class GatewayError(Exception):
    """A Stripe call failed; `user_message` is safe to show to the donor (in French)."""

    def __init__(self, user_message, *, cause=None):
        super().__init__(str(user_message))
        self.user_message = user_message
        self.cause = cause


class NotConfigured(GatewayError):
    """No Stripe keys: online giving is switched off."""


def is_configured():
    """True when STRIPE_SECRET_KEY (and the publishable key) are set."""
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def get_client():
    """A StripeClient for the current settings (one per configuration, reused)."""
    if not settings.STRIPE_SECRET_KEY:
        raise NotConfigured(_("Le don en ligne n'est pas configuré sur ce site."))
    base = settings.STRIPE_API_BASE or ""
    key = (settings.STRIPE_SECRET_KEY, base, settings.STRIPE_API_VERSION, id(http_client))
    with _clients_lock:
        client = _clients.get(key)
        if client is None:
            client = stripe.StripeClient(
                settings.STRIPE_SECRET_KEY,
                stripe_version=settings.STRIPE_API_VERSION,
                base_addresses={"api": base} if base else None,
                # Safe because every creation carries an idempotency key.
                max_network_retries=2,
                http_client=http_client,
            )
            _clients[key] = client
    return client


def _as_dict(obj):
    if obj is None:
        return None
    if isinstance(obj, dict) and not isinstance(obj, stripe.StripeObject):
        return obj
    return obj.to_dict(for_json=True)


def _organisation_name(donation):
    from wagtail.models import Site

    from home.models import SiteIdentity

    site = None
    if donation.page_id:
        site = donation.page.get_site()
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return "LinkedOut"
    return SiteIdentity.for_site(site).organisation_name


def checkout_session_params(donation, *, success_url, cancel_url):
    """The exact parameters of the Checkout Session for `donation` (see the tests)."""
    donor = donation.donor
    organisation = _organisation_name(donation)
    metadata = {
        "donation_id": str(donation.public_id),
        "frequency": donation.frequency,
        "donor_kind": donor.kind,
    }
    price_data = {
        "currency": donation.currency or "eur",
        "unit_amount": donation.amount_cents,
        "product_data": {"name": f"Don à {organisation}"},
    }
    params = {
        "mode": "subscription" if donation.is_monthly else "payment",
        "line_items": [{"price_data": price_data, "quantity": 1}],
        # Accepted in subscription mode too since API version 2024-11-20.acacia (older
        # versions rejected it there); the button then reads "Faire un don" in both modes.
        "submit_type": "donate",
        "payment_method_types": list(PAYMENT_METHOD_TYPES),
        "locale": "fr",
        "client_reference_id": str(donation.public_id),
        "metadata": metadata,
        "success_url": success_url,
        "cancel_url": cancel_url,
    }
    if donation.is_monthly:
        price_data["recurring"] = {"interval": "month"}
        price_data["product_data"]["name"] = f"Don mensuel à {organisation}"
        # Copied by Stripe onto the subscription, and from there onto every invoice
        # (parent.subscription_details.metadata): monthly payments find their donation.
        params["subscription_data"] = {"metadata": dict(metadata)}
    else:
        # Copied onto the PaymentIntent, whose charge is what refunds and disputes name.
        params["payment_intent_data"] = {"metadata": dict(metadata)}
    if donor.stripe_customer_id:
        params["customer"] = donor.stripe_customer_id
    else:
        params["customer_email"] = donor.email
    return params


def create_checkout_session(donation, *, success_url, cancel_url):
    """Open a Stripe Checkout Session for `donation`; returns the hosted page's URL.

    Stores the session id on the donation. Payment mode for one-off, subscription mode
    for monthly; amounts as price_data; the donation's public id in client_reference_id
    and metadata; the donation's idempotency key as Idempotency-Key.
    `success_url` should carry `{CHECKOUT_SESSION_ID}`, which Stripe fills in.
    Raises GatewayError (with a French message for the donor) when Stripe refuses.
    """
    params = checkout_session_params(donation, success_url=success_url, cancel_url=cancel_url)
    client = get_client()
    try:
        session = client.v1.checkout.sessions.create(
            params, options={"idempotency_key": str(donation.idempotency_key)}
        )
    except stripe.StripeError as error:
        logger.warning(
            "Stripe refused the checkout session of donation %s: %s",
            donation.public_id,
            getattr(error, "code", None) or type(error).__name__,
        )
        raise GatewayError(
            _(
                "Le paiement n'a pas pu être préparé. Votre saisie est conservée : "
                "réessayez dans quelques instants."
            ),
            cause=error,
        ) from error
    donation.stripe_checkout_session_id = session["id"]
    donation.save(update_fields=["stripe_checkout_session_id"])
    return session["url"]


def create_billing_portal_session(customer_id, *, return_url):
    """A Stripe Billing Portal session for a monthly donor; returns its URL."""
    client = get_client()
    try:
        session = client.v1.billing_portal.sessions.create(
            {"customer": customer_id, "return_url": return_url, "locale": "fr"}
        )
    except stripe.StripeError as error:
        logger.warning("Stripe refused a billing portal session: %s", type(error).__name__)
        raise GatewayError(
            _("L'espace de gestion du don mensuel est indisponible. Réessayez plus tard."),
            cause=error,
        ) from error
    return session["url"]


def construct_event(payload, signature_header):
    """Verify a webhook's signature with STRIPE_WEBHOOK_SECRET and return the event.

    Raises stripe.SignatureVerificationError (bad or stale signature) or ValueError.
    """
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        # An empty secret would let anyone sign events: refuse everything instead.
        raise stripe.SignatureVerificationError(
            "STRIPE_WEBHOOK_SECRET is not set", signature_header, payload
        )
    return stripe.Webhook.construct_event(
        payload, signature_header, secret, tolerance=WEBHOOK_TOLERANCE_SECONDS
    )


# ---------------------------------------------------------------------------
# Reads used by the webhook handlers (fallbacks) and by sync_stripe
# ---------------------------------------------------------------------------


def retrieve_subscription(subscription_id):
    """The subscription as a dict (its metadata names our donation)."""
    return _as_dict(get_client().v1.subscriptions.retrieve(subscription_id))


def retrieve_checkout_session(session_id):
    return _as_dict(get_client().v1.checkout.sessions.retrieve(session_id))


def list_charge_refunds(charge_id):
    """Every refund of a charge (recent API versions no longer embed them in the charge)."""
    page = get_client().v1.refunds.list({"charge": charge_id, "limit": 100})
    return [_as_dict(refund) for refund in page.auto_paging_iter()]


def invoice_for_payment_intent(payment_intent_id):
    """The id of the invoice a PaymentIntent paid, or None (one-off payments)."""
    try:
        page = get_client().v1.invoice_payments.list(
            {"payment": {"type": "payment_intent", "payment_intent": payment_intent_id}, "limit": 1}
        )
    except stripe.StripeError as error:
        # Unknown here (localstripe has no invoice payments): not an invoice's payment.
        # Network and server errors still propagate, so that the event is retried.
        if isinstance(error, stripe.InvalidRequestError) or error.http_status == 404:
            return None
        raise
    for invoice_payment in page.data:
        invoice = invoice_payment["invoice"]
        return invoice if isinstance(invoice, str) else invoice["id"]
    return None


def _since(days):
    return int(time.time() - days * 86400)


# Enough for a few days of a small association's activity; sync runs every hour or so.
MAX_LISTED = 2000


def _list_recent(service, since_days, extra=None):
    """Objects created in the last `since_days` days, as dicts.

    Some Stripe stand-ins (localstripe) reject the `created` filter on some lists: then
    the list is read whole (bounded) and filtered here.
    """
    since = _since(since_days)
    params = {"limit": 100, **(extra or {})}
    try:
        page = service.list({**params, "created": {"gte": since}})
        items = page.auto_paging_iter()
        objects = [_as_dict(item) for _, item in zip(range(MAX_LISTED), items, strict=False)]
    except (stripe.InvalidRequestError, stripe.APIError):
        page = service.list(params)
        items = page.auto_paging_iter()
        objects = [_as_dict(item) for _, item in zip(range(MAX_LISTED), items, strict=False)]
    return [obj for obj in objects if (obj.get("created") or since) >= since]


def recent_events(since_days):
    """Events of the last `since_days` days, oldest first (Stripe keeps 30 days)."""
    events = _list_recent(get_client().v1.events, since_days)
    events.sort(key=lambda event: event.get("created") or 0)
    return events


def recent_checkout_sessions(since_days):
    return _list_recent(get_client().v1.checkout.sessions, since_days)


def recent_invoices(since_days):
    return _list_recent(get_client().v1.invoices, since_days)


def recent_refunds(since_days):
    return _list_recent(get_client().v1.refunds, since_days)
