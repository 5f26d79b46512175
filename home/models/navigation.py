"""Menus and footer, edited by staff as a site setting."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from ..blocks import FooterColumnBlock, MenuLinkBlock


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The main menu, the footer's columns and its legal links."""

    main_menu = StreamField(
        [("link", MenuLinkBlock())],
        blank=True,
        max_num=7,
        verbose_name=_("menu principal"),
        help_text=_(
            "Les liens de l'en-tête, dans l'ordre. Laissé vide : candidats, proposer un "
            "emploi, faire un don."
        ),
    )
    footer_columns = StreamField(
        [("column", FooterColumnBlock())],
        blank=True,
        max_num=4,
        verbose_name=_("colonnes du pied de page"),
    )
    legal_links = StreamField(
        [("link", MenuLinkBlock())],
        blank=True,
        max_num=6,
        verbose_name=_("liens légaux"),
        help_text=_("Mentions légales, confidentialité… en bas de chaque page."),
    )

    panels = [FieldPanel("main_menu"), FieldPanel("footer_columns"), FieldPanel("legal_links")]

    class Meta:
        verbose_name = _("menus et pied de page")
