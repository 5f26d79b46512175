"""Stripe's webhook (POST /stripe/webhook/): verify, store each event once, record the money.

An event is inserted into StripeEvent (unique event_id) and handled in the same
transaction. A second delivery of the same event, even at the same moment, fails on the
unique index (on PostgreSQL its INSERT waits until the first transaction commits) and is
answered "already processed" without touching the ledger; if the first one failed and
rolled back, the retry simply does the work. sync_stripe feeds the same function.
"""

import json
import logging

import stripe
from django.db import IntegrityError, transaction
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import fulfilment, gateway
from .models import StripeEvent

logger = logging.getLogger(__name__)

PROCESSED = "processed"
DUPLICATE = "already processed"

# Event type → handler(object, event). Every handler is idempotent.
HANDLERS = {
    "checkout.session.completed": fulfilment.handle_session_completed,
    "checkout.session.async_payment_succeeded": fulfilment.handle_session_completed,
    "checkout.session.async_payment_failed": fulfilment.handle_session_async_failed,
    "checkout.session.expired": fulfilment.handle_session_expired,
    "invoice.paid": fulfilment.handle_invoice_paid,
    # Sent alongside invoice.paid by Stripe, and instead of it by localstripe.
    "invoice.payment_succeeded": fulfilment.handle_invoice_paid,
    "invoice.payment_failed": fulfilment.handle_invoice_payment_failed,
    "customer.subscription.created": fulfilment.handle_subscription_changed,
    "customer.subscription.updated": fulfilment.handle_subscription_changed,
    "customer.subscription.deleted": fulfilment.handle_subscription_changed,
    "payment_intent.succeeded": fulfilment.handle_payment_intent_succeeded,
    "payment_intent.payment_failed": fulfilment.handle_payment_intent_failed,
    "charge.refunded": fulfilment.handle_charge_refunded,
    "refund.created": fulfilment.handle_refund,
    "refund.updated": fulfilment.handle_refund,
    "charge.dispute.created": fulfilment.handle_dispute,
    "charge.dispute.updated": fulfilment.handle_dispute,
    "charge.dispute.closed": fulfilment.handle_dispute,
}

# Two different events can race to create the same payment (e.g. invoice.paid and
# checkout.session.completed of one subscription): the loser's transaction fails on a
# unique column and is simply run again, when the handler then finds the winner's row.
ATTEMPTS = 3


def dispatch(event):
    handler = HANDLERS.get(event.get("type"))
    if handler is None:
        return "unhandled"
    return handler(event["data"]["object"], event)


def _event_fields(event, source):
    return {
        "type": event.get("type", "")[:100],
        "created": fulfilment.stripe_time(event.get("created")) or timezone.now(),
        "livemode": bool(event.get("livemode")),
        "payload": event,
        "source": source,
    }


def process_event(event, *, source="webhook"):
    """Store `event` once and record what it says; returns PROCESSED or DUPLICATE.

    Raises whatever the handler raised (after noting the error on the event), so that
    the webhook answers 500 and Stripe delivers the event again later.
    """
    event_id = event["id"]
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                try:
                    with transaction.atomic():
                        row = StripeEvent.objects.create(
                            event_id=event_id,
                            processed_at=timezone.now(),
                            **_event_fields(event, source),
                        )
                except IntegrityError:
                    row = StripeEvent.objects.select_for_update().get(event_id=event_id)
                    if row.processed_at is not None:
                        return DUPLICATE
                    # An earlier delivery failed: this one does the work.
                    row.processed_at = timezone.now()
                    row.error = ""
                    row.save(update_fields=["processed_at", "error"])
                dispatch(event)
                return PROCESSED
        except IntegrityError:
            if attempt == ATTEMPTS:
                _note_failure(event, source, "IntegrityError after retries")
                raise
        except Exception as error:
            _note_failure(event, source, f"{type(error).__name__}: {error}")
            raise
    raise AssertionError("unreachable")  # pragma: no cover


def _note_failure(event, source, message):
    """Keep a trace of the failed event (not processed: the next delivery retries it)."""
    try:
        with transaction.atomic():
            row, created = StripeEvent.objects.get_or_create(
                event_id=event["id"],
                defaults={**_event_fields(event, source), "processed_at": None, "error": message},
            )
            if not created and row.processed_at is None:
                row.error = message[:2000]
                row.save(update_fields=["error"])
    except Exception:  # the database itself may be what failed
        logger.exception("Could not note the failure of Stripe event %s", event.get("id"))


@csrf_exempt  # Stripe cannot send a CSRF token: the signature is the authentication.
@require_POST
def stripe_webhook(request):
    """Receive one Stripe event: 400 if unsigned, 200 once stored, 500 to be retried."""
    payload = request.body
    signature = request.headers.get("Stripe-Signature")
    try:
        gateway.construct_event(payload, signature)
    except stripe.SignatureVerificationError as error:
        logger.warning(
            "Rejected Stripe webhook from %s: %s",
            request.META.get("REMOTE_ADDR"),
            error.user_message if hasattr(error, "user_message") else error,
        )
        return HttpResponseBadRequest("Invalid signature")
    except ValueError:
        logger.warning(
            "Rejected Stripe webhook from %s: invalid payload", request.META.get("REMOTE_ADDR")
        )
        return HttpResponseBadRequest("Invalid payload")
    event = json.loads(payload)
    if not isinstance(event, dict) or not event.get("id") or "data" not in event:
        return HttpResponseBadRequest("Invalid payload")
    try:
        outcome = process_event(event, source="webhook")
    except Exception:
        # No payload in the log: it holds donors' names and addresses.
        logger.exception("Stripe event %s (%s) failed", event.get("id"), event.get("type"))
        return JsonResponse({"status": "error"}, status=500)
    return JsonResponse({"status": outcome, "type": event.get("type")})
