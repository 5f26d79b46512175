from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .enquiry_admin import PartnershipEnquiryViewSet
from .models import Partner, PartnerTier


class LogoColumn(Column):
    """A small thumbnail of the partner's colour logo, to spot a missing or wrong one."""

    def get_value(self, instance):
        if not instance.logo_id:
            return None
        rendition = instance.logo.get_rendition("max-80x40|preserve-svg")
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="">',
            rendition.url,
            rendition.width,
            rendition.height,
        )


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    list_display = [
        "name",
        LogoColumn("logo", label=_("logo")),
        "kind",
        "tier",
        "partner_since",
        BooleanColumn("is_active", label=_("actif"), accessor=lambda partner: partner.is_active()),
        "has_hired",
    ]
    list_filter = ["kind", "tier", "has_hired"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return Partner.objects.select_related("tier", "logo").prefetch_related("logo__renditions")


class PartnerTierViewSet(SnippetViewSet):
    model = PartnerTier
    icon = "order"
    list_display = ["name", "sort_order", "logo_size", "supporter_minimum_amount"]


class PartnersViewSetGroup(SnippetViewSetGroup):
    """Partners, their tiers and the partnership enquiries, under one "Partenaires" menu."""

    menu_label = _("Partenaires")
    menu_icon = "group"
    menu_order = 210
    items = (PartnerViewSet, PartnerTierViewSet, PartnershipEnquiryViewSet)


register_snippet(PartnersViewSetGroup)
