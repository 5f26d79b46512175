"""`load_demo`'s partners, campaigns, supporters, content pages and menus (home/demo.py,
partners/demo.py): what a visitor of the demo sees, and that a second run adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum
from wagtail.models import Page, Site

from cv_pages.models import CVPage
from cv_pages.models.sharing import CVShareDaily
from cv_pages.portraits import generate_portrait
from donations.models import Donation, DonationPage, Donor, Payment, Refund
from home.campaigns import campaign_progress
from home.models import (
    CampaignIndexPage,
    CampaignNewsPage,
    CampaignPage,
    HomePage,
    NavigationSettings,
    SiteIdentity,
    SiteImage,
    StandardPage,
)
from home.svg import sanitise_svg
from partners.demo_logos import raster_logo, svg_logo
from partners.models import Partner, PartnerIndexPage, PartnerKind, PartnerPage, PartnerTier


@pytest.fixture(autouse=True)
def small_portraits(monkeypatch):
    """Real portraits, but tiny: cv_pages' tests check the drawing."""

    def small(seed, size=600, **looks):
        return generate_portrait(seed, 48, **looks)

    monkeypatch.setattr("cv_pages.management.commands.load_demo.generate_portrait", small)


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db):
    return load_demo()


def current_campaign():
    return CampaignPage.objects.live().current().get()


def snapshot():
    """Everything the demo creates, counted (plus the menus, as they are)."""
    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings.for_site(site)
    return {
        "pages": Page.objects.count(),
        "revisions": sum(page.revisions.count() for page in Page.objects.all()),
        "tiers": PartnerTier.objects.count(),
        "partners": Partner.objects.count(),
        "images": SiteImage.objects.count(),
        "donors": Donor.objects.count(),
        "donations": Donation.objects.count(),
        "payments": Payment.objects.count(),
        "refunds": Refund.objects.count(),
        "share rows": CVShareDaily.objects.count(),
        "shares": CVShareDaily.objects.aggregate(total=Sum("count"))["total"],
        "menu": repr(navigation.main_menu.raw_data),
        "footer": repr(navigation.footer_columns.raw_data),
    }


@pytest.mark.django_db
def test_pages_are_where_the_menus_say(demo):
    paths = {
        "/partenaires/": PartnerIndexPage,
        "/campagnes/": CampaignIndexPage,
        "/a-propos/": StandardPage,
        "/questions-frequentes/": StandardPage,
        "/mentions-legales/": StandardPage,
        "/politique-de-confidentialite/": StandardPage,
    }
    site = Site.objects.get(is_default_site=True)
    for path, page_class in paths.items():
        page = page_class.objects.live().get(slug=path.strip("/"))
        assert page.get_url() == path
        assert page.get_parent().pk == site.root_page_id

    # One page per partner foundation, under /partenaires/, with its story and quotes.
    partner_pages = PartnerPage.objects.live().child_of(PartnerIndexPage.objects.get())
    assert {page.partner.kind for page in partner_pages} == {PartnerKind.FOUNDATION}
    assert partner_pages.count() == 2
    for page in partner_pages:
        assert page.story and len(page.quotes) >= 2
        assert page.partner.funded_campaigns.filter(pk=current_campaign().pk).exists()

    # The legal pages say they are a model to adapt; the FAQ has questions.
    for slug in ("mentions-legales", "politique-de-confidentialite"):
        assert "Texte de démonstration" in str(StandardPage.objects.get(slug=slug).body)
    faq = StandardPage.objects.get(slug="questions-frequentes")
    assert [block.block_type for block in faq.body][0] == "faq"

    # Menus and identity point to those pages.
    navigation = NavigationSettings.for_site(site)
    menu = {block.value["label"]: block.value for block in navigation.main_menu}
    assert list(menu) == [
        "Les candidats",
        "Campagnes",
        "Partenaires",
        "Proposer un emploi",
        "Faire un don",
    ]
    assert menu["Partenaires"]["page"].specific_class is PartnerIndexPage
    assert menu["Proposer un emploi"]["url"] == "/opportunites/proposer/"
    assert len(navigation.footer_columns) >= 2 and len(navigation.legal_links) == 2
    identity = SiteIdentity.for_site(site)
    assert identity.linkedin_url.startswith("https://www.linkedin.com/")
    assert "#LinkedOut" in identity.default_share_text


@pytest.mark.django_db
def test_a_current_campaign_is_featured_and_a_past_one_is_listed(demo):
    current = current_campaign()
    past = CampaignPage.objects.live().past().get()
    home = HomePage.objects.get()
    assert home.featured_campaign == current
    assert {"partner_strip", "supporters_wall"} <= {block.block_type for block in home.body}

    assert current.cohort.slug == "promotion-1" and past.cohort.slug == "promotion-pilote"
    assert past.end_date < current.start_date
    assert current.goal_shares and current.goal_hires and current.goal_amount
    donation_page = DonationPage.objects.get()
    assert current.donation_page.specific == donation_page
    assert donation_page.campaign.specific == current  # gifts on /don/ count for it
    assert {block.block_type for block in current.body} >= {
        "hero",
        "text",
        "campaign_figures",
        "featured_cvs",
        "call_to_action",
        "partner_strip",
        "video",
        "quote",
        "testimony",
    }
    for campaign in (current, past):
        news = CampaignNewsPage.objects.live().child_of(campaign)
        assert 2 <= news.count() <= 3
        assert all(campaign.start_date <= item.date for item in news)
    # The pilot promotion has CVs of its own, some of them hired.
    pilot_cvs = CVPage.objects.filter(cohort=past.cohort)
    assert pilot_cvs.count() >= 3 and pilot_cvs.currently_employed().exists()


