"""The Stripe webhook: signed events in, money recorded once, whatever the order or repeats."""

import logging
import threading
import time

import pytest
from django.db import connection, connections
from django.test import Client

from donations import gateway
from donations.models import (
    Dispute,
    DonationStatus,
    Payment,
    PaymentStatus,
    Refund,
    StripeEvent,
)
from donations.tests import stripe_payloads as sp
from donations.tests.test_gateway import FakeStripeHTTP

pytestmark = pytest.mark.usefixtures("webhook_settings")


def completed_one_off(client, donation, **session_fields):
    session = sp.checkout_session(donation, **session_fields)
    payload = sp.event("checkout.session.completed", session)
    return sp.post_event(client, payload), session, payload


def test_completed_checkout_records_the_payment_and_confirms(client, make_donation, receipt_calls):
    donation = make_donation(kind="company", frequency="once", amount_cents=150000)

    response, session, payload = completed_one_off(client, donation, customer="cus_dupont")

    assert response.status_code == 200
    assert response.json()["status"] == "processed"
    payment = Payment.objects.get()
    assert payment.donation == donation
    assert payment.amount_cents == 150000
    assert payment.status == PaymentStatus.SUCCEEDED
    assert payment.stripe_payment_intent_id == session["payment_intent"]
    assert payment.paid_at is not None
    donation.refresh_from_db()
    assert donation.status == DonationStatus.CONFIRMED
    assert donation.confirmed_at is not None
    assert donation.stripe_checkout_session_id == session["id"]
    assert donation.donor.stripe_customer_id == "cus_dupont"
    assert receipt_calls["issued"] == [payment.pk]
    event = StripeEvent.objects.get()
    assert event.event_id == payload["id"]
    assert event.type == "checkout.session.completed"
    assert event.processed_at is not None
    assert event.source == "webhook"


def test_bad_signature_is_rejected_and_logged(client, make_donation, caplog):
    donation = make_donation()
    payload = sp.event("checkout.session.completed", sp.checkout_session(donation))

    with caplog.at_level(logging.WARNING, logger="donations.webhooks"):
        response = sp.post_event(client, payload, secret="whsec_someone_else")

    assert response.status_code == 400
    assert "Rejected Stripe webhook" in caplog.text
    assert donation.donor.email not in caplog.text  # no personal data in the log
    assert not StripeEvent.objects.exists()
    assert not Payment.objects.exists()


def test_missing_signature_is_rejected(client, make_donation):
    payload = sp.event("checkout.session.completed", sp.checkout_session(make_donation()))

    response = client.post(sp.WEBHOOK_URL, data=sp.encode(payload), content_type="application/json")

    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_a_tampered_body_is_rejected(client, make_donation):
    donation = make_donation(amount_cents=1000)
    body = sp.encode(sp.event("checkout.session.completed", sp.checkout_session(donation)))
    header = sp.signature_header(body)

    response = sp.post_event(
        client, body.replace(b'"amount_total": 1000', b'"amount_total": 1'), header=header
    )

    assert response.status_code == 400
    assert not Payment.objects.exists()


def test_stale_timestamp_is_rejected(client, make_donation, caplog):
    payload = sp.event("checkout.session.completed", sp.checkout_session(make_donation()))

    with caplog.at_level(logging.WARNING, logger="donations.webhooks"):
        response = sp.post_event(client, payload, timestamp=time.time() - 301)

    assert response.status_code == 400
    assert "Rejected Stripe webhook" in caplog.text
    assert not Payment.objects.exists()


def test_only_post_is_accepted(client):
    assert client.get(sp.WEBHOOK_URL).status_code == 405


def test_webhook_needs_no_csrf_token(make_donation):
    strict = Client(enforce_csrf_checks=True)
    response, _session, _payload = completed_one_off(strict, make_donation())
    assert response.status_code == 200


