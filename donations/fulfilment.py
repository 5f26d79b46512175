"""Recording money from Stripe objects into the ledger: shared by the webhooks and sync_stripe.

Every function here takes Stripe objects as plain dicts, must run inside a transaction, and
is idempotent: payments, refunds and disputes are keyed by their Stripe ids (unique
columns) and created with get_or_create, so whichever event reports a payment first, in
whatever order and however many times, the ledger converges on one row per movement.

Each handler returns a short outcome string (for logs and the webhook's answer); a Stripe
object that does not belong to one of our donations is acknowledged and ignored.
"""

import logging
import uuid
from datetime import UTC, datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import gateway, receipts
from .models import (
    Dispute,
    Donation,
    DonationStatus,
    Payment,
    PaymentStatus,
    Refund,
)
from .models.ledger import PaymentMethod

logger = logging.getLogger(__name__)

IGNORED = "ignored"
RECORDED = "recorded"

# Refunds that give money back (a failed or canceled refund leaves the gift intact).
COUNTED_REFUND_STATUSES = {"succeeded", "pending", "requires_action", None}


# ---------------------------------------------------------------------------
# Small readers of Stripe dicts
# ---------------------------------------------------------------------------


def stripe_time(value):
    """A Stripe timestamp (seconds) as an aware datetime; None stays None."""
    if value in (None, ""):
        return None
    return datetime.fromtimestamp(int(value), tz=UTC)


def stripe_id(value):
    """The id of an expandable field: either the id itself or the expanded object."""
    if isinstance(value, dict):
        return value.get("id")
    return value or None


def _metadata_donation_id(*metadatas):
    for metadata in metadatas:
        if isinstance(metadata, dict) and metadata.get("donation_id"):
            return metadata["donation_id"]
    return None


def _as_uuid(value):
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def _locked(queryset):
    """Lock the donation row: two events of the same donation update it one after the other."""
    return queryset.select_for_update().select_related("donor")


def find_donation(*, public_id=None, session_id=None, subscription_id=None):
    """Our donation named by any of these references, locked, or None."""
    public_uuid = _as_uuid(public_id) if public_id else None
    if public_uuid is not None:
        donation = _locked(Donation.objects.filter(public_id=public_uuid)).first()
        if donation is not None:
            return donation
    if session_id:
        donation = _locked(Donation.objects.filter(stripe_checkout_session_id=session_id)).first()
        if donation is not None:
            return donation
    if subscription_id:
        return _locked(Donation.objects.filter(stripe_subscription_id=subscription_id)).first()
    return None


def _method_from_charge(charge):
    if isinstance(charge, dict):
        kind = (charge.get("payment_method_details") or {}).get("type")
        if kind in PaymentMethod.values:
            return kind
    return None


def _method_from_types(types):
    if types and len(types) == 1 and types[0] in PaymentMethod.values:
        return types[0]
    return None


# ---------------------------------------------------------------------------
# Ledger writes
# ---------------------------------------------------------------------------


def _remember_customer(donation, customer):
    customer_id = stripe_id(customer)
    donor = donation.donor
    if customer_id and not donor.stripe_customer_id:
        donor.stripe_customer_id = customer_id
        donor.save(update_fields=["stripe_customer_id", "updated_at"])


def _free(field, value, payment):
    """True when no other payment already carries this Stripe id (ids are unique)."""
    return not Payment.objects.filter(**{field: value}).exclude(pk=payment.pk).exists()


