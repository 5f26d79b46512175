"""The supporters wall: donors who asked to be thanked publicly, once staff approved them.

`supporters_wall()` computes the wall in a fixed number of queries whatever the number of
donors (the money kept by each donor is summed in SQL, in subqueries) and keeps it in the
cache; partners/signals.py forgets it when a donor, a payment, a refund, a tier or the
wall's settings change.

Only what the public may see leaves this module: the donor's display name (never their
legal or real name, e-mail or address), their tier, their logo when they are entitled to
one, and the amount only when staff chose to show amounts.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import F, Prefetch, Sum
from django.db.models.query import prefetch_related_objects
from wagtail.images.utils import to_svg_safe_spec
from wagtail.models import Site

from donations.amounts import format_euros_short
from donations.models import Donor, DonorKind, Payment, PaymentStatus, Refund

from .display import name_sort_key
from .models import PartnerTier, SupportersWallSettings

WALL_CACHE_KEY = "partners:supporters-wall:v1"
WALL_CACHE_SECONDS = 60 * 60 * 6
# The exact spec the template's {% image entry.logo max-480x96 preserve-svg %} asks for:
# twice the 48 px drawn height, for high-density screens; an SVG is served as drawn.
LOGO_FILTER_SPEC = "max-480x96|preserve-svg"


@dataclass(frozen=True)
class WallEntry:
    """One supporter as the public sees them."""

    name: str
    tier: PartnerTier | None
    logo: object | None = None  # a SiteImage, only for companies above the logo threshold
    amount_cents: int | None = None  # only when the settings show amounts

    @property
    def amount_label(self):
        return "" if self.amount_cents is None else format_euros_short(self.amount_cents)


def _wall_filter(prefix=""):
    """Opted in, approved, with a display name: `prefix` reaches the donor from a ledger row."""
    return {
        f"{prefix}show_on_wall": True,
        f"{prefix}wall_approved": True,
    }, {f"{prefix}display_name": ""}


def kept_cents_by_donor():
    """{donor id: succeeded payments minus what was refunded on them} for wall donors.

    Two grouped queries over the ledger, joined to the donors on the wall: computing the
    sums as correlated subqueries of the donor query made PostgreSQL evaluate them twice
    per donor and misjudge the join to the logos (150 ms on the bench's 5,000 donations).
    """
    include, exclude = _wall_filter("donation__donor__")
    paid = (
        Payment.objects.filter(status=PaymentStatus.SUCCEEDED, **include)
        .exclude(**exclude)
        .order_by()
        .values_list("donation__donor_id")
        .annotate(total=Sum("amount_cents"))
    )
    include, exclude = _wall_filter("payment__donation__donor__")
    refunded = (
        Refund.objects.filter(payment__status=PaymentStatus.SUCCEEDED, **include)
        .exclude(**exclude)
        .order_by()
        .values_list("payment__donation__donor_id")
        .annotate(total=Sum("amount_cents"))
    )
    kept = dict(paid)
    for donor_id, total in refunded:
        kept[donor_id] = kept.get(donor_id, 0) - total
    return kept


def wall_donors():
    """Opted-in, approved donors with a display name and money kept, `kept_cents` set.

    Only the columns the wall needs are read: nothing private is even loaded.
    """
    kept = kept_cents_by_donor()
    include, exclude = _wall_filter()
    donors = (
        Donor.objects.filter(**include)
        .exclude(**exclude)
        .select_related("logo")
        .only("pk", "kind", "display_name", "logo")
        .order_by()
    )
    on_wall = []
    for donor in donors:
        donor.kept_cents = kept.get(donor.pk, 0)
        if donor.kept_cents > 0:
            on_wall.append(donor)
    return on_wall


def tier_for(amount_cents, tiers):
    """The tier with the highest supporter minimum reached (`tiers` highest first)."""
    for tier in tiers:
        if tier.supporter_minimum_amount * 100 <= amount_cents:
            return tier
    return None


def _entry_sort_key(entry):
    tier = entry.tier
    return (
        tier is None,
        tier.sort_order if tier else 0,
        name_sort_key(tier.name) if tier else "",
        tier.pk if tier else 0,
        name_sort_key(entry.name),
        entry.name,
    )


def _wall_settings(site):
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return SupportersWallSettings()
    return SupportersWallSettings.for_site(site)


def _prepare_logos(images):
    """Load (or make, the first time) each logo's rendition now, so that rendering the
    cached wall costs no query: the renditions travel with the images in the cache."""
    if not images:
        return
    rendition_model = images[0].get_rendition_model()
    raster_spec = LOGO_FILTER_SPEC.replace("|preserve-svg", "")
    specs = {raster_spec, to_svg_safe_spec(raster_spec)}
    prefetch_related_objects(
        images,
        Prefetch("renditions", queryset=rendition_model.objects.filter(filter_spec__in=specs)),
    )
    for image in images:
        image.get_rendition(LOGO_FILTER_SPEC)


def compute_supporters_wall(site=None):
    """The wall's entries, uncached: tier order (supporters without a tier last), then name."""
    wall_settings = _wall_settings(site)
    tiers = list(
        PartnerTier.objects.filter(supporter_minimum_amount__isnull=False).order_by(
            F("supporter_minimum_amount").desc(), "sort_order", "pk"
        )
    )
    logo_threshold_cents = wall_settings.logo_threshold * 100
    entries = []
    for donor in wall_donors():
        name = donor.display_name.strip()
        if not name:
            continue
        kept = donor.kept_cents
        entitled_to_logo = (
            donor.kind == DonorKind.COMPANY and donor.logo_id and kept >= logo_threshold_cents
        )
        entries.append(
            WallEntry(
                name=name,
                tier=tier_for(kept, tiers),
                logo=donor.logo if entitled_to_logo else None,
                amount_cents=kept if wall_settings.show_amounts else None,
            )
        )
    entries.sort(key=_entry_sort_key)
    _prepare_logos([entry.logo for entry in entries if entry.logo is not None])
    return entries


def supporters_wall(site=None):
    """The wall's entries for `site` (the default site if None), from the cache if kept."""
    site_key = site.pk if site is not None else 0
    walls = cache.get(WALL_CACHE_KEY) or {}
    if site_key not in walls:
        walls = {**walls, site_key: compute_supporters_wall(site)}
        cache.set(WALL_CACHE_KEY, walls, WALL_CACHE_SECONDS)
    return walls[site_key]


def forget_supporters_wall():
    cache.delete(WALL_CACHE_KEY)
