"""sync_stripe with Stripe's own list shapes (sessions and invoices, which localstripe lacks).

The HTTP client of the SDK is replaced by one answering each list endpoint with Stripe
example objects; the command must repair what missed webhooks left, and be idempotent.
"""

import json
from io import StringIO
from urllib.parse import urlsplit

import pytest
import stripe
from django.core.management import CommandError, call_command

from donations import gateway
from donations.models import DonationStatus, Payment, PaymentStatus, Refund, StripeEvent
from donations.tests import stripe_payloads as sp


def listing(objects, url):
    return {"object": "list", "data": objects, "has_more": False, "url": url}


class FakeStripeAPI(stripe.HTTPClient):
    """GET /v1/<list> answered from `self.lists`; anything else is a 404."""

    name = "fake-api"

    def __init__(self):
        super().__init__()
        self.lists = {}
        self.paths = []

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        path = urlsplit(url).path
        self.paths.append((method, path))
        if method == "get" and path in self.lists:
            return json.dumps(listing(self.lists[path], path)), 200, {}
        body = {"error": {"type": "invalid_request_error", "message": "Unrecognized request"}}
        return json.dumps(body), 404, {}

    def request_stream(self, *args, **kwargs):  # pragma: no cover - not used
        raise NotImplementedError

    def close(self):
        pass


@pytest.fixture
def fake_api(settings, monkeypatch):
    settings.STRIPE_SECRET_KEY = "sk_test_sync"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_sync"
    settings.STRIPE_WEBHOOK_SECRET = sp.SECRET
    settings.STRIPE_API_BASE = ""
    api = FakeStripeAPI()
    api.lists = {
        "/v1/events": [],
        "/v1/checkout/sessions": [],
        "/v1/invoices": [],
        "/v1/refunds": [],
    }
    monkeypatch.setattr(gateway, "http_client", api)
    return api


def run_sync(*args):
    out = StringIO()
    call_command("sync_stripe", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_missed_events_are_replayed_once(fake_api, make_donation, client, receipt_calls):
    delivered = make_donation(amount_cents=5000)
    missed = make_donation(amount_cents=8000)
    delivered_event = sp.event("checkout.session.completed", sp.checkout_session(delivered))
    missed_event = sp.event("checkout.session.completed", sp.checkout_session(missed))
    assert sp.post_event(client, delivered_event).status_code == 200
    fake_api.lists["/v1/events"] = [missed_event, delivered_event]

    output = run_sync()
    run_sync("--since-days", "7")

    assert "1 nouveaux sur 2" in output
    assert Payment.objects.count() == 2
    assert Payment.objects.get(donation=missed).amount_cents == 8000
    assert StripeEvent.objects.get(event_id=missed_event["id"]).source == "sync"
    assert StripeEvent.objects.get(event_id=delivered_event["id"]).source == "webhook"
    assert len(receipt_calls["issued"]) == 2
    # The window asked of Stripe is a creation date, in seconds.
    assert ("get", "/v1/events") in fake_api.paths


def test_completed_sessions_and_paid_invoices_are_reconciled(fake_api, make_donation):
    one_off = make_donation(frequency="once", amount_cents=30000)
    monthly = make_donation(frequency="monthly", amount_cents=2000)
    abandoned = make_donation(frequency="once", amount_cents=1000)
    open_session = sp.checkout_session(abandoned, payment_status="unpaid")
    open_session["status"] = "open"
    fake_api.lists["/v1/checkout/sessions"] = [
        sp.checkout_session(one_off),
        sp.checkout_session(monthly, subscription="sub_sync", invoice="in_sync1"),
        open_session,
    ]
    unpaid = sp.invoice(monthly, subscription_id="sub_sync", invoice_id="in_open", paid=False)
    fake_api.lists["/v1/invoices"] = [
        sp.invoice(monthly, subscription_id="sub_sync", invoice_id="in_sync1"),
        sp.invoice(monthly, subscription_id="sub_sync", invoice_id="in_sync2"),
        unpaid,
    ]

    run_sync()
    run_sync()

    assert Payment.objects.filter(donation=one_off).get().amount_cents == 30000
    assert sorted(
        Payment.objects.filter(donation=monthly).values_list("stripe_invoice_id", flat=True)
    ) == ["in_sync1", "in_sync2"]
    assert not Payment.objects.filter(donation=abandoned).exists()
    assert Payment.objects.succeeded().net_total_cents() == 34000
    one_off.refresh_from_db()
    monthly.refresh_from_db()
    assert one_off.status == DonationStatus.CONFIRMED
    assert monthly.status == DonationStatus.ACTIVE
    assert monthly.stripe_subscription_id == "sub_sync"


def test_refunds_are_reconciled(fake_api, make_donation, client, receipt_calls):
    donation = make_donation(amount_cents=6000)
    session = sp.checkout_session(donation)
    sp.post_event(client, sp.event("checkout.session.completed", session))
    fake_api.lists["/v1/refunds"] = [
        sp.refund("ch_sync", 6000, payment_intent=session["payment_intent"]),
        sp.refund("ch_other", 500, payment_intent="pi_someone_else"),
    ]

    run_sync()
    run_sync()

    assert Refund.objects.get().amount_cents == 6000
    assert Payment.objects.filter(donation=donation).net_total_cents() == 0
    assert len(receipt_calls["cancelled"]) == 1


def test_a_pending_debit_cleared_meanwhile_is_confirmed(fake_api, make_donation, client):
    donation = make_donation(amount_cents=9000)
    session = sp.checkout_session(donation, payment_status="unpaid")
    sp.post_event(client, sp.event("checkout.session.completed", session))
    assert Payment.objects.get().status == PaymentStatus.PENDING
    cleared = dict(session, payment_status="paid")
    fake_api.lists["/v1/events"] = [sp.event("checkout.session.async_payment_succeeded", cleared)]

    run_sync()

    assert Payment.objects.get().status == PaymentStatus.SUCCEEDED
    assert Payment.objects.get().method == "sepa_debit"


def test_without_stripe_keys_the_command_says_so(settings, db):
    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(CommandError, match="Stripe n'est pas configuré"):
        call_command("sync_stripe")