def test_same_event_twice_records_once(client, make_donation, receipt_calls):
    donation = make_donation(amount_cents=5000)
    payload = sp.event("checkout.session.completed", sp.checkout_session(donation))

    first = sp.post_event(client, payload)
    second = sp.post_event(client, payload)

    assert first.json()["status"] == "processed"
    assert second.status_code == 200
    assert second.json()["status"] == "already processed"
    assert Payment.objects.count() == 1
    assert StripeEvent.objects.count() == 1
    assert len(receipt_calls["issued"]) == 1


def test_same_payment_reported_by_two_events_records_once(client, make_donation):
    """checkout.session.completed and payment_intent.succeeded name the same PaymentIntent."""
    donation = make_donation(amount_cents=7000)
    _response, session, _payload = completed_one_off(client, donation)
    intent = sp.example("payment_intent")
    intent.update(
        id=session["payment_intent"],
        amount=7000,
        amount_received=7000,
        status="succeeded",
        metadata=sp.metadata_of(donation),
        latest_charge="ch_testsame",
    )

    sp.post_event(client, sp.event("payment_intent.succeeded", intent))

    payment = Payment.objects.get()
    assert payment.stripe_charge_id == "ch_testsame"
    assert Payment.objects.succeeded().net_total_cents() == 7000


def deliver_at_the_same_moment(bodies):
    """POST the bodies from one thread each, released together; returns the responses.

    On PostgreSQL they really run at once. SQLite cannot run two writers: there the
    deliveries take turns (same outcome, no concurrency proven).
    """
    parallel = connection.vendor == "postgresql"
    turn = threading.Lock()
    start = threading.Barrier(len(bodies))
    results = []

    def deliver(body):
        try:
            start.wait()
            if parallel:
                results.append(sp.post_event(Client(), body))
            else:
                with turn:
                    results.append(sp.post_event(Client(), body))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.fixture
def slow_receipts(monkeypatch, settings):
    """Issuing a receipt takes half a second, inside the delivery's transaction, so that
    the first delivery is still open when the second one arrives."""
    from donations import receipts

    settings.STRIPE_WEBHOOK_SECRET = sp.SECRET
    settings.STRIPE_SECRET_KEY = ""
    issued = []

    def slow_issue(payment):
        issued.append(payment.pk)
        time.sleep(0.5)

    monkeypatch.setattr(receipts, "issue_receipt_for_payment", slow_issue)
    return issued


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_same_event_delivered_twice_at_the_same_moment(make_donation, slow_receipts):
    """On PostgreSQL the second delivery's INSERT waits on the unique index, then fails."""
    donation = make_donation(amount_cents=9900)
    payload = sp.event("checkout.session.completed", sp.checkout_session(donation))
    body = sp.encode(payload)

    started = time.monotonic()
    results = deliver_at_the_same_moment([body, body])
    elapsed = time.monotonic() - started

    assert sorted(response.status_code for response in results) == [200, 200]
    assert sorted(response.json()["status"] for response in results) == [
        "already processed",
        "processed",
    ]
    assert Payment.objects.filter(donation=donation).count() == 1
    assert StripeEvent.objects.filter(event_id=payload["id"]).count() == 1
    assert len(slow_receipts) == 1
    # The second delivery waited for the first one's commit, not for a retry.
    assert elapsed < 5


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_events_of_one_payment_at_the_same_moment(make_donation, slow_receipts):
    """checkout.session.completed and invoice.paid both report the first invoice at once."""
    donation = make_donation(frequency="monthly", amount_cents=1500)
    completed, paid = monthly_events(donation, subscription_id="sub_race", invoice_id="in_race")

    results = deliver_at_the_same_moment([sp.encode(completed), sp.encode(paid)])

    assert [response.status_code for response in results] == [200, 200]
    assert {response.json()["status"] for response in results} == {"processed"}
    payment = Payment.objects.get(donation=donation)
    assert payment.stripe_invoice_id == "in_race"
    assert payment.status == PaymentStatus.SUCCEEDED
    assert len(slow_receipts) == 1
    donation.refresh_from_db()
    assert donation.status == DonationStatus.ACTIVE
    assert donation.stripe_subscription_id == "sub_race"


