"""The supporters wall thanks the donors who opted in, once staff approved them."""

import itertools
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Site

from donations.models import DonationFrequency, Donor, DonorKind, PaymentStatus
from donations.tests.donor_space_factories import (
    make_donation,
    make_donor,
    make_payment,
    make_refund,
)
from home.page_cache import current_version
from partners.blocks import SupportersWallBlock
from partners.models import PartnerTier, SupportersWallSettings
from partners.tests.partner_factories import raster_logo
from partners.wall import compute_supporters_wall, supporters_wall

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
_numbers = itertools.count(1)


def supporter(
    name,
    euros,
    *,
    kind=DonorKind.COMPANY,
    show=True,
    approved=True,
    logo=None,
    status=PaymentStatus.SUCCEEDED,
    **fields,
):
    """A donor who gave `euros` in one payment (of `status`), opted in and approved."""
    number = next(_numbers)
    if kind == DonorKind.COMPANY:
        fields.setdefault("legal_name", f"Raison Sociale Secrète {number} SAS")
    else:
        fields.setdefault("first_name", "Prénomcaché")
        fields.setdefault("last_name", f"Nomcaché{number}")
    donor = make_donor(
        email=f"donateur{number}@prive.example",
        kind=kind,
        show_on_wall=show,
        wall_approved=approved,
        display_name=name,
        logo=logo,
        **fields,
    )
    if euros:
        donation = make_donation(donor, amount_cents=euros * 100)
        donor.payment = make_payment(donation, status=status)
    return donor


def names(entries):
    return [entry.name for entry in entries]


def tier(name, sort_order, minimum):
    return PartnerTier.objects.create(
        name=name, sort_order=sort_order, supporter_minimum_amount=minimum
    )


def wall_settings(**fields):
    wall = SupportersWallSettings.for_site(Site.objects.get(is_default_site=True))
    for field, value in fields.items():
        setattr(wall, field, value)
    wall.save()
    return wall


def page_request(rf):
    """A request for the home page, its site already found (as when Wagtail serves a page)."""
    request = rf.get("/")
    Site.find_for_request(request)
    return request


def render_block(home_page, rf, request=None, **value):
    block = SupportersWallBlock()
    value = block.to_python({"heading": "Ils nous soutiennent", "text": "", "limit": None, **value})
    request = request or page_request(rf)
    return block.render(value, context={"request": request, "page": home_page})


@pytest.fixture
def wall_page(home_page):
    """The home page with a supporters wall in its body."""
    home_page.body = [("supporters_wall", {"heading": "Ils nous soutiennent", "text": ""})]
    home_page.save_revision().publish()
    return home_page


# -- who is on the wall -------------------------------------------------------------------


def test_only_approved_opt_ins_with_money_kept_are_shown(home_page):
    supporter("Boulangerie Visible", 150)
    supporter("Pas Inscrite", 150, show=False)
    supporter("En Attente De Validation", 150, approved=False)
    supporter("Paiement Échoué", 150, status=PaymentStatus.FAILED)
    supporter("Prélèvement En Cours", 150, status=PaymentStatus.PENDING)
    supporter("Sans Don", 0)
    supporter("   ", 150)
    refunded = supporter("Tout Remboursé", 150)
    make_refund(refunded.payment, 150_00)
    partly = supporter("Un Peu Remboursé", 150)
    make_refund(partly.payment, 100_00)

    assert names(supporters_wall()) == ["Boulangerie Visible", "Un Peu Remboursé"]


def test_monthly_gifts_add_up_and_refunds_are_taken_off(home_page):
    tier("Mécènes", 1, 100)
    donor = supporter("Lecteur Fidèle", 0, kind=DonorKind.INDIVIDUAL)
    monthly = make_donation(donor, amount_cents=40_00, frequency=DonationFrequency.MONTHLY)
    payments = [make_payment(monthly) for _month in range(3)]
    assert supporters_wall()[0].tier.name == "Mécènes"  # 120 €

    make_refund(payments[0], 30_00)  # 90 € kept: below the tier

    assert supporters_wall()[0].tier is None


def test_ordered_by_tier_then_name_ignoring_case_and_accents(home_page):
    gold = tier("Grands mécènes", 1, 1000)
    silver = tier("Mécènes", 2, 500)
    bronze = tier("Amis", 3, 100)
    PartnerTier.objects.create(name="Partenaires fondateurs", sort_order=0)  # partners only
    supporter("Zorro Transports", 600)
    supporter("zèbre & Cie", 2000)
    supporter("Été Solidaire", 700)
    supporter("abeille", 650)
    supporter("Bravo SA", 999)
    supporter("éclair", 150)
    supporter("Ours", 50)

    entries = supporters_wall()

    assert names(entries) == [
        "zèbre & Cie",
        "abeille",
        "Bravo SA",
        "Été Solidaire",
        "Zorro Transports",
        "éclair",
        "Ours",
    ]
    assert [entry.tier for entry in entries] == [gold, silver, silver, silver, silver, bronze, None]


