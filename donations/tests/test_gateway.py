"""The Checkout Session sent to Stripe: exact parameters per mode and donor type.

localstripe has no Checkout Sessions, so the HTTP request is caught at the SDK's HTTP
client: what the test sees is byte for byte what Stripe would receive.
"""

import json
from urllib.parse import parse_qsl

import pytest
import stripe

from donations import gateway

SUCCESS_URL = "https://dons.example/don/merci/?session_id={CHECKOUT_SESSION_ID}"
CANCEL_URL = "https://dons.example/don/"


class FakeStripeHTTP(stripe.HTTPClient):
    """Answers every request with a canned response and keeps what was sent."""

    name = "fake"

    def __init__(self, status=200, body=None):
        super().__init__()
        self.requests = []
        self.status = status
        self.body = body

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        self.requests.append(
            {
                "method": method,
                "url": url,
                "headers": dict(headers or {}),
                "params": dict(parse_qsl(post_data or "", keep_blank_values=True)),
            }
        )
        body = self.body or {
            "id": "cs_test_fake123",
            "object": "checkout.session",
            "url": "https://checkout.stripe.com/c/pay/cs_test_fake123",
        }
        return json.dumps(body), self.status, {"Request-Id": "req_fake"}

    def request_stream(self, *args, **kwargs):  # pragma: no cover - not used
        raise NotImplementedError

    def close(self):
        pass


@pytest.fixture
def fake_stripe(settings, monkeypatch):
    settings.STRIPE_SECRET_KEY = "sk_test_gateway"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_gateway"
    settings.STRIPE_API_BASE = ""
    fake = FakeStripeHTTP()
    monkeypatch.setattr(gateway, "http_client", fake)
    return fake


def common(donation):
    public_id = str(donation.public_id)
    return {
        "submit_type": "donate",
        "payment_method_types[0]": "card",
        "payment_method_types[1]": "sepa_debit",
        "locale": "fr",
        "client_reference_id": public_id,
        "metadata[donation_id]": public_id,
        "metadata[frequency]": donation.frequency,
        "metadata[donor_kind]": donation.donor.kind,
        "success_url": SUCCESS_URL,
        "cancel_url": CANCEL_URL,
        "line_items[0][quantity]": "1",
        "line_items[0][price_data][currency]": "eur",
        "line_items[0][price_data][unit_amount]": str(donation.amount_cents),
    }


def test_one_off_company_gift_opens_a_payment_session(fake_stripe, make_donation):
    donation = make_donation(kind="company", frequency="once", amount_cents=150000)

    url = gateway.create_checkout_session(donation, success_url=SUCCESS_URL, cancel_url=CANCEL_URL)

    assert url == "https://checkout.stripe.com/c/pay/cs_test_fake123"
    [sent] = fake_stripe.requests
    assert sent["method"] == "post"
    assert sent["url"] == "https://api.stripe.com/v1/checkout/sessions"
    assert sent["headers"]["Idempotency-Key"] == str(donation.idempotency_key)
    assert sent["headers"]["Stripe-Version"] == "2026-10-28.endive"
    public_id = str(donation.public_id)
    assert sent["params"] == {
        **common(donation),
        "mode": "payment",
        "line_items[0][price_data][product_data][name]": "Don à LinkedOut",
        "payment_intent_data[metadata][donation_id]": public_id,
        "payment_intent_data[metadata][frequency]": "once",
        "payment_intent_data[metadata][donor_kind]": "company",
        "customer_email": donation.donor.email,
    }
    donation.refresh_from_db()
    assert donation.stripe_checkout_session_id == "cs_test_fake123"


def test_monthly_individual_gift_opens_a_subscription_session(fake_stripe, make_donation):
    donation = make_donation(kind="individual", frequency="monthly", amount_cents=2500)

    gateway.create_checkout_session(donation, success_url=SUCCESS_URL, cancel_url=CANCEL_URL)

    [sent] = fake_stripe.requests
    assert sent["headers"]["Idempotency-Key"] == str(donation.idempotency_key)
    public_id = str(donation.public_id)
    assert sent["params"] == {
        **common(donation),
        "mode": "subscription",
        "line_items[0][price_data][product_data][name]": "Don mensuel à LinkedOut",
        "line_items[0][price_data][recurring][interval]": "month",
        "subscription_data[metadata][donation_id]": public_id,
        "subscription_data[metadata][frequency]": "monthly",
        "subscription_data[metadata][donor_kind]": "individual",
        "customer_email": donation.donor.email,
    }


