"""Issuing and cancelling tax receipts (reçus fiscaux).

The webhook handlers call issue_receipt_for_payment and cancel_receipts_for_payment; both
are safe to call twice. The donor space calls issue_duplicate and issue_yearly_summary.

Who gets which receipt, so that no payment is ever receipted twice (a payment in two
valid receipts would let the donor deduct the same money twice):

- A single receipt, issued as soon as the payment is confirmed, for every one-off gift and
  for every monthly payment of a donor who did not choose the yearly receipt.
- A yearly summary receipt for a donor who chose it (Donor.yearly_receipt): their monthly
  payments get no single receipt and wait for the summary, issued in January by the
  `issue_yearly_receipts` command (or on request from the donor space). The preference is
  read when each payment is confirmed, so a change applies to the following payments.
- A summary also covers any monthly payment of that year left without a valid receipt
  (a single receipt not issued because the association's settings were incomplete, one
  cancelled after a partial refund, payments recorded before receipts existed...).

A summary covers only payments that have no valid receipt, and a payment already covered
by a valid summary gets no single receipt. Amounts are net of the refunds recorded when
the receipt is issued; a fully refunded payment gets none. A refund recorded later cancels
the receipt (single or summary) that covers the payment; the payments of a cancelled
summary can then be covered by a new one. Both functions lock the payment rows they look
at, so a webhook and a summary at the same moment cannot both receipt the same payment.

Numbers: "<year>-<6 digits>", taken from ReceiptSequence inside the transaction that saves
the receipt, so they have neither gaps nor duplicates. A duplicate keeps its original's
number with a "-D<n>" suffix and is printed "DUPLICATA".
"""

import logging

from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone

from .models import (
    DonationFrequency,
    Donor,
    Payment,
    PaymentStatus,
    Receipt,
    ReceiptSequence,
    ReceiptSettings,
    Refund,
)
from .models.ledger import PaymentMethod

logger = logging.getLogger(__name__)

METHOD_LABELS = {
    PaymentMethod.CARD: "Carte bancaire",
    PaymentMethod.SEPA_DEBIT: "Prélèvement SEPA",
    PaymentMethod.OTHER: "Autre",
}


def format_number(year, sequence):
    return f"{year}-{sequence:06d}"


def _valid_receipts_of(payment_ids):
    """Receipts (single or summary) still valid for any of these payments."""
    return Receipt.objects.filter(
        Q(payment_id__in=payment_ids) | Q(payments__in=payment_ids), cancelled_at__isnull=True
    )


def _snapshot(donor):
    """The donor's details as the receipt prints them (the donor may change them later)."""
    return {
        "kind": donor.kind,
        "donor": donor,
        "donor_name": donor.name or donor.email,
        "donor_legal_form": donor.legal_form if donor.is_company else "",
        "donor_siren": donor.siren if donor.is_company else "",
        "donor_address": "\n".join(donor.address_lines),
        "donor_email": donor.email,
    }


def _attach_pdf(receipt):
    from .receipt_pdf import render_receipt

    receipt.pdf.save("receipt.pdf", ContentFile(render_receipt(receipt)), save=False)
    receipt.save(update_fields=["pdf"])


def issue_receipt_for_payment(payment):
    """Issue (once) the receipt of a succeeded payment, and queue its e-mail on commit.

    After a partial refund has cancelled the first receipt, a call issues the corrected
    receipt for what was kept (a new number: receipts are never edited).

    Returns the payment's receipt (the existing one on a second call), or None when no
    single receipt is due: payment not succeeded, fully refunded, already in a valid
    yearly summary, a monthly payment of a donor who chose the yearly receipt (it waits
    for the summary), or the association not eligible for this kind of donor (logged).
    The amount is the payment net of refunds already recorded.
    """
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update().select_related("donation__donor").get(pk=payment.pk)
        )
        existing = Receipt.objects.filter(
            payment=payment, duplicate_of__isnull=True, is_summary=False, cancelled_at__isnull=True
        ).first()
        if existing is not None:
            return existing
        if payment.status != PaymentStatus.SUCCEEDED:
            return None
        donor = payment.donation.donor
        if payment.donation.is_monthly and donor.yearly_receipt:
            return None
        if _valid_receipts_of([payment.pk]).filter(is_summary=True).exists():
            return None
        refunded = sum(payment.refunds.values_list("amount_cents", flat=True))
        amount = payment.amount_cents - refunded
        if amount <= 0:
            return None
        settings = ReceiptSettings.current()
        if not settings.eligible_for(donor.kind):
            logger.warning(
                "No receipt for payment %s: the association is not set as eligible for %s donors",
                payment.pk,
                donor.kind,
            )
            return None
        year = timezone.localdate().year
        sequence = ReceiptSequence.next_number(year)
        paid_at = payment.paid_at or timezone.now()
        receipt = Receipt.objects.create(
            number=format_number(year, sequence),
            year=year,
            sequence=sequence,
            payment=payment,
            amount_cents=amount,
            payment_method=METHOD_LABELS.get(payment.method, "Autre"),
            gift_date=timezone.localdate(paid_at),
            **_snapshot(donor),
        )
        _attach_pdf(receipt)
        queue_receipt_email(receipt)
    return receipt