def test_tiers_follow_their_display_order_not_their_amounts(home_page):
    # Staff may put a smaller tier first: the wall follows sort_order.
    tier("Entreprises engagées", 1, 100)
    tier("Grands donateurs", 2, 1000)
    supporter("Petite Entreprise", 200)
    supporter("Grande Entreprise", 5000)
    assert names(supporters_wall()) == ["Petite Entreprise", "Grande Entreprise"]


def test_block_groups_supporters_under_their_tier_headings(home_page, rf):
    tier("Grands mécènes", 1, 1000)
    tier("Mécènes", 2, 100)
    supporter("Fondation Lumière", 1500)
    supporter("Atelier Bois", 200)
    supporter("Café du Coin", 20)

    html = render_block(home_page, rf)

    assert re.findall(r'<h3 class="supporters-wall__tier-heading">([^<]+)</h3>', html) == [
        "Grands mécènes",
        "Mécènes",
        "Et aussi",
    ]
    assert html.index("Fondation Lumière") < html.index("Atelier Bois") < html.index("Café du Coin")


def test_without_tiers_there_is_no_tier_heading(home_page, rf):
    supporter("Atelier Bois", 200)
    html = render_block(home_page, rf)
    assert "supporters-wall__tier-heading" not in html
    assert "Atelier Bois" in html


def test_limit_keeps_the_first_supporters(home_page, rf):
    tier("Mécènes", 1, 500)
    supporter("Grand Soutien", 800)
    for name in ("Alpha", "Bêta", "Gamma"):
        supporter(name, 50)
    html = render_block(home_page, rf, limit=2)
    assert "Grand Soutien" in html and "Alpha" in html
    assert "Bêta" not in html and "Gamma" not in html


def test_empty_wall_says_so_kindly(home_page, rf):
    supporter("Pas Encore Validé", 500, approved=False)
    html = render_block(home_page, rf)
    assert "Ils nous soutiennent" in html
    assert "Les noms de nos premiers soutiens apparaîtront bientôt ici." in html
    assert "Pas Encore Validé" not in html
    assert "<li" not in html


# -- logos and amounts ----------------------------------------------------------------------


def test_logo_only_for_companies_above_the_threshold(home_page, rf):
    wall_settings(logo_threshold=1000)
    supporter("Grande Boulangerie", 1500, logo=raster_logo(400, 100))
    supporter("Petite Boulangerie", 500, logo=raster_logo(400, 100))
    supporter("Sans Logo SA", 5000)
    supporter("Un Particulier", 5000, kind=DonorKind.INDIVIDUAL, logo=raster_logo(100, 100))

    entries = {entry.name: entry for entry in supporters_wall()}
    assert entries["Grande Boulangerie"].logo is not None
    assert entries["Petite Boulangerie"].logo is None
    assert entries["Sans Logo SA"].logo is None
    assert entries["Un Particulier"].logo is None

    html = render_block(home_page, rf)
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 1
    assert 'alt="Grande Boulangerie"' in images[0]
    assert 'class="supporters-wall__logo"' in images[0]
    # Drawn at most 48 px high (the rendition is twice that, for sharp screens).
    assert int(re.search(r'height="(\d+)"', images[0]).group(1)) <= 96
    for name in ("Petite Boulangerie", "Sans Logo SA", "Un Particulier"):
        assert f'<span class="supporters-wall__name">{name}</span>' in html


def test_amounts_are_hidden_unless_staff_show_them(home_page, rf):
    supporter("Boulangerie Martin", 1500)
    supporter("Café du Coin", 40)

    html = render_block(home_page, rf)
    assert "€" not in html
    assert all(entry.amount_cents is None for entry in supporters_wall())

    wall_settings(show_amounts=True)

    html = render_block(home_page, rf)
    assert f"1{NBSP}500{NBSP}€" in html
    assert f"40{NBSP}€" in html


# -- the cache follows the data -------------------------------------------------------------


def test_finance_approval_puts_the_donor_on_the_cached_pages(client, wall_page, settings):
    settings.PAGE_CACHE_SECONDS = 300
    donor = supporter("La Mie de Martin", 300, approved=False)
    client.get("/")  # the first visit creates the site's settings rows
    page = client.get("/")
    assert "La Mie de Martin" not in page.content.decode()
    assert client.get("/").headers["X-Page-Cache"] == "hit"

    finance = get_user_model().objects.create_user("tresoriere", "t@asso.example", "pw")
    finance.groups.add(Group.objects.get(name="Finance"))
    staff = client_for(finance)
    response = staff.post(f"/admin/dons/donateurs/edit/{donor.pk}/", {"wall_approved": "on"})
    assert response.status_code == 302

    page = client.get("/")
    assert page.headers["X-Page-Cache"] == "miss"
    assert "La Mie de Martin" in page.content.decode()


def client_for(user):
    from django.test import Client

    other = Client()
    other.force_login(user)
    return other


