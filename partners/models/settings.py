"""What staff decide about the supporters wall."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="group")
class SupportersWallSettings(BaseSiteSetting):
    """Rules of the supporters wall: when a company's logo shows, whether amounts do."""

    logo_threshold = models.PositiveIntegerField(
        _("seuil d'affichage du logo (euros)"),
        default=1000,
        help_text=_(
            "Le logo d'une entreprise s'affiche sur le mur quand le total de ses dons "
            "(remboursements déduits) atteint ce montant ; en dessous, son nom seul."
        ),
    )
    show_amounts = models.BooleanField(
        _("afficher les montants"),
        default=False,
        help_text=_("Par défaut les montants donnés restent privés."),
    )

    panels = [FieldPanel("logo_threshold"), FieldPanel("show_amounts")]

    class Meta:
        verbose_name = _("mur des soutiens")
