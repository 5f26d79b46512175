"""The association's identity as printed on its tax receipts (a Wagtail site setting)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="doc-full")
class ReceiptSettings(BaseSiteSetting):
    """Who issues the tax receipts: identity, status, eligibility and signature.

    Every receipt PDF prints these mentions; a change applies to receipts issued
    afterwards (an issued receipt's PDF is never regenerated).
    """

    legal_name = models.CharField(
        _("dénomination de l'association"),
        max_length=200,
        default="Association LinkedOut",
        help_text=_("Le nom exact déclaré en préfecture, tel qu'il doit figurer sur les reçus."),
    )
    address = models.TextField(
        _("adresse du siège"),
        default="12 rue de l'Exemple\n75011 Paris",
        help_text=_("Une ligne par ligne d'adresse."),
    )
    purpose = models.TextField(
        _("objet"),
        default=(
            "Favoriser le retour à l'emploi des personnes en situation de précarité en "
            "mobilisant les réseaux des citoyens et des entreprises."
        ),
        help_text=_("L'objet de l'association, tel qu'il figure dans ses statuts."),
    )
    legal_status = models.TextField(
        _("statut"),
        default=(
            "Association d'intérêt général régie par la loi du 1er juillet 1901, "
            "déclarée en préfecture de Paris."
        ),
        help_text=_(
            "Par exemple « association d'intérêt général, loi 1901 » ou « association "
            "reconnue d'utilité publique par décret du … »."
        ),
    )
    registration_number = models.CharField(
        _("numéro RNA ou SIREN"),
        max_length=40,
        default="RNA W751234567",
        help_text=_("Le numéro d'enregistrement de l'association (RNA, SIREN ou SIRET)."),
    )
    eligible_238_bis = models.BooleanField(
        _("reçus aux entreprises (article 238 bis du CGI)"),
        default=True,
        help_text=_(
            "Cochez si les dons des entreprises ouvrent droit à la réduction d'impôt de "
            "l'article 238 bis. Décoché, aucun reçu n'est émis pour une entreprise."
        ),
    )
    eligible_200 = models.BooleanField(
        _("reçus aux particuliers (article 200 du CGI)"),
        default=True,
        help_text=_(
            "Cochez si les dons des particuliers ouvrent droit à la réduction d'impôt de "
            "l'article 200. Décoché, aucun reçu n'est émis pour un particulier."
        ),
    )
    signatory_name = models.CharField(
        _("nom du signataire"),
        max_length=120,
        default="Claire Martin",
        help_text=_("Une personne habilitée à signer les reçus (présidence, trésorerie…)."),
    )
    signatory_role = models.CharField(
        _("qualité du signataire"),
        max_length=120,
        default="Présidente",
        help_text=_("Sa fonction dans l'association, imprimée sous la signature."),
    )
    signature = models.ForeignKey(
        "home.SiteImage",
        verbose_name=_("image de la signature"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Une signature scannée sur fond blanc (PNG ou JPEG). Facultative."),
    )
    place = models.CharField(
        _("lieu de signature"),
        max_length=80,
        default="Paris",
        help_text=_("Imprimé « Fait à … » au bas du reçu."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("legal_name"),
                FieldPanel("address"),
                FieldPanel("purpose"),
                FieldPanel("legal_status"),
                FieldPanel("registration_number"),
            ],
            heading=_("Identité de l'association"),
        ),
        MultiFieldPanel(
            [FieldPanel("eligible_238_bis"), FieldPanel("eligible_200")],
            heading=_("Réductions d'impôt"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_role"),
                FieldPanel("signature"),
                FieldPanel("place"),
            ],
            heading=_("Signature"),
        ),
    ]

    class Meta:
        verbose_name = _("reçus fiscaux")

    @classmethod
    def current(cls):
        """The default site's settings (unsaved defaults when there is no site yet)."""
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return cls()
        return cls.for_site(site)

    def eligible_for(self, donor_kind):
        from .ledger import DonorKind

        if donor_kind == DonorKind.COMPANY:
            return self.eligible_238_bis
        return self.eligible_200