def test_a_new_name_from_the_donor_space_leaves_the_wall_until_approved(client, wall_page):
    from allauth.account.models import EmailAddress

    donor = supporter("La Mie de Martin", 300)
    user = get_user_model().objects.create_user("martin", donor.email, "pw")
    EmailAddress.objects.create(user=user, email=donor.email, verified=True, primary=True)
    Donor.objects.filter(pk=donor.pk).update(user=user)
    assert names(supporters_wall()) == ["La Mie de Martin"]

    client.force_login(user)
    response = client.post(
        reverse("donations:donor_wall", args=[donor.pk]),
        {"show_on_wall": "on", "display_name": "Le Fournil de Martin"},
    )

    assert response.status_code == 302
    assert names(supporters_wall()) == []
    client.logout()
    html = client.get("/").content.decode()
    assert "La Mie de Martin" not in html and "Le Fournil de Martin" not in html


def test_refund_moves_a_donor_down_a_tier_on_the_cached_wall(home_page):
    tier("Grands mécènes", 1, 1000)
    tier("Mécènes", 2, 500)
    donor = supporter("Fondation Lumière", 1200)
    assert supporters_wall()[0].tier.name == "Grands mécènes"
    version = current_version()

    make_refund(donor.payment, 300_00)

    assert supporters_wall()[0].tier.name == "Mécènes"
    assert current_version() > version


def test_tier_and_settings_changes_refresh_the_wall(home_page):
    supporter("Atelier Bois", 200)
    assert supporters_wall()[0].tier is None
    friends = tier("Amis", 1, 100)
    assert supporters_wall()[0].tier == friends
    friends.supporter_minimum_amount = 500
    friends.save()
    assert supporters_wall()[0].tier is None
    wall_settings(show_amounts=True)
    assert supporters_wall()[0].amount_cents == 200_00


def test_only_payments_of_donors_on_the_wall_empty_the_page_cache(home_page):
    shown = supporter("Atelier Bois", 200)
    hidden = supporter("Anonyme", 200, show=False)
    version = current_version()

    make_payment(make_donation(hidden), amount_cents=50_00)
    pending = make_payment(make_donation(shown), status=PaymentStatus.PENDING)
    assert current_version() == version  # nobody's visible total moved

    pending.status = PaymentStatus.SUCCEEDED
    pending.save()
    assert current_version() > version


def test_donor_details_that_the_wall_does_not_show_empty_nothing(home_page):
    donor = supporter("Atelier Bois", 200)
    version = current_version()
    donor = Donor.objects.get(pk=donor.pk)
    donor.address_line1 = "1 rue Neuve"
    donor.save()
    assert current_version() == version

    donor.show_on_wall = False
    donor.save()
    assert current_version() > version
    assert supporters_wall() == []


# -- privacy and cost ---------------------------------------------------------------------


def test_no_private_detail_reaches_the_page(client, wall_page):
    wall_settings(logo_threshold=100)
    company = supporter(
        "La Mie de Martin",
        300,
        logo=raster_logo(title="Logo de la Raison Sociale Secrète"),
        contact_name="Claire Contactcachée",
        siret="73282932000074",
    )
    person = supporter("Un ami du programme", 50, kind=DonorKind.INDIVIDUAL)

    html = client.get("/").content.decode()

    assert "La Mie de Martin" in html and "Un ami du programme" in html
    for donor in (company, person):
        for private in (
            donor.email,
            donor.legal_name,
            donor.first_name,
            donor.last_name,
            donor.contact_name,
            donor.siret,
            donor.address_line1,
            donor.city,
        ):
            if private:
                assert private not in html, private
    assert "Secrète" not in html


def wall_queries(django_assert_max_num_queries, home_page, rf, budget):
    from django.core.cache import cache

    cache.clear()
    request = page_request(rf)
    with django_assert_max_num_queries(budget) as captured:
        render_block(home_page, rf, request)
    return len(captured)


def test_query_count_stays_flat_as_supporters_grow(home_page, rf, django_assert_max_num_queries):
    tier("Mécènes", 1, 500)
    wall_settings(logo_threshold=100)

    def add(count):
        for _number in range(count):
            number = next(_numbers)
            logo = raster_logo(120, 60) if number % 2 else None
            supporter(f"Soutien {number}", 100 + number * 10, logo=logo)

    add(3)
    render_block(home_page, rf)  # the logos' renditions are made once, at the first render
    few = wall_queries(django_assert_max_num_queries, home_page, rf, 10)

    add(27)
    render_block(home_page, rf)
    wall_queries(django_assert_max_num_queries, home_page, rf, few)

    # Once computed, the wall costs no query at all.
    request = page_request(rf)
    with django_assert_max_num_queries(0):
        html = render_block(home_page, rf, request)
    assert html.count("<li") == 30


def test_compute_supporters_wall_reads_no_private_column(home_page):
    supporter("Atelier Bois", 200)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        compute_supporters_wall()
    donor_queries = [q["sql"] for q in captured if 'FROM "donations_donor"' in q["sql"]]
    assert donor_queries
    for column in ("email", "legal_name", "last_name", "address_line1", "siret"):
        assert all(f'"{column}"' not in sql for sql in donor_queries), column
