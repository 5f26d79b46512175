"""Issue the yearly summary receipts of monthly donors (cron, in January).

For the given year (the previous calendar year by default), every donor with monthly
payments that still have no valid receipt gets one summary covering them: the donors who
chose a single yearly receipt, and any payment left without a receipt (a donor who
switched back to monthly receipts during the year, a receipt not issued at the time...).
Safe to run again: payments already covered are never receipted twice, so a second run
issues nothing new.
"""

import logging

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Exists, OuterRef
from django.utils import timezone

from donations import receipts
from donations.models import (
    DonationFrequency,
    Donor,
    Payment,
    PaymentStatus,
    Receipt,
    ReceiptSettings,
)

logger = logging.getLogger(__name__)


def donors_with_uncovered_payments(year):
    """Donors whose monthly payments of `year` include at least one without a valid receipt."""
    valid_single = Receipt.objects.filter(payment=OuterRef("pk"), cancelled_at__isnull=True)
    valid_summary = Receipt.payments.through.objects.filter(
        payment=OuterRef("pk"), receipt__cancelled_at__isnull=True
    )
    payments = (
        Payment.objects.filter(
            donation__frequency=DonationFrequency.MONTHLY,
            status=PaymentStatus.SUCCEEDED,
            paid_at__year=year,
        )
        .exclude(Exists(valid_single))
        .exclude(Exists(valid_summary))
    )
    return Donor.objects.filter(pk__in=payments.values("donation__donor_id")).order_by("pk")


class Command(BaseCommand):
    help = (
        "Établit les reçus fiscaux récapitulatifs annuels des dons mensuels (par défaut "
        "pour l'année précédente). Peut être relancée sans risque."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year",
            type=int,
            default=None,
            help="Année des paiements couverts (par défaut : l'année civile précédente).",
        )

    def handle(self, *args, year=None, **options):
        today = timezone.localdate()
        if year is None:
            year = today.year - 1
        if not 2000 <= year <= today.year:
            raise CommandError(f"Année invalide : {year}.")
        settings = ReceiptSettings.current()
        issued = skipped = failures = 0
        for donor in donors_with_uncovered_payments(year):
            if not settings.eligible_for(donor.kind):
                skipped += 1
                continue
            try:
                receipt = receipts.issue_yearly_summary(donor, year)
            except Exception:
                failures += 1
                logger.exception("Yearly summary %s failed for donor %s", year, donor.pk)
                continue
            if receipt is not None:
                issued += 1
        self.stdout.write(f"{issued} reçu(s) récapitulatif(s) émis pour {year}.")
        if skipped:
            self.stderr.write(
                f"{skipped} donateur(s) sans reçu : l'association n'est pas déclarée "
                "éligible pour ce type de donateur (paramètres des reçus fiscaux)."
            )
        if failures:
            raise CommandError(f"{failures} reçu(s) récapitulatif(s) n'ont pas pu être établis.")