def monthly_events(donation, *, subscription_id, invoice_id):
    session = sp.checkout_session(
        donation, subscription=subscription_id, invoice=invoice_id, customer="cus_monthly"
    )
    invoice = sp.invoice(
        donation, subscription_id=subscription_id, invoice_id=invoice_id, customer="cus_monthly"
    )
    return (
        sp.event("checkout.session.completed", session),
        sp.event("invoice.paid", invoice),
    )


def test_invoice_paid_before_checkout_completed_records_once(client, make_donation, receipt_calls):
    donation = make_donation(kind="individual", frequency="monthly", amount_cents=2500)
    completed, paid = monthly_events(donation, subscription_id="sub_test1", invoice_id="in_test1")

    assert sp.post_event(client, paid).status_code == 200
    assert sp.post_event(client, completed).status_code == 200

    payment = Payment.objects.get()
    assert payment.stripe_invoice_id == "in_test1"
    assert payment.amount_cents == 2500
    assert payment.status == PaymentStatus.SUCCEEDED
    donation.refresh_from_db()
    assert donation.status == DonationStatus.ACTIVE
    assert donation.stripe_subscription_id == "sub_test1"
    assert donation.confirmed_at is not None
    assert donation.donor.stripe_customer_id == "cus_monthly"
    assert receipt_calls["issued"] == [payment.pk]


def test_each_monthly_invoice_is_one_payment(client, make_donation):
    donation = make_donation(frequency="monthly", amount_cents=3000)
    completed, paid = monthly_events(donation, subscription_id="sub_test2", invoice_id="in_m1")
    sp.post_event(client, completed)
    sp.post_event(client, paid)
    # Next month: an invoice whose payload carries no metadata (older API shapes) is
    # still found through the subscription we linked.
    second = sp.invoice(
        donation, subscription_id="sub_test2", invoice_id="in_m2", with_metadata=False
    )
    sp.post_event(client, sp.event("invoice.paid", second))
    sp.post_event(client, sp.event("invoice.payment_succeeded", second))

    assert sorted(Payment.objects.values_list("stripe_invoice_id", flat=True)) == ["in_m1", "in_m2"]
    assert Payment.objects.net_total_cents() == 6000


def test_invoice_without_metadata_reads_the_subscription_from_stripe(
    client, make_donation, settings, monkeypatch
):
    """invoice.paid arrives first and names only the subscription: the gateway reads it."""
    donation = make_donation(frequency="monthly", amount_cents=4000)
    settings.STRIPE_SECRET_KEY = "sk_test_fallback"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_fallback"
    fake = FakeStripeHTTP(body=sp.subscription(donation, subscription_id="sub_fallback"))
    monkeypatch.setattr(gateway, "http_client", fake)
    invoice = sp.invoice(donation, subscription_id="sub_fallback", with_metadata=False)

    response = sp.post_event(client, sp.event("invoice.paid", invoice))

    assert response.status_code == 200
    assert fake.requests[0]["url"].endswith("/v1/subscriptions/sub_fallback")
    assert Payment.objects.get().donation == donation
    donation.refresh_from_db()
    assert donation.stripe_subscription_id == "sub_fallback"