def record_payment(
    donation,
    *,
    key,
    amount_cents,
    status,
    method=None,
    paid_at=None,
    failure_message="",
    payment_intent_id=None,
    charge_id=None,
    invoice_id=None,
):
    """Create or update the payment identified by `key` (one of the Stripe id fields).

    Status only moves forward: pending → succeeded or failed, failed → succeeded (a
    retried invoice); a succeeded payment never goes back. A payment that has just
    succeeded gets its receipt and confirms the donation. Returns (payment, newly_paid).
    """
    ids = {
        "stripe_payment_intent_id": payment_intent_id,
        "stripe_charge_id": charge_id,
        "stripe_invoice_id": invoice_id,
    }
    lookup = {key: ids[key]}
    extras = {
        field: value
        for field, value in ids.items()
        if value and field != key and not Payment.objects.filter(**{field: value}).exists()
    }
    payment, created = Payment.objects.get_or_create(
        **lookup,
        defaults={
            "donation": donation,
            "amount_cents": amount_cents,
            "currency": donation.currency,
            "status": status,
            "method": method or PaymentMethod.CARD,
            "paid_at": paid_at if status == PaymentStatus.SUCCEEDED else None,
            "failure_message": failure_message[:255],
            **extras,
        },
    )
    newly_paid = created and status == PaymentStatus.SUCCEEDED
    if not created:
        changed = []
        for field, value in ids.items():
            if value and not getattr(payment, field) and _free(field, value, payment):
                setattr(payment, field, value)
                changed.append(field)
        if method and payment.method != method and payment.status != PaymentStatus.SUCCEEDED:
            payment.method = method
            changed.append("method")
        if payment.status != PaymentStatus.SUCCEEDED and status != payment.status:
            if status == PaymentStatus.SUCCEEDED:
                payment.status = status
                payment.paid_at = paid_at or timezone.now()
                payment.amount_cents = amount_cents
                payment.failure_message = ""
                changed += ["status", "paid_at", "amount_cents", "failure_message"]
                newly_paid = True
            elif status == PaymentStatus.FAILED and payment.status == PaymentStatus.PENDING:
                payment.status = status
                payment.failure_message = failure_message[:255]
                changed += ["status", "failure_message"]
        if changed:
            payment.save(update_fields=sorted(set(changed)))
    if newly_paid:
        if payment.paid_at is None:
            payment.paid_at = paid_at or timezone.now()
            payment.save(update_fields=["paid_at"])
        _confirm_donation(donation, payment.paid_at)
        _issue_receipt(payment)
    return payment, newly_paid


def _issue_receipt(payment):
    # The money is recorded whatever happens to the receipt: a failure here (PDF, storage)
    # is logged for staff and must not roll back the payment or make Stripe retry forever.
    try:
        with transaction.atomic():
            receipts.issue_receipt_for_payment(payment)
    except Exception:
        logger.exception("Receipt of payment %s could not be issued", payment.pk)


def _confirm_donation(donation, when):
    fields = []
    if donation.is_monthly:
        if donation.status in (DonationStatus.PENDING, DonationStatus.PAST_DUE):
            donation.status = DonationStatus.ACTIVE
            fields.append("status")
    elif donation.status != DonationStatus.CONFIRMED:
        donation.status = DonationStatus.CONFIRMED
        fields.append("status")
    if donation.confirmed_at is None:
        donation.confirmed_at = when or timezone.now()
        fields.append("confirmed_at")
    if fields:
        donation.save(update_fields=fields)


def _set_donation_status(donation, status, *, only_from):
    if donation.status in only_from and donation.status != status:
        donation.status = status
        donation.save(update_fields=["status"])


def _link_subscription(donation, subscription_id):
    if subscription_id and not donation.stripe_subscription_id:
        taken = Donation.objects.filter(stripe_subscription_id=subscription_id).exists()
        if not taken:
            donation.stripe_subscription_id = subscription_id
            donation.save(update_fields=["stripe_subscription_id"])


# ---------------------------------------------------------------------------
# Checkout Sessions
# ---------------------------------------------------------------------------


def _donation_for_session(session):
    return find_donation(
        public_id=_metadata_donation_id(session.get("metadata"))
        or session.get("client_reference_id"),
        session_id=session.get("id"),
    )


