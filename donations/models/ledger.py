"""The money ledger: Donor → Donation (the intent) → Payment (each movement) → Refund, Dispute."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


class DonorKind(models.TextChoices):
    COMPANY = "company", _("Entreprise")
    INDIVIDUAL = "individual", _("Particulier")


class Donor(models.Model):
    """Who gives: a company or a person, with the details their tax receipts need.

    The details here are the current ones, used for future receipts; every receipt keeps
    its own copy of them, so changing them never alters a receipt already issued.
    """

    kind = models.CharField(_("type de donateur"), max_length=12, choices=DonorKind.choices)
    email = models.EmailField(_("e-mail"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="donors",
        help_text=_("Rattaché quand le donateur a vérifié cette adresse e-mail dans son espace."),
    )
    # Company
    legal_name = models.CharField(_("raison sociale"), max_length=200, blank=True)
    legal_form = models.CharField(_("forme juridique"), max_length=60, blank=True)
    siret = models.CharField(
        _("SIREN ou SIRET"),
        max_length=14,
        blank=True,
        help_text=_("9 chiffres (SIREN) ou 14 chiffres (SIRET), sans espaces."),
    )
    contact_name = models.CharField(_("nom du contact"), max_length=200, blank=True)
    # Person
    first_name = models.CharField(_("prénom"), max_length=100, blank=True)
    last_name = models.CharField(_("nom"), max_length=100, blank=True)
    # Postal address (both kinds: the receipt needs it)
    address_line1 = models.CharField(_("adresse"), max_length=200, blank=True)
    address_line2 = models.CharField(_("complément d'adresse"), max_length=200, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=10, blank=True)
    city = models.CharField(_("ville"), max_length=100, blank=True)
    country = models.CharField(_("pays"), max_length=2, default="FR")
    # Supporters wall and newsletter
    show_on_wall = models.BooleanField(
        _("apparaître sur le mur des soutiens"),
        default=False,
        help_text=_("Le donateur accepte que son nom d'affichage soit publié."),
    )
    display_name = models.CharField(
        _("nom affiché"),
        max_length=120,
        blank=True,
        help_text=_("Nom montré sur le mur des soutiens (distinct de la raison sociale)."),
    )
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    wall_approved = models.BooleanField(
        _("validé pour le mur"),
        default=False,
        help_text=_("L'équipe a vérifié le nom et le logo avant leur publication."),
    )
    newsletter = models.BooleanField(_("inscrit à la lettre d'information"), default=False)
    yearly_receipt = models.BooleanField(
        _("un seul reçu fiscal par an pour les dons mensuels"),
        default=False,
        help_text=_(
            "Les paiements mensuels ne reçoivent pas chacun un reçu : un reçu récapitulatif "
            "de l'année est établi en janvier. Les dons ponctuels gardent leur propre reçu. "
            "Un changement vaut pour les paiements suivants."
        ),
    )
    stripe_customer_id = models.CharField(max_length=255, blank=True, db_index=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("donateur")
        verbose_name_plural = _("donateurs")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name or self.email

    @property
    def is_company(self):
        return self.kind == DonorKind.COMPANY

    @property
    def name(self):
        """The legal name for a company, the full name for a person (receipts use it)."""
        if self.is_company:
            return self.legal_name
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def siren(self):
        return self.siret[:9]

    @property
    def address_lines(self):
        lines = [self.address_line1, self.address_line2, f"{self.postal_code} {self.city}".strip()]
        if self.country and self.country != "FR":
            lines.append(self.country)
        return [line for line in lines if line]


class DonationFrequency(models.TextChoices):
    ONCE = "once", _("Ponctuel")
    MONTHLY = "monthly", _("Mensuel")


class DonationStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    CONFIRMED = "confirmed", _("Confirmé")
    FAILED = "failed", _("Échoué")
    EXPIRED = "expired", _("Abandonné")
    ACTIVE = "active", _("Mensuel actif")
    PAST_DUE = "past_due", _("Mensuel en défaut de paiement")
    CANCELED = "canceled", _("Mensuel arrêté")


class Donation(models.Model):
    """A donor's intent to give: once, or every month until they stop.

    The money itself is in its payments: a one-off donation has at most one successful
    payment, a monthly one a payment per invoice paid.
    """

    # Ledger rows are not content: Wagtail's reference index ("usage" of pages and images)
    # gains nothing from them, and updating it costs several queries on every webhook.
    wagtail_reference_index_ignore = True

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    donor = models.ForeignKey(
        Donor, verbose_name=_("donateur"), on_delete=models.PROTECT, related_name="donations"
    )
    amount_cents = models.PositiveIntegerField(_("montant (centimes)"))
    currency = models.CharField(max_length=3, default="eur")
    frequency = models.CharField(_("fréquence"), max_length=10, choices=DonationFrequency.choices)
    status = models.CharField(
        _("état"),
        max_length=12,
        choices=DonationStatus.choices,
        default=DonationStatus.PENDING,
        db_index=True,
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page de don"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    campaign = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("campagne"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Sent as the Idempotency-Key of the Checkout Session creation: a retried request
    # (double click, network error) never opens a second session for the same donation.
    idempotency_key = models.UUIDField(default=uuid.uuid4, editable=False)
    stripe_checkout_session_id = models.CharField(
        max_length=255, unique=True, null=True, blank=True
    )
    stripe_subscription_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    canceled_at = models.DateTimeField(_("arrêté le"), null=True, blank=True)

    class Meta:
        verbose_name = _("don")
        verbose_name_plural = _("dons")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.donor} · {self.amount_cents / 100:.2f} € · {self.get_frequency_display()}"

    @property
    def amount(self):
        return self.amount_cents / 100

    @property
    def is_monthly(self):
        return self.frequency == DonationFrequency.MONTHLY


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("En cours")  # SEPA debits take days to succeed or fail
    SUCCEEDED = "succeeded", _("Réussi")
    FAILED = "failed", _("Échoué")


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Carte bancaire")
    SEPA_DEBIT = "sepa_debit", _("Prélèvement SEPA")
    OTHER = "other", _("Autre")


class PaymentQuerySet(models.QuerySet):
    def succeeded(self):
        return self.filter(status=PaymentStatus.SUCCEEDED)

    def with_net(self):
        """Annotate refunded_cents and net_cents (amount minus refunds)."""
        refunded = Coalesce(Sum("refunds__amount_cents"), 0)
        return self.annotate(refunded_cents=refunded).annotate(
            net_cents=models.F("amount_cents") - models.F("refunded_cents")
        )

    def net_total_cents(self):
        """Money kept: successful payments minus everything refunded on them."""
        paid = self.succeeded().aggregate(total=Coalesce(Sum("amount_cents"), 0))["total"]
        refunded = Refund.objects.filter(payment__in=self.succeeded()).aggregate(
            total=Coalesce(Sum("amount_cents"), 0)
        )["total"]
        return paid - refunded


class Payment(models.Model):
    """One movement of money for a donation: the one-off payment or one monthly invoice.

    Stripe identifiers are unique, so the same payment can never be recorded twice,
    whichever events (or sync_stripe) report it and in whatever order.
    """

    # Ledger rows are not content: Wagtail's reference index ("usage" of pages and images)
    # gains nothing from them, and updating it costs several queries on every webhook.
    wagtail_reference_index_ignore = True

    donation = models.ForeignKey(
        Donation, verbose_name=_("don"), on_delete=models.PROTECT, related_name="payments"
    )
    amount_cents = models.PositiveIntegerField(_("montant (centimes)"))
    currency = models.CharField(max_length=3, default="eur")
    status = models.CharField(
        _("état"),
        max_length=10,
        choices=PaymentStatus.choices,
        default=PaymentStatus.PENDING,
        db_index=True,
    )
    method = models.CharField(
        _("moyen de paiement"),
        max_length=12,
        choices=PaymentMethod.choices,
        default=PaymentMethod.CARD,
    )
    stripe_payment_intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_charge_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_invoice_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    paid_at = models.DateTimeField(_("payé le"), null=True, blank=True, db_index=True)
    failure_message = models.CharField(_("motif de l'échec"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("enregistré le"), auto_now_add=True)

    objects = PaymentQuerySet.as_manager()

    class Meta:
        verbose_name = _("paiement")
        verbose_name_plural = _("paiements")
        ordering = ["-paid_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stripe_payment_intent_id__isnull=False)
                | Q(stripe_invoice_id__isnull=False)
                | Q(stripe_charge_id__isnull=False),
                name="payment_has_a_stripe_reference",
            )
        ]

    def __str__(self):
        return f"{self.amount_cents / 100:.2f} € · {self.get_status_display()}"

    @property
    def amount(self):
        return self.amount_cents / 100


class Refund(models.Model):
    """Money given back on a payment (whole or part); its receipt is then cancelled."""

    # Ledger rows are not content: Wagtail's reference index ("usage" of pages and images)
    # gains nothing from them, and updating it costs several queries on every webhook.
    wagtail_reference_index_ignore = True

    payment = models.ForeignKey(
        Payment, verbose_name=_("paiement"), on_delete=models.PROTECT, related_name="refunds"
    )
    stripe_refund_id = models.CharField(max_length=255, unique=True)
    amount_cents = models.PositiveIntegerField(_("montant remboursé (centimes)"))
    reason = models.CharField(_("motif"), max_length=100, blank=True)
    refunded_at = models.DateTimeField(_("remboursé le"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("remboursement")
        verbose_name_plural = _("remboursements")
        ordering = ["-refunded_at"]

    def __str__(self):
        return f"−{self.amount_cents / 100:.2f} €"


class Dispute(models.Model):
    """A chargeback opened by the payer's bank on a payment."""

    # Ledger rows are not content: Wagtail's reference index ("usage" of pages and images)
    # gains nothing from them, and updating it costs several queries on every webhook.
    wagtail_reference_index_ignore = True

    payment = models.ForeignKey(
        Payment, verbose_name=_("paiement"), on_delete=models.PROTECT, related_name="disputes"
    )
    stripe_dispute_id = models.CharField(max_length=255, unique=True)
    amount_cents = models.PositiveIntegerField(_("montant contesté (centimes)"))
    reason = models.CharField(_("motif"), max_length=100, blank=True)
    status = models.CharField(_("état"), max_length=40, blank=True)
    opened_at = models.DateTimeField(_("ouvert le"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("litige")
        verbose_name_plural = _("litiges")
        ordering = ["-opened_at"]

    def __str__(self):
        return f"{self.stripe_dispute_id} ({self.status})"


class StripeEvent(models.Model):
    """Each Stripe event, stored once by its id: the webhook's idempotency record."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100, db_index=True)
    created = models.DateTimeField(help_text="When Stripe created the event.")
    livemode = models.BooleanField(default=False)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=20, default="webhook")  # webhook or sync
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("événement Stripe")
        verbose_name_plural = _("événements Stripe")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.type} {self.event_id}"
