"""Blocks that thank partners and supporters; usable on the home, campaign and content pages.

Each block renders with its own template under templates/partners/blocks/.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from home.fragment_cache import CachedRenderMixin


class PartnerStripBlock(CachedRenderMixin, blocks.StructBlock):
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

    def clean(self, value):
        value = super().clean(value)
        if value.get("selection") == "tier" and not value.get("tier"):
            raise blocks.StructBlockValidationError(
                block_errors={"tier": ValidationError(_("Choisissez le niveau à afficher."))}
            )
        if value.get("selection") == "picked" and not any(value.get("partners") or []):
            raise blocks.StructBlockValidationError(
                block_errors={"partners": ValidationError(_("Choisissez au moins un partenaire."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        page = (parent_context or {}).get("page")
        partners = self.selected_partners(value, page)
        from .display import attach_page_urls
        from .templatetags.partner_tags import DEFAULT_LOGO_SIZE

        for partner in attach_page_urls(partners, request):
            partner.strip_logo_size = partner.tier.logo_size if partner.tier else DEFAULT_LOGO_SIZE
        context["partners"] = partners
        return context

    @staticmethod
    def selected_partners(value, page=None):
        """The active partners the strip shows, in display order (or the picked order)."""
        from home.models import CampaignPage

        from .display import active_partners

        partners = active_partners()
        selection = value.get("selection")
        if selection == "tier" and value.get("tier"):
            return list(partners.filter(tier=value["tier"]))
        if selection == "campaign" and isinstance(page, CampaignPage):
            return list(partners.filter(funded_campaigns=page))
        if selection == "picked":
            picked_ids = [partner.pk for partner in value.get("partners") or [] if partner]
            found = {partner.pk: partner for partner in partners.filter(pk__in=picked_ids)}
            return [found[pk] for pk in dict.fromkeys(picked_ids) if pk in found]
        # "all", and "campaign" on a page that is not a campaign.
        return list(partners)


class TestimonyBlock(CachedRenderMixin, blocks.StructBlock):
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

    def get_context(self, value, parent_context=None):
        from .display import active_partners

        context = super().get_context(value, parent_context=parent_context)
        chosen = value.get("partner")
        # Fetched again with its logo; an inactive partner or one without testimony
        # makes the block render nothing.
        partner = active_partners().filter(pk=chosen.pk).first() if chosen else None
        context["partner"] = partner if partner and partner.has_testimony else None
        return context


class SupportersWallBlock(CachedRenderMixin, blocks.StructBlock):
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

    def get_context(self, value, parent_context=None):
        from wagtail.models import Site

        from .wall import supporters_wall

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        site = Site.find_for_request(request) if request is not None else None
        entries = supporters_wall(site)
        if value.get("limit"):
            entries = entries[: value["limit"]]
        context["tier_groups"] = group_wall_by_tier(entries)
        return context


def group_wall_by_tier(entries):
    """[{"tier", "heading", "entries"}] in the wall's order. Supporters without a tier come
    last, under "Et aussi" — or under no heading at all when no supporter has a tier."""
    groups = []
    for entry in entries:
        if not groups or groups[-1]["tier"] != entry.tier:
            heading = entry.tier.name if entry.tier else ""
            groups.append({"tier": entry.tier, "heading": heading, "entries": []})
        groups[-1]["entries"].append(entry)
    if groups and groups[-1]["tier"] is None:
        groups[-1]["heading"] = _("Et aussi") if len(groups) > 1 else ""
    return groups