def handle_session_completed(session, event=None):
    """checkout.session.completed / async_payment_succeeded: the donor finished Checkout.

    Payment mode: "paid" (card) records a succeeded payment, "unpaid" (a SEPA debit
    still clearing) a pending one. Subscription mode: the subscription is linked and the
    first invoice recorded (invoice.paid reports the same invoice; both converge).
    """
    donation = _donation_for_session(session)
    if donation is None:
        return IGNORED
    if session.get("id") and not donation.stripe_checkout_session_id:
        donation.stripe_checkout_session_id = session["id"]
        donation.save(update_fields=["stripe_checkout_session_id"])
    _remember_customer(donation, session.get("customer"))
    when = stripe_time((event or {}).get("created")) or timezone.now()
    payment_status = session.get("payment_status")
    if payment_status not in ("paid", "unpaid"):
        return IGNORED  # no_payment_required: nothing was paid
    status = PaymentStatus.SUCCEEDED if payment_status == "paid" else PaymentStatus.PENDING
    # Cards are paid on the spot; a debit is "unpaid" when Checkout completes and reported
    # by async_payment_succeeded once it clears.
    is_async = (event or {}).get("type") == "checkout.session.async_payment_succeeded"
    is_card = payment_status == "paid" and not is_async
    method = PaymentMethod.CARD if is_card else PaymentMethod.SEPA_DEBIT
    amount = session.get("amount_total") or donation.amount_cents

    if session.get("mode") == "subscription":
        _link_subscription(donation, stripe_id(session.get("subscription")))
        _set_donation_status(donation, DonationStatus.ACTIVE, only_from={DonationStatus.PENDING})
        invoice_id = stripe_id(session.get("invoice"))
        if invoice_id:
            record_payment(
                donation,
                key="stripe_invoice_id",
                invoice_id=invoice_id,
                amount_cents=amount,
                status=status,
                method=method,
                paid_at=when,
            )
        return RECORDED

    intent_id = stripe_id(session.get("payment_intent"))
    if not intent_id:
        return IGNORED
    record_payment(
        donation,
        key="stripe_payment_intent_id",
        payment_intent_id=intent_id,
        amount_cents=amount,
        status=status,
        method=method,
        paid_at=when,
    )
    return RECORDED


def handle_session_async_failed(session, event=None):
    """checkout.session.async_payment_failed: the SEPA debit bounced."""
    donation = _donation_for_session(session)
    if donation is None:
        return IGNORED
    message = "Prélèvement SEPA refusé"
    if session.get("mode") == "subscription":
        invoice_id = stripe_id(session.get("invoice"))
        if invoice_id:
            record_payment(
                donation,
                key="stripe_invoice_id",
                invoice_id=invoice_id,
                amount_cents=session.get("amount_total") or donation.amount_cents,
                status=PaymentStatus.FAILED,
                method=PaymentMethod.SEPA_DEBIT,
                failure_message=message,
            )
    else:
        intent_id = stripe_id(session.get("payment_intent"))
        if intent_id:
            record_payment(
                donation,
                key="stripe_payment_intent_id",
                payment_intent_id=intent_id,
                amount_cents=session.get("amount_total") or donation.amount_cents,
                status=PaymentStatus.FAILED,
                method=PaymentMethod.SEPA_DEBIT,
                failure_message=message,
            )
    _set_donation_status(
        donation,
        DonationStatus.FAILED,
        only_from={DonationStatus.PENDING, DonationStatus.ACTIVE},
    )
    return RECORDED


def handle_session_expired(session, event=None):
    """checkout.session.expired: the donor left Checkout without paying."""
    donation = _donation_for_session(session)
    if donation is None:
        return IGNORED
    _set_donation_status(donation, DonationStatus.EXPIRED, only_from={DonationStatus.PENDING})
    return RECORDED


# ---------------------------------------------------------------------------
# Invoices (each monthly payment)
# ---------------------------------------------------------------------------


