"""Stripe objects and events for the tests, built from Stripe's own example objects.

data/*.json are copies of Stripe's OpenAPI example resources (fixtures3.json: event,
checkout.session, invoice, charge, refund, dispute, subscription, payment_intent); the
builders below only change ids, amounts, statuses and metadata, and sign the result
exactly as Stripe does: `Stripe-Signature: t=<ts>,v1=<hex HMAC-SHA256(secret, "t.body")>`.
"""

import copy
import functools
import hashlib
import hmac
import json
import time
import uuid
from pathlib import Path

from django.conf import settings

DATA = Path(__file__).parent / "data"
WEBHOOK_URL = "/stripe/webhook/"
SECRET = "whsec_test_linkedout"


@functools.cache
def _example(name):
    return json.loads((DATA / f"{name}.json").read_text())


def example(name):
    return copy.deepcopy(_example(name))


def new_id(prefix):
    return f"{prefix}_test{uuid.uuid4().hex[:20]}"


def metadata_of(donation):
    return {
        "donation_id": str(donation.public_id),
        "frequency": donation.frequency,
        "donor_kind": donation.donor.kind,
    }


def event(event_type, obj, *, event_id=None, created=None):
    payload = example("event")
    payload.update(
        id=event_id or new_id("evt"),
        type=event_type,
        created=int(created or time.time()),
        api_version=settings.STRIPE_API_VERSION,
        data={"object": obj},
    )
    return payload


def checkout_session(
    donation,
    *,
    payment_status="paid",
    payment_intent=None,
    subscription=None,
    invoice=None,
    customer=None,
    session_id=None,
):
    session = example("checkout_session")
    monthly = donation.is_monthly
    session.update(
        id=session_id or donation.stripe_checkout_session_id or new_id("cs"),
        created=int(time.time()),
        mode="subscription" if monthly else "payment",
        status="complete",
        payment_status=payment_status,
        amount_total=donation.amount_cents,
        amount_subtotal=donation.amount_cents,
        currency="eur",
        client_reference_id=str(donation.public_id),
        metadata=metadata_of(donation),
        customer=customer,
        customer_email=donation.donor.email,
        payment_intent=None if monthly else (payment_intent or new_id("pi")),
        subscription=subscription if monthly else None,
        invoice=invoice if monthly else None,
        submit_type="donate",
        locale="fr",
        payment_method_types=["card", "sepa_debit"],
    )
    return session


def invoice(
    donation,
    *,
    subscription_id,
    invoice_id=None,
    amount=None,
    paid=True,
    with_metadata=True,
    customer="cus_testdonor",
    paid_at=None,
):
    inv = example("invoice")
    amount = donation.amount_cents if amount is None else amount
    metadata = metadata_of(donation) if with_metadata else None
    inv.update(
        id=invoice_id or new_id("in"),
        created=int(time.time()),
        customer=customer,
        currency="eur",
        amount_due=amount,
        amount_paid=amount if paid else 0,
        amount_remaining=0 if paid else amount,
        status="paid" if paid else "open",
        billing_reason="subscription_cycle",
        subscription=None,
        subtotal=amount,
        total=amount,
        attempt_count=1,
        parent={
            "type": "subscription_details",
            "quote_details": None,
            "subscription_details": {"subscription": subscription_id, "metadata": metadata},
        },
    )
    inv["status_transitions"]["paid_at"] = int(paid_at or time.time()) if paid else None
    line = inv["lines"]["data"][0]
    line.update(
        amount=amount,
        currency="eur",
        invoice=inv["id"],
        metadata=metadata or {},
        parent={
            "type": "subscription_item_details",
            "invoice_item_details": None,
            "subscription_item_details": {
                "subscription": subscription_id,
                "subscription_item": new_id("si"),
                "invoice_item": None,
                "proration": False,
                "proration_details": {"credited_items": None},
            },
        },
    )
    return inv


def subscription(donation, *, subscription_id, status="active", customer="cus_testdonor"):
    sub = example("subscription")
    sub.update(
        id=subscription_id,
        status=status,
        customer=customer,
        metadata=metadata_of(donation),
        currency="eur",
        cancel_at=None,
        canceled_at=int(time.time()) if status == "canceled" else None,
        ended_at=int(time.time()) if status == "canceled" else None,
        cancel_at_period_end=False,
    )
    return sub


def refund(charge_id, amount, *, payment_intent=None, refund_id=None, status="succeeded"):
    ref = example("refund")
    ref.update(
        id=refund_id or new_id("re"),
        charge=charge_id,
        payment_intent=payment_intent,
        amount=amount,
        currency="eur",
        status=status,
        reason="requested_by_customer",
        created=int(time.time()),
    )
    return ref


def charge(amount, *, payment_intent, charge_id=None, refunds=()):
    ch = example("charge")
    refunds = list(refunds)
    refunded = sum(item["amount"] for item in refunds)
    ch.update(
        id=charge_id or new_id("ch"),
        amount=amount,
        amount_captured=amount,
        amount_refunded=refunded,
        refunded=refunded >= amount,
        captured=True,
        currency="eur",
        payment_intent=payment_intent,
        status="succeeded",
        refunds={
            "object": "list",
            "data": refunds,
            "has_more": False,
            "url": f"/v1/charges/{charge_id}/refunds",
        },
    )
    return ch


def dispute(charge_id, amount, *, payment_intent=None, dispute_id=None):
    dp = example("dispute")
    dp.update(
        id=dispute_id or new_id("dp"),
        charge=charge_id,
        payment_intent=payment_intent,
        amount=amount,
        currency="eur",
        status="needs_response",
        reason="fraudulent",
    )
    return dp


def signature_header(body, *, secret=SECRET, timestamp=None):
    timestamp = int(timestamp or time.time())
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def encode(payload):
    return json.dumps(payload).encode()


def post_event(client, payload, *, secret=SECRET, timestamp=None, header=None):
    """POST a signed event to the webhook with a Django test client."""
    body = payload if isinstance(payload, bytes) else encode(payload)
    if header is None:
        header = signature_header(body, secret=secret, timestamp=timestamp)
    return client.post(
        WEBHOOK_URL, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )
