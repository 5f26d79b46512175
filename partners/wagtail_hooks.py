from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Partner, PartnerTier


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    list_display = ["name", "kind", "tier", "partner_since", "has_hired"]
    list_filter = ["kind", "tier", "has_hired"]
    search_fields = ["name"]


class PartnerTierViewSet(SnippetViewSet):
    model = PartnerTier
    icon = "order"
    list_display = ["name", "sort_order", "logo_size", "supporter_minimum_amount"]


class PartnersViewSetGroup(SnippetViewSetGroup):
    """Partners, their tiers and the partnership enquiries, under one "Partenaires" menu."""

    menu_label = _("Partenaires")
    menu_icon = "group"
    menu_order = 210
    items = (PartnerViewSet, PartnerTierViewSet)


register_snippet(PartnersViewSetGroup)