def _invoice_subscription_and_metadata(invoice):
    """(subscription id, [metadata dicts]) from wherever this API version puts them."""
    parent = invoice.get("parent") or {}
    details = parent.get("subscription_details") or {}
    metadatas = [details.get("metadata"), invoice.get("metadata")]
    subscription_id = stripe_id(details.get("subscription")) or stripe_id(
        invoice.get("subscription")  # API versions before 2025-03-31.basil, localstripe
    )
    for line in (invoice.get("lines") or {}).get("data") or []:
        metadatas.append(line.get("metadata"))
        line_parent = line.get("parent") or {}
        item = line_parent.get("subscription_item_details") or {}
        subscription_id = (
            subscription_id or stripe_id(item.get("subscription")) or line.get("subscription")
        )
    return subscription_id, metadatas


def donation_for_invoice(invoice):
    """Our monthly donation an invoice belongs to, or None.

    The metadata copied from subscription_data is on the invoice in recent API versions;
    otherwise our own link (stripe_subscription_id), and as a last resort the
    subscription itself, read from Stripe (invoice.paid may come before
    checkout.session.completed has told us the subscription id).
    """
    subscription_id, metadatas = _invoice_subscription_and_metadata(invoice)
    donation = find_donation(
        public_id=_metadata_donation_id(*metadatas), subscription_id=subscription_id
    )
    if donation is None and subscription_id and gateway.is_configured():
        subscription = gateway.retrieve_subscription(subscription_id)
        donation = find_donation(public_id=_metadata_donation_id(subscription.get("metadata")))
    if donation is not None:
        _link_subscription(donation, subscription_id)
    return donation


def _invoice_payment_refs(invoice):
    """PaymentIntent and charge ids when the payload carries them (older shapes do)."""
    intent_id = stripe_id(invoice.get("payment_intent"))
    charge_id = stripe_id(invoice.get("charge"))
    for invoice_payment in (invoice.get("payments") or {}).get("data") or []:
        payment = invoice_payment.get("payment") or {}
        intent_id = intent_id or stripe_id(payment.get("payment_intent"))
        charge_id = charge_id or stripe_id(payment.get("charge"))
    return intent_id, charge_id


def handle_invoice_paid(invoice, event=None):
    """invoice.paid / invoice.payment_succeeded: one monthly payment, keyed by invoice."""
    amount = invoice.get("amount_paid") or 0
    if amount <= 0:
        return IGNORED  # nothing was paid (a 0 € invoice)
    donation = donation_for_invoice(invoice)
    if donation is None:
        return IGNORED
    _remember_customer(donation, invoice.get("customer"))
    intent_id, charge_id = _invoice_payment_refs(invoice)
    paid_at = (
        stripe_time((invoice.get("status_transitions") or {}).get("paid_at"))
        or stripe_time((event or {}).get("created"))
        or timezone.now()
    )
    method = _method_from_charge(invoice.get("charge"))
    record_payment(
        donation,
        key="stripe_invoice_id",
        invoice_id=invoice["id"],
        payment_intent_id=intent_id,
        charge_id=charge_id,
        amount_cents=amount,
        status=PaymentStatus.SUCCEEDED,
        method=method,
        paid_at=paid_at,
    )
    return RECORDED


def handle_invoice_payment_failed(invoice, event=None):
    """invoice.payment_failed: a monthly payment failed; the donation is past due."""
    donation = donation_for_invoice(invoice)
    if donation is None:
        return IGNORED
    intent_id, charge_id = _invoice_payment_refs(invoice)
    attempts = invoice.get("attempt_count") or 1
    record_payment(
        donation,
        key="stripe_invoice_id",
        invoice_id=invoice["id"],
        payment_intent_id=intent_id,
        charge_id=charge_id,
        amount_cents=invoice.get("amount_due") or donation.amount_cents,
        status=PaymentStatus.FAILED,
        failure_message=f"Paiement mensuel refusé (tentative {attempts})",
    )
    _set_donation_status(donation, DonationStatus.PAST_DUE, only_from={DonationStatus.ACTIVE})
    return RECORDED


# ---------------------------------------------------------------------------
# Subscriptions
# ---------------------------------------------------------------------------

