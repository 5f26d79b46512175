"""Repair what missed webhooks left behind: re-read recent Stripe events, sessions, invoices
and refunds, and feed them through the webhook's own handlers.

Safe to run again and again (cron, e.g. hourly): events already stored are skipped by id,
and every handler converges on one ledger row per Stripe payment, refund or dispute.
"""

import logging

import stripe
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from donations import fulfilment, gateway, webhooks

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Relit les événements, sessions, factures et remboursements Stripe récents."

    def add_arguments(self, parser):
        parser.add_argument(
            "--since-days",
            type=float,
            default=3,
            help="Fenêtre relue, en jours (3 par défaut ; Stripe garde 30 jours d'événements).",
        )

    def handle(self, *args, since_days, **options):
        if not gateway.is_configured():
            raise CommandError("Stripe n'est pas configuré (STRIPE_SECRET_KEY).")
        self.failures = 0
        counts = {}
        counts["events"] = self._events(since_days)
        counts["sessions"] = self._each(
            "checkout sessions",
            gateway.recent_checkout_sessions,
            since_days,
            self._session,
        )
        counts["invoices"] = self._each(
            "invoices", gateway.recent_invoices, since_days, self._invoice
        )
        counts["refunds"] = self._each(
            "refunds", gateway.recent_refunds, since_days, fulfilment.handle_refund
        )
        summary = ", ".join(f"{name}: {number}" for name, number in counts.items())
        self.stdout.write(f"sync_stripe ({since_days:g} jours) — {summary}")
        if self.failures:
            raise CommandError(f"{self.failures} objet(s) Stripe n'ont pas pu être traités.")

    def _events(self, since_days):
        try:
            events = gateway.recent_events(since_days)
        except stripe.StripeError as error:
            self._warn("events", error)
            return "indisponible"
        processed = 0
        for event in events:
            try:
                if webhooks.process_event(event, source="sync") == webhooks.PROCESSED:
                    processed += 1
            except Exception:
                self.failures += 1
                logger.exception("sync_stripe: event %s failed", event.get("id"))
        return f"{processed} nouveaux sur {len(events)}"

    def _each(self, label, lister, since_days, handler):
        try:
            objects = lister(since_days)
        except stripe.StripeError as error:
            # localstripe, for one, has no Checkout Sessions.
            self._warn(label, error)
            return "indisponible"
        recorded = 0
        for obj in objects:
            try:
                with transaction.atomic():
                    if handler(obj) == fulfilment.RECORDED:
                        recorded += 1
            except Exception:
                self.failures += 1
                logger.exception("sync_stripe: %s %s failed", label, obj.get("id"))
        return f"{recorded} rapprochés sur {len(objects)}"

    @staticmethod
    def _session(session):
        if session.get("status") != "complete":
            return fulfilment.IGNORED
        return fulfilment.handle_session_completed(session, {"created": session.get("created")})

    @staticmethod
    def _invoice(invoice):
        if invoice.get("status") != "paid":
            return fulfilment.IGNORED
        return fulfilment.handle_invoice_paid(invoice)

    def _warn(self, label, error):
        self.stderr.write(f"{label} : lecture impossible ({type(error).__name__}), ignoré.")