def test_monthly_failure_then_cancellation(client, make_donation):
    donation = make_donation(frequency="monthly", amount_cents=2000)
    completed, paid = monthly_events(donation, subscription_id="sub_test3", invoice_id="in_ok")
    sp.post_event(client, completed)
    sp.post_event(client, paid)

    failed = sp.invoice(donation, subscription_id="sub_test3", invoice_id="in_ko", paid=False)
    sp.post_event(client, sp.event("invoice.payment_failed", failed))
    donation.refresh_from_db()
    assert donation.status == DonationStatus.PAST_DUE
    assert Payment.objects.get(stripe_invoice_id="in_ko").status == PaymentStatus.FAILED

    # Stripe retries the same invoice, and this time it is paid.
    retried = sp.invoice(donation, subscription_id="sub_test3", invoice_id="in_ko")
    sp.post_event(client, sp.event("invoice.paid", retried))
    donation.refresh_from_db()
    assert donation.status == DonationStatus.ACTIVE
    assert Payment.objects.get(stripe_invoice_id="in_ko").status == PaymentStatus.SUCCEEDED

    sub = sp.subscription(donation, subscription_id="sub_test3", status="canceled")
    late_update = sp.event(
        "customer.subscription.updated",
        sp.subscription(donation, subscription_id="sub_test3", status="active"),
    )
    sp.post_event(client, sp.event("customer.subscription.deleted", sub))
    sp.post_event(client, late_update)  # delivered out of order, after the deletion

    donation.refresh_from_db()
    assert donation.status == DonationStatus.CANCELED
    assert donation.canceled_at is not None
    assert Payment.objects.succeeded().net_total_cents() == 4000


def test_subscription_past_due_update(client, make_donation):
    donation = make_donation(
        frequency="monthly", status=DonationStatus.ACTIVE, stripe_subscription_id="sub_test4"
    )
    sub = sp.subscription(donation, subscription_id="sub_test4", status="past_due")

    sp.post_event(client, sp.event("customer.subscription.updated", sub))

    donation.refresh_from_db()
    assert donation.status == DonationStatus.PAST_DUE


def test_sepa_debit_is_pending_until_it_clears(client, make_donation, receipt_calls):
    donation = make_donation(amount_cents=20000)
    session = sp.checkout_session(donation, payment_status="unpaid")
    sp.post_event(client, sp.event("checkout.session.completed", session))

    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.PENDING
    assert payment.method == "sepa_debit"
    assert receipt_calls["issued"] == []
    donation.refresh_from_db()
    assert donation.status == DonationStatus.PENDING

    session["payment_status"] = "paid"
    sp.post_event(client, sp.event("checkout.session.async_payment_succeeded", session))

    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert payment.method == "sepa_debit"
    assert receipt_calls["issued"] == [payment.pk]
    donation.refresh_from_db()
    assert donation.status == DonationStatus.CONFIRMED


def test_sepa_debit_that_bounces(client, make_donation, receipt_calls):
    donation = make_donation(amount_cents=20000)
    session = sp.checkout_session(donation, payment_status="unpaid")
    sp.post_event(client, sp.event("checkout.session.completed", session))
    sp.post_event(client, sp.event("checkout.session.async_payment_failed", session))

    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.FAILED
    assert payment.failure_message
    donation.refresh_from_db()
    assert donation.status == DonationStatus.FAILED
    assert receipt_calls["issued"] == []
    assert Payment.objects.net_total_cents() == 0


def test_refund_lowers_the_net_total_and_cancels_the_receipt(client, make_donation, receipt_calls):
    donation = make_donation(amount_cents=10000)
    _response, session, _payload = completed_one_off(client, donation)
    payment = Payment.objects.get()
    intent = session["payment_intent"]
    partial = sp.refund("ch_testrefund", 4000, payment_intent=intent)
    charge = sp.charge(10000, payment_intent=intent, charge_id="ch_testrefund", refunds=[partial])

    response = sp.post_event(client, sp.event("charge.refunded", charge))

    assert response.status_code == 200
    refund = Refund.objects.get()
    assert refund.payment == payment
    assert refund.amount_cents == 4000
    assert Payment.objects.filter(donation=donation).net_total_cents() == 6000
    assert receipt_calls["cancelled"] == [payment.pk]
    payment.refresh_from_db()
    assert payment.stripe_charge_id == "ch_testrefund"

    # The rest is refunded later: the charge now lists both refunds.
    rest = sp.refund("ch_testrefund", 6000, payment_intent=intent)
    charge = sp.charge(
        10000, payment_intent=intent, charge_id="ch_testrefund", refunds=[rest, partial]
    )
    sp.post_event(client, sp.event("charge.refunded", charge))
    sp.post_event(client, sp.event("charge.refunded", charge))  # a different event, same data

    assert Refund.objects.count() == 2
    assert Payment.objects.filter(donation=donation).net_total_cents() == 0
    with_net = Payment.objects.with_net().get()
    assert with_net.refunded_cents == 10000