SUBSCRIPTION_STATUSES = {
    "active": DonationStatus.ACTIVE,
    "trialing": DonationStatus.ACTIVE,
    "past_due": DonationStatus.PAST_DUE,
    "unpaid": DonationStatus.PAST_DUE,
    "canceled": DonationStatus.CANCELED,
    "incomplete_expired": DonationStatus.CANCELED,
}


def handle_subscription_changed(subscription, event=None):
    """customer.subscription.created / updated / deleted: follow the subscription's state.

    Canceled is final (Stripe never reactivates a canceled subscription), so a late
    "updated" event cannot bring a stopped donation back to life.
    """
    donation = find_donation(
        public_id=_metadata_donation_id(subscription.get("metadata")),
        subscription_id=subscription.get("id"),
    )
    if donation is None or not donation.is_monthly:
        return IGNORED
    _link_subscription(donation, subscription.get("id"))
    _remember_customer(donation, subscription.get("customer"))
    is_deleted = (event or {}).get("type") == "customer.subscription.deleted"
    status = DonationStatus.CANCELED if is_deleted else None
    status = status or SUBSCRIPTION_STATUSES.get(subscription.get("status"))
    if status is None or donation.status == DonationStatus.CANCELED:
        return RECORDED
    fields = []
    if donation.status != status:
        donation.status = status
        fields.append("status")
    if status == DonationStatus.CANCELED and donation.canceled_at is None:
        donation.canceled_at = (
            stripe_time(subscription.get("canceled_at"))
            or stripe_time(subscription.get("ended_at"))
            or timezone.now()
        )
        fields.append("canceled_at")
    if fields:
        donation.save(update_fields=fields)
    return RECORDED


# ---------------------------------------------------------------------------
# PaymentIntents (one-off payments; also what localstripe reports)
# ---------------------------------------------------------------------------


def _one_off_donation_for_intent(intent):
    donation = find_donation(public_id=_metadata_donation_id(intent.get("metadata")))
    # A monthly donation's money is counted per invoice, never per PaymentIntent.
    if donation is None or donation.is_monthly or intent.get("invoice"):
        return None
    return donation


def handle_payment_intent_succeeded(intent, event=None):
    """payment_intent.succeeded of a one-off donation (its metadata names the donation)."""
    donation = _one_off_donation_for_intent(intent)
    if donation is None:
        return IGNORED
    _remember_customer(donation, intent.get("customer"))
    charge = intent.get("latest_charge")
    paid_at = (
        stripe_time(charge.get("created") if isinstance(charge, dict) else None)
        or stripe_time((event or {}).get("created"))
        or timezone.now()
    )
    record_payment(
        donation,
        key="stripe_payment_intent_id",
        payment_intent_id=intent["id"],
        charge_id=stripe_id(charge),
        amount_cents=intent.get("amount_received") or intent.get("amount"),
        status=PaymentStatus.SUCCEEDED,
        method=_method_from_charge(charge)
        or _method_from_types(intent.get("payment_method_types")),
        paid_at=paid_at,
    )
    return RECORDED


def handle_payment_intent_failed(intent, event=None):
    """payment_intent.payment_failed: noted on the payment (the donor may still retry)."""
    donation = _one_off_donation_for_intent(intent)
    if donation is None:
        return IGNORED
    error = intent.get("last_payment_error") or {}
    record_payment(
        donation,
        key="stripe_payment_intent_id",
        payment_intent_id=intent["id"],
        charge_id=stripe_id(intent.get("latest_charge")),
        amount_cents=intent.get("amount") or donation.amount_cents,
        status=PaymentStatus.FAILED,
        failure_message=error.get("message") or "Paiement refusé",
    )
    return RECORDED


# ---------------------------------------------------------------------------
# Charges: refunds and disputes
# ---------------------------------------------------------------------------


