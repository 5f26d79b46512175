"""Against localstripe: real Stripe API calls through our gateway, and localstripe's own
signed webhook deliveries into the live test server, each recorded once.

localstripe has no Checkout Sessions and no Prices: the one-off gift is a PaymentIntent
carrying our metadata (what Checkout's payment_intent_data does), the monthly gift a
subscription on a Product + Plan carrying it (what subscription_data does).
"""

import threading
import time

import pytest
from django.core.management import call_command

from donations import gateway
from donations.models import DonationStatus, Payment, PaymentStatus, Refund, StripeEvent
from donations.tests.stripe_payloads import metadata_of

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TEST_CARD = {"number": "4242424242424242", "exp_month": 12, "exp_year": 2034, "cvc": "123"}


class Deliveries:
    """Lets the test thread and the live server take turns on the database.

    With SQLite the live server shares the test's in-memory connection, which cannot run
    two statements at once: the webhook's work and the test's polling share a lock, and
    the test reads freely once localstripe has gone quiet. (PostgreSQL needs none of
    this, and loses nothing by it.)
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.last = time.monotonic()

    def wrap(self, process_event):
        def locked(event, **kwargs):
            with self.lock:
                try:
                    return process_event(event, **kwargs)
                finally:
                    self.last = time.monotonic()

        return locked

    def wait_for(self, check, timeout=20):
        """Poll until `check()` is truthy (localstripe delivers about a second later),
        then until no delivery came for a while, so that the test may read freely."""
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                result = check()
            if result or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        while time.monotonic() - self.last < QUIET_SECONDS and time.monotonic() < deadline:
            time.sleep(0.2)
        return result


QUIET_SECONDS = 1.5


@pytest.fixture
def deliveries(monkeypatch):
    from donations import webhooks

    turns = Deliveries()
    monkeypatch.setattr(webhooks, "process_event", turns.wrap(webhooks.process_event))
    return turns


def paying_customer(client, donation):
    method = client.v1.payment_methods.create({"type": "card", "card": dict(TEST_CARD)})
    customer = client.v1.customers.create(
        {
            "email": donation.donor.email,
            "name": donation.donor.name,
            "payment_method": method.id,
            "invoice_settings": {"default_payment_method": method.id},
        }
    )
    return customer, method


def pay_once(client, donation):
    customer, method = paying_customer(client, donation)
    intent = client.v1.payment_intents.create(
        {
            "amount": donation.amount_cents,
            "currency": "eur",
            "customer": customer.id,
            "payment_method": method.id,
            "metadata": metadata_of(donation),
            "confirm": True,
        }
    )
    return customer, intent


def test_customers_through_the_gateway(localstripe_settings):
    client = gateway.get_client()

    created = client.v1.customers.create({"email": "rh@boulangerie.example", "name": "Dupont SAS"})
    fetched = client.v1.customers.retrieve(created.id)

    assert fetched.id.startswith("cus_")
    assert fetched.email == "rh@boulangerie.example"
    assert fetched.name == "Dupont SAS"


def test_payment_intent_webhook_records_the_gift_once(
    localstripe_webhook, deliveries, make_donation, receipt_calls
):
    donation = make_donation(kind="company", frequency="once", amount_cents=12000)
    client = gateway.get_client()

    customer, intent = pay_once(client, donation)

    assert intent.status == "succeeded"
    payment = deliveries.wait_for(
        lambda: Payment.objects.filter(stripe_payment_intent_id=intent.id).first()
    )
    assert payment is not None, "localstripe's payment_intent.succeeded never arrived"
    assert payment.amount_cents == 12000
    assert payment.status == PaymentStatus.SUCCEEDED
    assert payment.stripe_charge_id  # the charge id, for refunds and disputes
    donation.refresh_from_db()
    assert donation.status == DonationStatus.CONFIRMED
    assert donation.donor.stripe_customer_id == customer.id
    # customer.created is delivered too (acknowledged, stored, nothing to record).
    assert deliveries.wait_for(lambda: StripeEvent.objects.filter(type="customer.created").exists())
    delivered = StripeEvent.objects.filter(type="payment_intent.succeeded")
    assert delivered.count() == 1
    assert delivered.get().payload["data"]["object"]["id"] == intent.id
    assert Payment.objects.count() == 1
    assert receipt_calls["issued"] == [payment.pk]


def test_subscription_webhooks_record_the_monthly_gift(
    localstripe_webhook, deliveries, make_donation
):
    donation = make_donation(kind="individual", frequency="monthly", amount_cents=2500)
    client = gateway.get_client()
    customer, _method = paying_customer(client, donation)
    product = client.v1.products.create({"name": "Don mensuel à LinkedOut"})
    plan = client.v1.plans.create(
        {"amount": 2500, "currency": "eur", "interval": "month", "product": product.id}
    )

    subscription = client.v1.subscriptions.create(
        {"customer": customer.id, "items": [{"plan": plan.id}], "metadata": metadata_of(donation)}
    )

    assert subscription.status == "active"
    invoice_id = subscription.latest_invoice
    payment = deliveries.wait_for(
        lambda: Payment.objects.filter(stripe_invoice_id=invoice_id).first()
    )
    assert payment is not None, "localstripe's invoice.payment_succeeded never arrived"
    assert payment.amount_cents == 2500
    assert payment.status == PaymentStatus.SUCCEEDED
    assert deliveries.wait_for(
        lambda: StripeEvent.objects.filter(type="customer.subscription.created").exists()
    )
    donation.refresh_from_db()
    assert donation.status == DonationStatus.ACTIVE
    assert donation.stripe_subscription_id == subscription.id
    assert donation.donor.stripe_customer_id == customer.id

    client.v1.subscriptions.cancel(subscription.id)

    def canceled():
        donation.refresh_from_db()
        return donation.status == DonationStatus.CANCELED

    assert deliveries.wait_for(canceled), "customer.subscription.deleted never arrived"
    assert donation.canceled_at is not None
    # The PaymentIntent behind the invoice carries no metadata: it is not counted twice.
    assert Payment.objects.count() == 1
    assert StripeEvent.objects.filter(type="invoice.payment_succeeded").count() == 1


def test_refund_made_in_stripe_is_picked_up_by_sync(
    localstripe_webhook, deliveries, make_donation, receipt_calls
):
    donation = make_donation(frequency="once", amount_cents=10000)
    client = gateway.get_client()
    _customer, intent = pay_once(client, donation)
    payment = deliveries.wait_for(
        lambda: Payment.objects.filter(stripe_payment_intent_id=intent.id).first()
    )
    assert payment is not None

    # localstripe sends no charge.refunded: sync_stripe is what notices the refund.
    refund = client.v1.refunds.create({"payment_intent": intent.id, "amount": 4000})
    call_command("sync_stripe")
    call_command("sync_stripe")

    recorded = Refund.objects.get()
    assert recorded.stripe_refund_id == refund.id
    assert recorded.payment == payment
    assert recorded.amount_cents == 4000
    assert Payment.objects.filter(donation=donation).net_total_cents() == 6000
    assert receipt_calls["cancelled"] == [payment.pk]


def test_sync_records_a_payment_whose_webhook_never_arrived(localstripe_settings, make_donation):
    """No webhook is configured: only sync_stripe can learn about this payment."""
    donation = make_donation(frequency="once", amount_cents=7500)
    client = gateway.get_client()
    _customer, intent = pay_once(client, donation)
    time.sleep(1.5)  # what localstripe would have delivered by now, had it a webhook
    assert not Payment.objects.exists()

    call_command("sync_stripe")

    payment = Payment.objects.get()
    assert payment.stripe_payment_intent_id == intent.id
    assert payment.amount_cents == 7500
    assert payment.status == PaymentStatus.SUCCEEDED
    donation.refresh_from_db()
    assert donation.status == DonationStatus.CONFIRMED
    event = StripeEvent.objects.get(
        type="payment_intent.succeeded", payload__data__object__id=intent.id
    )
    assert event.source == "sync"

    call_command("sync_stripe", "--since-days", "1")

    assert Payment.objects.count() == 1
    assert StripeEvent.objects.filter(event_id=event.event_id).count() == 1
