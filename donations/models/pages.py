"""The donation page: editors set the amounts, frequencies and goal; visitors give."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from home.caching import CachedViewRestrictionsMixin
from home.models import SocialImageMixin

from ..blocks import PresetAmountBlock
from .ledger import DonationFrequency, Payment

PROGRESS_CACHE_SECONDS = 60
PROGRESS_CACHE_KEY = "donations:progress:v1:{kind}:{pk}"


class DonationPage(SocialImageMixin, CachedViewRestrictionsMixin, Page):
    """A page with the donation form, sending donors to Stripe Checkout to pay.

    Its form is handled by the page itself (see donations.views.serve_donation_page);
    responses are never cached because the form carries a CSRF token.
    """

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Pourquoi donner : quelques phrases au-dessus du formulaire."),
    )
    preset_amounts = StreamField(
        [("amount", PresetAmountBlock())],
        blank=True,
        verbose_name=_("montants proposés"),
        help_text=_(
            "Les montants proposés en un clic, avec ce qu'ils permettent. Le donateur "
            "peut toujours saisir un autre montant."
        ),
    )
    minimum_amount = models.PositiveIntegerField(
        _("montant minimum (euros)"),
        default=5,
        help_text=_("Le plus petit don accepté en ligne."),
    )
    maximum_amount = models.PositiveIntegerField(
        _("montant maximum (euros)"),
        default=10000,
        help_text=_(
            "Au-delà, le donateur est invité à vous contacter (virement, convention de mécénat)."
        ),
    )
    allow_once = models.BooleanField(
        _("don ponctuel"), default=True, help_text=_("Proposer un don en une fois.")
    )
    allow_monthly = models.BooleanField(
        _("don mensuel"),
        default=True,
        help_text=_("Proposer un don chaque mois, jusqu'à ce que le donateur l'arrête."),
    )
    campaign = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("campagne"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Facultatif : la campagne à laquelle les dons de cette page sont comptés."),
    )
    goal_amount = models.PositiveIntegerField(
        _("objectif de collecte (euros)"),
        null=True,
        blank=True,
        help_text=_(
            "Facultatif : affiche une barre de progression (dons reçus, remboursements déduits)."
        ),
    )
    thank_you_text = RichTextField(
        _("texte de remerciement"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Affiché sur la page de retour, après le paiement."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("preset_amounts"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("minimum_amount"), FieldPanel("maximum_amount")]),
                FieldRowPanel([FieldPanel("allow_once"), FieldPanel("allow_monthly")]),
            ],
            heading=_("Montants et fréquences"),
        ),
        MultiFieldPanel(
            [FieldPanel("campaign"), FieldPanel("goal_amount")],
            heading=_("Campagne et objectif"),
        ),
        FieldPanel("thank_you_text"),
    ]
    promote_panels = [*Page.promote_panels, *SocialImageMixin.social_panels]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("page de don")
        verbose_name_plural = _("pages de don")

    def clean(self):
        super().clean()
        errors = {}
        if not (self.allow_once or self.allow_monthly):
            errors["allow_monthly"] = _("Proposez au moins une fréquence de don.")
        if self.minimum_amount is not None and self.minimum_amount < 1:
            errors["minimum_amount"] = _("Le minimum doit être d'au moins 1 €.")
        if (
            self.minimum_amount is not None
            and self.maximum_amount is not None
            and self.maximum_amount < self.minimum_amount
        ):
            errors["maximum_amount"] = _("Le maximum doit être supérieur ou égal au minimum.")
        if errors:
            raise ValidationError(errors)

    # -- What the form offers --------------------------------------------------

    @property
    def frequencies(self):
        allowed = []
        if self.allow_once:
            allowed.append(DonationFrequency.ONCE)
        if self.allow_monthly:
            allowed.append(DonationFrequency.MONTHLY)
        return allowed or [DonationFrequency.ONCE]

    @property
    def presets(self):
        """The preset blocks whose amount lies within the page's limits, in order."""
        return [
            block.value
            for block in self.preset_amounts
            if self.minimum_amount <= block.value["amount"] <= self.maximum_amount
        ]

    # -- Progress toward the goal ------------------------------------------------

    def progress_cents(self):
        """Money kept (net of refunds) for the campaign, or for this page without one.

        Cached for a minute: a few seconds of delay on the bar is fine, one aggregate per
        visit is not.
        """
        if self.campaign_id:
            key = PROGRESS_CACHE_KEY.format(kind="campaign", pk=self.campaign_id)
            payments = Payment.objects.filter(donation__campaign_id=self.campaign_id)
        else:
            key = PROGRESS_CACHE_KEY.format(kind="page", pk=self.pk)
            payments = Payment.objects.filter(donation__page_id=self.pk)
        total = cache.get(key)
        if total is None:
            total = payments.net_total_cents()
            cache.set(key, total, PROGRESS_CACHE_SECONDS)
        return total

    def progress(self):
        """None without a goal; otherwise collected and goal in cents and a percentage."""
        if not self.goal_amount:
            return None
        collected = self.progress_cents()
        goal = self.goal_amount * 100
        return {
            "collected_cents": collected,
            "goal_cents": goal,
            "percent": min(100, round(collected * 100 / goal)) if goal else 0,
        }

    def serve(self, request, *args, **kwargs):
        from ..views import serve_donation_page

        return serve_donation_page(self, request)
