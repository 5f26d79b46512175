"""Ledger rows for the donor space and finance admin tests (as the webhooks would write them)."""

import itertools
from datetime import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from donations.models import (
    Donation,
    DonationFrequency,
    DonationStatus,
    Donor,
    DonorKind,
    Payment,
    PaymentStatus,
    Receipt,
    Refund,
)

_numbers = itertools.count(1)


def make_donor(email="compta@boulangerie.example", kind=DonorKind.COMPANY, **fields):
    defaults = {
        "legal_name": "Boulangerie Martin",
        "legal_form": "SARL",
        "siret": "73282932000074",
        "contact_name": "Claire Martin",
        "address_line1": "12 rue des Lilas",
        "postal_code": "69003",
        "city": "Lyon",
    }
    if kind == DonorKind.INDIVIDUAL:
        defaults = {
            "first_name": "Paul",
            "last_name": "Durand",
            "address_line1": "3 place du Marché",
            "postal_code": "75011",
            "city": "Paris",
        }
    defaults.update(fields)
    return Donor.objects.create(kind=kind, email=email, **defaults)


def make_donation(donor, amount_cents=15_000, frequency=DonationFrequency.ONCE, **fields):
    fields.setdefault(
        "status",
        DonationStatus.ACTIVE
        if frequency == DonationFrequency.MONTHLY
        else DonationStatus.CONFIRMED,
    )
    return Donation.objects.create(
        donor=donor, amount_cents=amount_cents, frequency=frequency, **fields
    )


def make_payment(donation, amount_cents=None, paid_at=None, **fields):
    number = next(_numbers)
    fields.setdefault("status", PaymentStatus.SUCCEEDED)
    fields.setdefault("stripe_payment_intent_id", f"pi_test_{number}")
    return Payment.objects.create(
        donation=donation,
        amount_cents=amount_cents or donation.amount_cents,
        paid_at=paid_at or timezone.now(),
        **fields,
    )


def make_refund(payment, amount_cents, refunded_at=None):
    return Refund.objects.create(
        payment=payment,
        stripe_refund_id=f"re_test_{next(_numbers)}",
        amount_cents=amount_cents,
        refunded_at=refunded_at or timezone.now(),
    )


def make_receipt(payment, *, pdf_text="Recu fiscal", **fields):
    """A receipt row with a small PDF file (the receipts work renders the real one)."""
    donor = payment.donation.donor
    year = (payment.paid_at or timezone.now()).year
    sequence = Receipt.objects.filter(year=year).count() + 1
    receipt = Receipt(
        number=f"{year}-{sequence:06d}",
        year=year,
        sequence=sequence,
        kind=donor.kind,
        donor=donor,
        payment=payment,
        amount_cents=payment.amount_cents,
        donor_name=donor.name,
        donor_legal_form=donor.legal_form,
        donor_siren=donor.siren,
        donor_address="\n".join(donor.address_lines),
        donor_email=donor.email,
        payment_method="Carte bancaire",
        gift_date=(payment.paid_at or timezone.now()).date(),
        **fields,
    )
    pdf = b"%PDF-1.4\n% " + pdf_text.encode() + b"\n%%EOF\n"
    receipt.pdf.save("receipt.pdf", ContentFile(pdf), save=False)
    receipt.save()
    return receipt


def aware(year, month, day, hour=12):
    return timezone.make_aware(datetime(year, month, day, hour))