@pytest.mark.django_db
def test_partners_span_tiers_kinds_and_logo_shapes(demo):
    tiers = list(PartnerTier.objects.all())
    assert [tier.name for tier in tiers] == [
        "Partenaires fondateurs",
        "Grands mécènes",
        "Mécènes",
        "Soutiens",
    ]
    assert [tier.logo_size for tier in tiers] == sorted((t.logo_size for t in tiers), reverse=True)
    partners = Partner.objects.all()
    assert partners.count() >= 12
    assert {partner.kind for partner in partners} >= {
        PartnerKind.FOUNDATION,
        PartnerKind.COMPANY,
        PartnerKind.PUBLIC,
        PartnerKind.ASSOCIATION,
        PartnerKind.SPORTS_CLUB,
    }
    assert {partner.tier for partner in partners} == set(tiers)
    assert partners.filter(has_hired=True).count() >= 3
    assert partners.exclude(testimony_quote="").count() >= 4
    # One partnership has ended: it is no longer active, the others are.
    ended = partners.exclude(pk__in=partners.active())
    assert [partner.slug for partner in ended] == ["imprimerie-dumas"]

    assert not partners.filter(logo__isnull=True).exists()
    assert partners.filter(logo_monochrome__isnull=False).count() >= 5
    logos = [partner.logo for partner in partners]
    assert sum(logo.file.name.endswith(".svg") for logo in logos) >= 2
    ratios = {round(logo.width / logo.height, 1) for logo in logos}
    assert any(r > 1.5 for r in ratios) and any(r < 0.8 for r in ratios) and 1.0 in ratios
    for partner in partners:
        assert ".example." in partner.website


@pytest.mark.django_db
def test_supporters_and_campaign_figures_come_from_real_rows(demo):
    on_wall = Donor.objects.filter(show_on_wall=True)
    assert on_wall.filter(wall_approved=True).count() >= 15
    assert on_wall.filter(wall_approved=False).count() == 2  # waiting for staff
    assert Donor.objects.filter(show_on_wall=False).exists()
    assert on_wall.filter(wall_approved=True, kind="company", logo__isnull=False).count() >= 4
    assert not on_wall.filter(display_name="").exists()

    current = current_campaign()
    payments = Payment.objects.filter(donation__campaign=current)
    gross = payments.succeeded().aggregate(total=Sum("amount_cents"))["total"]
    refunded = Refund.objects.filter(payment__in=payments).aggregate(total=Sum("amount_cents"))
    assert refunded["total"] > 0
    assert payments.filter(status="failed").exists()
    figures = campaign_progress(current)
    assert figures["money"].value == gross - refunded["total"] == payments.net_total_cents()
    assert 0 < figures["money"].value < current.goal_amount * 100

    # Shares: the cohort's CVs' counts, spread over the campaign's days so far.
    cohort_cvs = CVPage.objects.filter(cohort=current.cohort)
    rows = CVShareDaily.objects.filter(cv__in=cohort_cvs)
    assert figures["shares"].value == rows.aggregate(total=Sum("count"))["total"] > 0
    assert figures["shares"].value == cohort_cvs.aggregate(total=Sum("share_count"))["total"]
    assert not rows.filter(day__lt=current.start_date).exists()
    assert figures["hires"].value == cohort_cvs.live().currently_employed().count() > 0


@pytest.mark.django_db
def test_a_second_run_adds_nothing_and_keeps_edits(demo):
    first = snapshot()
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    navigation.main_menu = navigation.main_menu.raw_data[:2]
    navigation.save()
    PartnerTier.objects.filter(name="Soutiens").update(logo_size=50)
    first["menu"] = repr(navigation.main_menu.raw_data)

    load_demo()

    assert snapshot() == first
    assert PartnerTier.objects.get(name="Soutiens").logo_size == 50


def test_logos_are_deterministic_and_their_svg_survives_sanitising():
    png = raster_logo("Transports Azur", 3, "wide")
    assert png.startswith(b"\x89PNG") and raster_logo("Transports Azur", 3, "wide") == png
    assert raster_logo("Transports Azur", 3, "wide", monochrome=True) != png
    svg = svg_logo("Restos Solidaires", 9, "square")
    assert svg == svg_logo("Restos Solidaires", 9, "square")
    cleaned = sanitise_svg(svg)
    assert b"<text" in cleaned and b"Restos Solidaires" in cleaned


@pytest.mark.django_db
def test_visitors_see_the_demo_pages(demo, client):
    """Renders with the other areas' templates: partners, wall, campaigns, content pages."""
    for path in (
        "/",
        "/partenaires/",
        "/partenaires/fondation-horizon-emploi/",
        "/campagnes/",
        "/campagnes/promotion-1/",
        "/campagnes/promotion-pilote/",
        "/a-propos/",
        "/questions-frequentes/",
        "/mentions-legales/",
        "/politique-de-confidentialite/",
    ):
        assert client.get(path).status_code == 200, path

    partners_page = client.get("/partenaires/").content.decode()
    assert "Fondation Horizon Emploi" in partners_page
    assert "Imprimerie Dumas" not in partners_page  # the ended partnership

    home = client.get("/").content.decode()
    assert "Promotion 1 : prêtez-leur votre réseau" in home  # the featured campaign
    assert "Claire et Antoine M." in home  # approved supporter
    assert "Koala Tech" not in home and "Hugo P." not in home  # waiting for approval
    for never_opted_in in ("Société Discrète", "Bernard", "Réservée"):
        assert never_opted_in not in home
