"""Partners, tiers and logos for the partners area's tests."""

import itertools
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage

_numbers = itertools.count(1)


def raster_logo(width=200, height=100, colour="#0d5c63", title=None):
    """A PNG logo of the given size, saved in the media library."""
    from home.models import SiteImage

    buffer = BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "PNG")
    number = next(_numbers)
    return SiteImage.objects.create(
        title=title or f"Logo {number}",
        file=ImageFile(buffer, name=f"logo-{number}.png"),
    )


SVG_LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100" width="300" height="100">'
    b'<rect x="0" y="0" width="300" height="100" fill="#0d5c63"/>'
    b'<circle cx="50" cy="50" r="40" fill="#ffd58a"/></svg>'
)


def svg_logo(content=SVG_LOGO, title=None):
    """An SVG logo created in code (sanitised by SiteImage.save())."""
    from home.models import SiteImage

    number = next(_numbers)
    return SiteImage.objects.create(
        title=title or f"Logo SVG {number}",
        file=ContentFile(content, name=f"logo-{number}.svg"),
    )


def make_tier(name=None, sort_order=10, logo_size=64):
    from partners.models import PartnerTier

    return PartnerTier.objects.create(
        name=name or f"Niveau {next(_numbers)}", sort_order=sort_order, logo_size=logo_size
    )


def make_partner(name=None, kind="company", **fields):
    from partners.models import Partner

    number = next(_numbers)
    name = name or f"Partenaire {number}"
    fields.setdefault("slug", f"partenaire-{number}")
    return Partner.objects.create(name=name, kind=kind, **fields)


def make_partner_index(home_page, **fields):
    """The partners' page at /partenaires/, published."""
    from partners.models import PartnerIndexPage

    index = PartnerIndexPage(title="Nos partenaires", slug="partenaires", **fields)
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_partner_page(index, partner, publish=True, **fields):
    from partners.models import PartnerPage

    page = PartnerPage(title=partner.name, slug=partner.slug, partner=partner, live=False, **fields)
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def make_campaign(home_page, cohort=None, publish=True, **fields):
    """A campaign (under a campaign index created on first use)."""
    import datetime

    from home.models import CampaignIndexPage, CampaignPage

    campaigns = CampaignIndexPage.objects.first()
    if campaigns is None:
        campaigns = CampaignIndexPage(title="Campagnes", slug="campagnes")
        home_page.add_child(instance=campaigns)
        campaigns.save_revision().publish()
    number = next(_numbers)
    campaign = CampaignPage(
        title=fields.pop("title", f"Campagne {number}"),
        slug=f"campagne-{number}",
        cohort=cohort,
        start_date=fields.pop("start_date", datetime.date(2025, 1, 1)),
        live=False,
        **fields,
    )
    campaigns.add_child(instance=campaign)
    revision = campaign.save_revision()
    if publish:
        revision.publish()
    return CampaignPage.objects.get(pk=campaign.pk)


def make_cohort(name=None):
    from cv_pages.models import Cohort

    number = next(_numbers)
    return Cohort.objects.create(name=name or f"Promotion {number}", slug=f"promotion-{number}")
