"""Tax receipts (reçus fiscaux): numbered without gaps per year, never edited or deleted."""

import uuid

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class ReceiptKind(models.TextChoices):
    # Article 238 bis CGI, model 2041-MEC-SD (cerfa n° 16216)
    COMPANY = "company", _("Entreprise (art. 238 bis CGI, cerfa n° 16216)")
    # Article 200 CGI, cerfa n° 11580
    INDIVIDUAL = "individual", _("Particulier (art. 200 CGI, cerfa n° 11580)")


def receipt_upload_to(instance, filename):
    # A random name: the donor's identity never appears in a media URL.
    return f"receipts/{instance.year}/{uuid.uuid4().hex}.pdf"


class ReceiptSequence(models.Model):
    """The last receipt number used in a year; incremented under a row lock."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("séquence de reçus")

    def __str__(self):
        return f"{self.year}: {self.last_number}"

    @classmethod
    def next_number(cls, year):
        """Take the next number of `year`; call inside the transaction that saves the receipt.

        The row lock makes concurrent payments wait for each other, and a rolled-back
        receipt gives its number back, so numbers have neither gaps nor duplicates.
        """
        assert transaction.get_connection().in_atomic_block, "next_number needs a transaction"
        cls.objects.get_or_create(year=year)
        sequence = cls.objects.select_for_update().get(year=year)
        sequence.last_number += 1
        sequence.save(update_fields=["last_number"])
        return sequence.last_number


class Receipt(models.Model):
    """A tax receipt as issued: its own copy of the donor's details, amount and dates.

    Immutable once issued. A refunded payment's receipt is cancelled (marked, kept); a
    reissue is a new row marked as a duplicate of the original.
    """

    number = models.CharField(_("numéro"), max_length=20, unique=True)
    year = models.PositiveIntegerField(_("année"))
    sequence = models.PositiveIntegerField(_("rang dans l'année"))
    kind = models.CharField(_("modèle"), max_length=12, choices=ReceiptKind.choices)
    donor = models.ForeignKey(
        "donations.Donor",
        verbose_name=_("donateur"),
        on_delete=models.PROTECT,
        related_name="receipts",
    )
    payment = models.ForeignKey(
        "donations.Payment",
        verbose_name=_("paiement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="receipts",
        help_text=_("Vide pour un reçu récapitulatif annuel."),
    )
    payments = models.ManyToManyField(
        "donations.Payment",
        verbose_name=_("paiements couverts"),
        related_name="summary_receipts",
        blank=True,
    )
    is_summary = models.BooleanField(_("reçu récapitulatif annuel"), default=False)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicata de"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    amount_cents = models.PositiveIntegerField(_("montant (centimes)"))
    # The donor's details as printed on the receipt
    donor_name = models.CharField(_("nom ou raison sociale"), max_length=200)
    donor_legal_form = models.CharField(_("forme juridique"), max_length=60, blank=True)
    donor_siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    donor_address = models.TextField(_("adresse"))
    donor_email = models.EmailField(_("e-mail"))
    payment_method = models.CharField(_("mode de versement"), max_length=60)
    gift_date = models.DateField(_("date du don"), null=True, blank=True)
    period_start = models.DateField(_("début de période"), null=True, blank=True)
    period_end = models.DateField(_("fin de période"), null=True, blank=True)
    issued_at = models.DateTimeField(_("émis le"), auto_now_add=True)
    pdf = models.FileField(_("PDF"), upload_to=receipt_upload_to, blank=True)
    emailed_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulé le"), null=True, blank=True)
    cancellation_reason = models.CharField(_("motif d'annulation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("reçu fiscal")
        verbose_name_plural = _("reçus fiscaux")
        ordering = ["-year", "-sequence"]
        constraints = [
            # A duplicate reproduces its original's year and rank (numbered "…-D1").
            models.UniqueConstraint(
                fields=["year", "sequence"],
                condition=models.Q(duplicate_of__isnull=True),
                name="receipt_unique_sequence",
            ),
            # One valid original receipt per payment (a partial refund cancels it and a
            # corrected one follows); duplicates and summaries are apart.
            models.UniqueConstraint(
                fields=["payment"],
                condition=models.Q(
                    duplicate_of__isnull=True, is_summary=False, cancelled_at__isnull=True
                ),
                name="one_original_receipt_per_payment",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    @property
    def is_duplicate(self):
        return self.duplicate_of_id is not None
