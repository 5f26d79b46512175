"""How partners are listed on the site: grouped by tier then kind, with their pages' links.

Each function costs a fixed number of queries whatever the number of partners.
"""

import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .models import Partner, PartnerKind, PartnerTier
from .templatetags.partner_tags import DEFAULT_LOGO_SIZE

KIND_ORDER = {kind.value: position for position, kind in enumerate(PartnerKind)}
OTHER_PARTNERS_HEADING = _("Autres partenaires")


def name_sort_key(name):
    """Alphabetical the way a French reader expects: accents and case ignored."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def partner_sort_key(partner):
    """Tier order (partners without a tier last), then kind, then name."""
    tier = partner.tier
    return (
        tier is None,
        tier.sort_order if tier else 0,
        name_sort_key(tier.name) if tier else "",
        tier.pk if tier else 0,
        KIND_ORDER.get(partner.kind, len(KIND_ORDER)),
        name_sort_key(partner.name),
        partner.pk,
    )


@dataclass
class KindGroup:
    kind: str
    label: str
    partners: list = field(default_factory=list)


@dataclass
class TierGroup:
    """One tier's partners, by kind; `tier` is None for the partners without one."""

    tier: PartnerTier | None
    heading: str
    logo_size: int
    kinds: list = field(default_factory=list)

    @property
    def partners(self):
        return [partner for group in self.kinds for partner in group.partners]


def group_by_tier_and_kind(partners):
    """TierGroups in tier order, each holding KindGroups in the kinds' order."""
    groups = []
    for partner in sorted(partners, key=partner_sort_key):
        tier = partner.tier
        if not groups or groups[-1].tier != tier:
            groups.append(
                TierGroup(
                    tier=tier,
                    heading=tier.name if tier else OTHER_PARTNERS_HEADING,
                    logo_size=tier.logo_size if tier else DEFAULT_LOGO_SIZE,
                )
            )
        kinds = groups[-1].kinds
        if not kinds or kinds[-1].kind != partner.kind:
            kinds.append(KindGroup(kind=partner.kind, label=partner.get_kind_display()))
        kinds[-1].partners.append(partner)
    return groups


def attach_page_urls(partners, request=None):
    """Set `partner.page_url` to the address of its live PartnerPage, or None (one query)."""
    from .models import PartnerPage

    partners = list(partners)
    ids = {partner.pk for partner in partners}
    urls = {}
    if ids:
        pages = (
            PartnerPage.objects.live()
            .filter(partner_id__in=ids)
            .defer("story", "quotes")
            .order_by("path")
        )
        for page in pages:
            urls.setdefault(page.partner_id, page.get_url(request=request))
    for partner in partners:
        partner.page_url = urls.get(partner.pk)
    return partners


def active_partners():
    """Active partners with tier, logos and renditions, in display order (3 queries)."""
    return Partner.objects.active().for_display()