def find_payment_for_charge(charge_id, intent_id=None, invoice_id=None):
    """Our payment behind a charge, locked, or None; fills in the charge id on the way."""
    refs = Q()
    if charge_id:
        refs |= Q(stripe_charge_id=charge_id)
    if intent_id:
        refs |= Q(stripe_payment_intent_id=intent_id)
    if invoice_id:
        refs |= Q(stripe_invoice_id=invoice_id)
    payment = None
    if refs:
        payment = Payment.objects.select_for_update().filter(refs).order_by("pk").first()
    if payment is None and intent_id and gateway.is_configured():
        # A monthly payment is keyed by its invoice; recent API versions only link the
        # PaymentIntent to the invoice through the invoice's payments.
        invoice_id = gateway.invoice_for_payment_intent(intent_id)
        if invoice_id:
            payment = Payment.objects.select_for_update().filter(stripe_invoice_id=invoice_id)
            payment = payment.first()
    if payment is not None:
        changed = []
        for field, value in (
            ("stripe_charge_id", charge_id),
            ("stripe_payment_intent_id", intent_id),
        ):
            if value and not getattr(payment, field) and _free(field, value, payment):
                setattr(payment, field, value)
                changed.append(field)
        if changed:
            payment.save(update_fields=changed)
    return payment


def record_refund(payment, refund):
    """One Refund row per Stripe refund; the payment's receipt is cancelled. Returns created."""
    if refund.get("status") not in COUNTED_REFUND_STATUSES:
        return False
    _row, created = Refund.objects.get_or_create(
        stripe_refund_id=refund["id"],
        defaults={
            "payment": payment,
            "amount_cents": refund.get("amount") or 0,
            "reason": (refund.get("reason") or "")[:100],
            "refunded_at": stripe_time(refund.get("created")) or timezone.now(),
        },
    )
    if created:
        receipts.cancel_receipts_for_payment(payment, reason="Remboursement")
        # What the donor kept after a partial refund still earns a receipt: a new one.
        _issue_receipt(payment)
    return created


def handle_charge_refunded(charge, event=None):
    """charge.refunded: record each refund of the charge (whole or partial)."""
    payment = find_payment_for_charge(
        charge.get("id"), stripe_id(charge.get("payment_intent")), stripe_id(charge.get("invoice"))
    )
    if payment is None:
        return IGNORED
    listed = charge.get("refunds")
    if isinstance(listed, dict) and listed.get("data") and not listed.get("has_more"):
        refunds = listed["data"]
    else:
        # Since API version 2022-11-15 the charge no longer embeds its refunds.
        refunds = gateway.list_charge_refunds(charge["id"])
    for refund in refunds:
        record_refund(payment, refund)
    return RECORDED


def handle_refund(refund, event=None):
    """refund.created / refund.updated, and sync_stripe's list of recent refunds."""
    payment = find_payment_for_charge(
        stripe_id(refund.get("charge")), stripe_id(refund.get("payment_intent"))
    )
    if payment is None:
        return IGNORED
    record_refund(payment, refund)
    return RECORDED


def handle_dispute(dispute, event=None):
    """charge.dispute.created (and .updated / .closed): a chargeback on a payment."""
    payment = find_payment_for_charge(
        stripe_id(dispute.get("charge")), stripe_id(dispute.get("payment_intent"))
    )
    if payment is None:
        return IGNORED
    row, created = Dispute.objects.get_or_create(
        stripe_dispute_id=dispute["id"],
        defaults={
            "payment": payment,
            "amount_cents": dispute.get("amount") or 0,
            "reason": (dispute.get("reason") or "")[:100],
            "status": (dispute.get("status") or "")[:40],
            "opened_at": stripe_time(dispute.get("created")) or timezone.now(),
        },
    )
    if not created and dispute.get("status") and row.status != dispute["status"]:
        row.status = dispute["status"][:40]
        row.save(update_fields=["status"])
    if created:
        logger.warning("Dispute %s opened on payment %s", dispute["id"], payment.pk)
    return RECORDED