def cancel_receipts_for_payment(payment, reason):
    """Mark the payment's valid receipts cancelled (kept, never deleted) after a refund.

    Covers its own receipt, its duplicates and any yearly summary that includes it.
    Returns how many receipts were cancelled now (0 on a second call).
    """
    ids = list(_valid_receipts_of([payment.pk]).values_list("pk", flat=True).distinct())
    if not ids:
        return 0
    return Receipt.objects.filter(pk__in=ids, cancelled_at__isnull=True).update(
        cancelled_at=timezone.now(), cancellation_reason=str(reason)[:200]
    )


def issue_duplicate(receipt):
    """A reissue of a valid receipt: same number with "-D<n>", same content, "DUPLICATA".

    Raises ValueError for a cancelled receipt (a cancelled receipt is not reissued).
    """
    original = receipt.duplicate_of or receipt
    with transaction.atomic():
        # Locking the original serializes two duplicate requests (their numbers differ).
        original = Receipt.objects.select_for_update().get(pk=original.pk)
        if original.is_cancelled:
            raise ValueError("A cancelled receipt cannot be reissued.")
        rank = original.duplicates.count() + 1
        duplicate = Receipt.objects.create(
            number=f"{original.number}-D{rank}",
            year=original.year,
            sequence=original.sequence,
            kind=original.kind,
            donor_id=original.donor_id,
            payment_id=original.payment_id,
            is_summary=original.is_summary,
            duplicate_of=original,
            amount_cents=original.amount_cents,
            donor_name=original.donor_name,
            donor_legal_form=original.donor_legal_form,
            donor_siren=original.donor_siren,
            donor_address=original.donor_address,
            donor_email=original.donor_email,
            payment_method=original.payment_method,
            gift_date=original.gift_date,
            period_start=original.period_start,
            period_end=original.period_end,
        )
        if original.is_summary:
            duplicate.payments.set(original.payments.all())
        _attach_pdf(duplicate)
        queue_receipt_email(duplicate)
    return duplicate


def issue_yearly_summary(donor, year):
    """One receipt for the donor's monthly payments of `year` that have no valid receipt.

    Covers the succeeded payments of the donor's monthly donations paid in that (local)
    year, each for its amount net of the refunds recorded so far (a fully refunded payment
    is left out), whatever the donor's preference: a payment without a valid receipt is
    due one. Returns the new summary receipt, or None when nothing is left to cover (every
    payment already has its receipt: calling it again is harmless).
    """
    with transaction.atomic():
        donor = Donor.objects.get(pk=donor.pk)
        settings = ReceiptSettings.current()
        if not settings.eligible_for(donor.kind):
            return None
        # Locked (no aggregate here: PostgreSQL refuses FOR UPDATE with GROUP BY) so that
        # a single receipt cannot be issued for one of them while the summary is made.
        payments = list(
            Payment.objects.select_for_update()
            .filter(
                donation__donor=donor,
                donation__frequency=DonationFrequency.MONTHLY,
                status=PaymentStatus.SUCCEEDED,
                paid_at__year=year,
            )
            .order_by("paid_at", "pk")
        )
        ids = [p.pk for p in payments]
        covered = set(
            Receipt.objects.filter(payment_id__in=ids, cancelled_at__isnull=True).values_list(
                "payment_id", flat=True
            )
        ) | set(
            Receipt.payments.through.objects.filter(
                payment_id__in=ids, receipt__cancelled_at__isnull=True
            ).values_list("payment_id", flat=True)
        )
        refunded = dict(
            Refund.objects.filter(payment_id__in=ids)
            .values("payment_id")
            .annotate(total=Sum("amount_cents"))
            .values_list("payment_id", "total")
        )
        net = {p.pk: p.amount_cents - refunded.get(p.pk, 0) for p in payments}
        payments = [p for p in payments if p.pk not in covered and net[p.pk] > 0]
        if not payments:
            return None
        issue_year = timezone.localdate().year
        sequence = ReceiptSequence.next_number(issue_year)
        methods = []
        for payment in payments:
            label = METHOD_LABELS.get(payment.method, "Autre")
            if label not in methods:
                methods.append(label)
        receipt = Receipt.objects.create(
            number=format_number(issue_year, sequence),
            year=issue_year,
            sequence=sequence,
            is_summary=True,
            amount_cents=sum(net[p.pk] for p in payments),
            payment_method=", ".join(methods),
            period_start=timezone.localdate(payments[0].paid_at),
            period_end=timezone.localdate(payments[-1].paid_at),
            **_snapshot(donor),
        )
        receipt.payments.set(payments)
        _attach_pdf(receipt)
        queue_receipt_email(receipt)
    return receipt


def queue_receipt_email(receipt):
    """Queue (django-mailer) the receipt e-mail with its PDF once the transaction commits."""
    transaction.on_commit(lambda: send_receipt_email(receipt.pk))


def send_receipt_email(receipt_id):
    receipt = Receipt.objects.filter(pk=receipt_id).first()
    if receipt is None or not receipt.pdf or receipt.is_cancelled:
        return False
    context = {"receipt": receipt, "settings": ReceiptSettings.current()}
    subject = render_to_string("donations/emails/receipt_subject.txt", context).strip()
    body = render_to_string("donations/emails/receipt_body.txt", context)
    message = EmailMessage(subject=" ".join(subject.split()), body=body, to=[receipt.donor_email])
    with receipt.pdf.open("rb") as handle:
        message.attach(f"recu-fiscal-{receipt.number}.pdf", handle.read(), "application/pdf")
    message.send()  # django-mailer: queued in the database, sent (and retried) by its worker
    Receipt.objects.filter(pk=receipt.pk).update(emailed_at=timezone.now())
    return True
