"""Blocks that thank partners and supporters; usable on the home, campaign and content pages.

Each block renders with its own template under templates/partners/blocks/.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class PartnerStripBlock(blocks.StructBlock):
    """A row of partner logos: every active partner, one tier, this campaign's, or picked."""

    heading = blocks.CharBlock(
        label=_("titre"), required=False, max_length=120, default=_("Nos partenaires")
    )
    selection = blocks.ChoiceBlock(
        label=_("partenaires affichés"),
        choices=[
            ("all", _("tous les partenaires actifs")),
            ("tier", _("un niveau de partenariat")),
            ("campaign", _("ceux qui financent la campagne de cette page")),
            ("picked", _("choisis à la main")),
        ],
        default="all",
    )
    tier = SnippetChooserBlock(
        "partners.PartnerTier",
        label=_("niveau"),
        required=False,
        help_text=_("Pour « un niveau de partenariat » seulement."),
    )
    partners = blocks.ListBlock(
        SnippetChooserBlock("partners.Partner"),
        label=_("partenaires choisis"),
        required=False,
        max_num=40,
        help_text=_("Pour « choisis à la main » : l'ordre choisi ici est respecté."),
    )
    monochrome = blocks.BooleanBlock(
        label=_("logos monochromes"),
        required=False,
        help_text=_("Utilise la version monochrome des logos, pour un bandeau plus discret."),
    )

    class Meta:
        icon = "group"
        label = _("bandeau de logos partenaires")
        template = "partners/blocks/partner_strip.html"


class TestimonyBlock(blocks.StructBlock):
    """A partner's testimony, as written in the partner's record."""

    partner = SnippetChooserBlock(
        "partners.Partner",
        label=_("partenaire"),
        help_text=_("Le témoignage saisi dans la fiche du partenaire s'affiche, avec son logo."),
    )

    class Meta:
        icon = "openquote"
        label = _("témoignage d'un partenaire")
        template = "partners/blocks/testimony.html"


class SupportersWallBlock(blocks.StructBlock):
    """The donors who asked to be thanked publicly, once staff have approved them."""

    heading = blocks.CharBlock(label=_("titre"), max_length=120, default=_("Ils nous soutiennent"))
    text = blocks.TextBlock(label=_("texte"), required=False, max_length=400)
    limit = blocks.IntegerBlock(
        label=_("nombre maximum de soutiens"),
        required=False,
        min_value=1,
        max_value=1000,
        help_text=_("Laissez vide pour afficher tous les soutiens validés."),
    )

    class Meta:
        icon = "pick"
        label = _("mur des soutiens")
        template = "partners/blocks/supporters_wall.html"