def test_known_stripe_customer_is_reused_instead_of_the_email(fake_stripe, make_donation):
    donation = make_donation(kind="company", frequency="monthly", amount_cents=10000)
    donation.donor.stripe_customer_id = "cus_known"
    donation.donor.save()

    gateway.create_checkout_session(donation, success_url=SUCCESS_URL, cancel_url=CANCEL_URL)

    params = fake_stripe.requests[0]["params"]
    assert params["customer"] == "cus_known"
    assert "customer_email" not in params
    assert params["metadata[donor_kind]"] == "company"


def test_the_association_name_from_the_site_settings_names_the_gift(
    fake_stripe, make_donation, home_page
):
    from wagtail.models import Site

    from home.models import SiteIdentity

    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.organisation_name = "Réseau Solidaire"
    identity.save()
    donation = make_donation(frequency="once", amount_cents=5000)

    gateway.create_checkout_session(donation, success_url=SUCCESS_URL, cancel_url=CANCEL_URL)

    name = fake_stripe.requests[0]["params"]["line_items[0][price_data][product_data][name]"]
    assert name == "Don à Réseau Solidaire"


def test_a_retried_creation_sends_the_same_idempotency_key(fake_stripe, make_donation):
    donation = make_donation(frequency="once")

    gateway.create_checkout_session(donation, success_url=SUCCESS_URL, cancel_url=CANCEL_URL)
    gateway.create_checkout_session(donation, success_url=SUCCESS_URL, cancel_url=CANCEL_URL)

    keys = {sent["headers"]["Idempotency-Key"] for sent in fake_stripe.requests}
    assert keys == {str(donation.idempotency_key)}


def test_stripe_refusal_becomes_a_french_message(fake_stripe, make_donation):
    fake_stripe.status = 400
    fake_stripe.body = {
        "error": {"type": "invalid_request_error", "message": "Invalid currency: xyz"}
    }
    donation = make_donation(frequency="once")

    with pytest.raises(gateway.GatewayError) as caught:
        gateway.create_checkout_session(donation, success_url=SUCCESS_URL, cancel_url=CANCEL_URL)

    assert "Le paiement n'a pas pu être préparé" in str(caught.value.user_message)
    donation.refresh_from_db()
    assert donation.stripe_checkout_session_id is None


def test_the_api_base_setting_redirects_every_call(fake_stripe, settings, make_donation):
    settings.STRIPE_API_BASE = "http://127.0.0.1:8420"
    donation = make_donation(frequency="once")

    gateway.create_checkout_session(donation, success_url=SUCCESS_URL, cancel_url=CANCEL_URL)

    assert fake_stripe.requests[0]["url"] == "http://127.0.0.1:8420/v1/checkout/sessions"


def test_billing_portal_session(fake_stripe):
    fake_stripe.body = {
        "id": "bps_1",
        "object": "billing_portal.session",
        "url": "https://billing.stripe.com/p/session/bps_1",
    }

    url = gateway.create_billing_portal_session(
        "cus_42", return_url="https://dons.example/espace-donateur/"
    )

    assert url == "https://billing.stripe.com/p/session/bps_1"
    sent = fake_stripe.requests[0]
    assert sent["url"].endswith("/v1/billing_portal/sessions")
    assert sent["params"] == {
        "customer": "cus_42",
        "return_url": "https://dons.example/espace-donateur/",
        "locale": "fr",
    }


def test_without_keys_the_gateway_says_so(settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""
    assert gateway.is_configured() is False
    with pytest.raises(gateway.NotConfigured):
        gateway.get_client()


def test_an_empty_webhook_secret_accepts_nothing(settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    with pytest.raises(stripe.SignatureVerificationError):
        gateway.construct_event(b"{}", "t=1,v1=abc")