def test_dispute_is_recorded_against_the_payment(client, make_donation):
    donation = make_donation(amount_cents=8000)
    _response, session, _payload = completed_one_off(client, donation)
    dispute = sp.dispute("ch_testdispute", 8000, payment_intent=session["payment_intent"])

    response = sp.post_event(client, sp.event("charge.dispute.created", dispute))

    assert response.status_code == 200
    row = Dispute.objects.get()
    assert row.payment == Payment.objects.get()
    assert row.amount_cents == 8000
    assert row.status == "needs_response"
    assert row.reason == "fraudulent"

    dispute["status"] = "lost"
    sp.post_event(client, sp.event("charge.dispute.closed", dispute))
    assert Dispute.objects.get().status == "lost"


def test_unknown_event_type_is_acknowledged_and_stored(client, db):
    payload = sp.event("customer.tax_id.created", {"id": "txi_1", "object": "tax_id"})

    response = sp.post_event(client, payload)

    assert response.status_code == 200
    stored = StripeEvent.objects.get()
    assert stored.type == "customer.tax_id.created"
    assert stored.processed_at is not None
    assert stored.payload["data"]["object"]["id"] == "txi_1"


def test_event_of_someone_else_is_acknowledged_and_ignored(client, make_donation):
    donation = make_donation()
    session = sp.checkout_session(donation)
    session["metadata"] = {}
    session["client_reference_id"] = None
    session["id"] = "cs_test_not_ours"

    response = sp.post_event(client, sp.event("checkout.session.completed", session))

    assert response.status_code == 200
    assert not Payment.objects.exists()


def test_a_failed_event_is_retried_by_the_next_delivery(client, make_donation, monkeypatch):
    from donations import fulfilment, webhooks

    donation = make_donation(amount_cents=3300)
    payload = sp.event("checkout.session.completed", sp.checkout_session(donation))
    real = fulfilment.handle_session_completed

    def broken(session, event=None):
        raise RuntimeError("database hiccup")

    monkeypatch.setitem(webhooks.HANDLERS, "checkout.session.completed", broken)
    first = sp.post_event(client, payload)
    assert first.status_code == 500
    assert not Payment.objects.exists()
    noted = StripeEvent.objects.get()
    assert noted.processed_at is None
    assert "database hiccup" in noted.error

    monkeypatch.setitem(webhooks.HANDLERS, "checkout.session.completed", real)
    second = sp.post_event(client, payload)

    assert second.status_code == 200
    assert second.json()["status"] == "processed"
    assert Payment.objects.count() == 1
    noted.refresh_from_db()
    assert noted.processed_at is not None
    assert noted.error == ""


def test_query_count_does_not_grow_with_the_ledger(client, make_donation):
    from django.test.utils import CaptureQueriesContext

    def queries_for_one_event():
        donation = make_donation(amount_cents=4200)
        payload = sp.event("checkout.session.completed", sp.checkout_session(donation))
        with CaptureQueriesContext(connection) as captured:
            assert sp.post_event(client, payload).status_code == 200
        return len(captured.captured_queries)

    queries_for_one_event()  # first receipt of the year: settings and sequence rows created
    first = queries_for_one_event()
    for _ in range(15):
        completed_one_off(client, make_donation())
    assert Payment.objects.count() == 17
    assert queries_for_one_event() == first
