"""The partners' page (grouped by tier and kind) and each partner foundation's page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partners.display import group_by_tier_and_kind
from partners.models import Partner

from .partner_factories import (
    make_campaign,
    make_cohort,
    make_partner,
    make_partner_index,
    make_partner_page,
    make_tier,
    raster_logo,
)

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)
TOMORROW = TODAY + datetime.timedelta(days=1)


@pytest.fixture
def partner_index(home_page):
    return make_partner_index(
        home_page,
        intro="<p>Ils rendent le programme possible.</p>",
        become_partner_text="<p>Rejoignez les entreprises qui recrutent autrement.</p>",
    )


def positions(html, *needles):
    found = [html.index(needle) for needle in needles]
    return found


@pytest.fixture
def ranked_partners(db):
    founders = make_tier("Partenaires fondateurs", sort_order=1, logo_size=120)
    sponsors = make_tier("Mécènes", sort_order=2, logo_size=64)
    return {
        # Created out of order on purpose.
        "zeta": make_partner("Zeta Transports", kind="company", tier=founders),
        "elan": make_partner("Élan Fondation", kind="foundation", tier=founders),
        "alpha": make_partner("Alpha Industrie", kind="company", tier=founders),
        "region": make_partner("Région Exemple", kind="public", tier=sponsors),
        "club": make_partner("Club de Rugby", kind="sports_club"),
        "ended": make_partner("Ancien Partenaire", kind="company", active_until=YESTERDAY),
        "future": make_partner("Futur Partenaire", kind="company", active_from=TOMORROW),
        "still": make_partner("Encore Partenaire", kind="company", active_until=TODAY),
    }


def test_grouping_follows_tier_order_then_kind_then_name(ranked_partners):
    groups = group_by_tier_and_kind(Partner.objects.active().for_display())
    summary = [
        (group.heading, [(kind.kind, [p.name for p in kind.partners]) for kind in group.kinds])
        for group in groups
    ]
    assert summary == [
        (
            "Partenaires fondateurs",
            [
                ("foundation", ["Élan Fondation"]),
                ("company", ["Alpha Industrie", "Zeta Transports"]),
            ],
        ),
        ("Mécènes", [("public", ["Région Exemple"])]),
        (
            "Autres partenaires",
            [("company", ["Encore Partenaire"]), ("sports_club", ["Club de Rugby"])],
        ),
    ]
    assert groups[0].logo_size == 120


def test_index_page_shows_active_partners_by_tier_and_kind(client, partner_index, ranked_partners):
    html = client.get("/partenaires/").content.decode()
    a, b, c, d, e = positions(
        html,
        "Partenaires fondateurs",
        "Élan Fondation",
        "Alpha Industrie",
        "Zeta Transports",
        "Mécènes",
    )
    assert a < b < c < d < e
    assert html.index("Mécènes") < html.index("Région Exemple") < html.index("Autres partenaires")
    assert html.index("Autres partenaires") < html.index("Club de Rugby")
    # Kinds as sub-headings, in the kinds' order.
    assert html.index("Fondation d&#x27;entreprise") < html.index("Entreprise</h3>")
    assert "Ancien Partenaire" not in html
    assert "Futur Partenaire" not in html
    assert "Encore Partenaire" in html


def test_partner_card_shows_its_details_and_a_sponsored_link(client, partner_index):
    make_partner(
        "Fondation Horizon",
        kind="foundation",
        website="https://horizon.example/",
        short_description="Elle finance l'accompagnement des candidats.",
        partner_since=2021,
        has_hired=True,
        logo=raster_logo(300, 100),
    )
    html = client.get("/partenaires/").content.decode()
    assert '<a href="https://horizon.example/" rel="sponsored noopener">' in html
    assert 'target="_blank"' not in html
    assert "Elle finance l&#x27;accompagnement des candidats." in html
    assert "Partenaire depuis 2021" in html
    assert "A recruté des candidats" in html
    assert 'alt="Fondation Horizon"' in html


def test_partner_links_to_its_page_only_when_published(client, partner_index):
    published = make_partner("Fondation Publiée", kind="foundation")
    draft = make_partner("Fondation Brouillon", kind="foundation")
    make_partner_page(partner_index, published)
    make_partner_page(partner_index, draft, publish=False)
    html = client.get("/partenaires/").content.decode()
    assert f'href="/partenaires/{published.slug}/"' in html
    assert f"/partenaires/{draft.slug}/" not in html


def test_testimonies_and_become_partner_sections(client, partner_index):
    make_partner(
        "Fondation Témoin",
        testimony_quote="Un programme qui change des vies.",
        testimony_author="Claire Martin",
        testimony_role="Déléguée générale",
    )
    make_partner("Sans Témoignage")
    html = client.get("/partenaires/").content.decode()
    assert "Témoignages" in html
    assert "Un programme qui change des vies." in html
    assert "Claire Martin" in html and "Déléguée générale" in html
    assert html.count('class="testimony"') == 1
    assert "Rejoignez les entreprises qui recrutent autrement." in html
    assert 'href="/partenaires/devenir-partenaire/"' in html


def _count_queries(client):
    client.get("/partenaires/")  # renditions are made once, on the first visit
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/partenaires/")
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_partners(client, partner_index):
    tiers = [make_tier(sort_order=n, logo_size=48 + n * 8) for n in range(3)]

    def add_partners(count):
        for n in range(count):
            partner = make_partner(
                kind=["foundation", "company", "public"][n % 3],
                tier=tiers[n % 3] if n % 4 else None,
                logo=raster_logo(100 + n * 7, 60),
                logo_monochrome=raster_logo(80, 80) if n % 2 else None,
                testimony_quote="Merci !" if n % 5 == 0 else "",
                testimony_author="Quelqu'un" if n % 5 == 0 else "",
                website="https://example.org/",
            )
            if n % 3 == 0:
                make_partner_page(partner_index, partner)

    add_partners(3)
    with_3 = _count_queries(client)
    add_partners(27)
    with_30 = _count_queries(client)
    assert with_30 == with_3
    assert with_30 <= 15


# -- a partner's page ---------------------------------------------------------


@pytest.fixture
def funded_world(home_page, partner_index, make_cv):
    direct = make_cohort("Promotion Lille")
    via_campaign = make_cohort("Promotion Roubaix")
    elsewhere = make_cohort("Promotion Nantes")
    foundation = make_partner(
        "Fondation Solidaire",
        kind="foundation",
        website="https://solidaire.example/",
        testimony_quote="Nous y croyons.",
        testimony_author="Marc Petit",
    )
    campaign = make_campaign(home_page, cohort=via_campaign, title="Campagne Roubaix 2025")
    draft_campaign = make_campaign(home_page, cohort=elsewhere, publish=False, title="Brouillon")
    foundation.funded_cohorts.add(direct)
    foundation.funded_campaigns.add(campaign, draft_campaign)
    employed = {"employment_status": "employed"}
    make_cv(first_name="Amina", last_name="Zerouali", cohort=direct, **employed)
    make_cv(first_name="Bruno", last_name="Lefebvre", cohort=via_campaign, **employed)
    make_cv(first_name="Chantal", last_name="Dubreuil", cohort=direct)  # still looking
    make_cv(first_name="Denis", last_name="Masque", cohort=direct, employment_status="hidden")
    make_cv(first_name="Eve", last_name="Brouillon", cohort=direct, publish=False, **employed)
    make_cv(first_name="Farid", last_name="Ailleurs", cohort=elsewhere, **employed)
    page = make_partner_page(
        partner_index,
        foundation,
        story="<p>Depuis 2021, la fondation finance les coachs.</p>",
        quotes=[("quote", {"text": "Une belle aventure.", "author": "Une coach", "role": ""})],
    )
    return {"page": page, "campaign": campaign}


def test_partner_page_counts_employed_candidates_of_what_it_funds(client, funded_world):
    html = client.get(funded_world["page"].url).content.decode()
    assert "2</span>" in html
    assert "candidats de ces promotions ont retrouvé un emploi" in html


def test_partner_page_lists_what_it_funds_and_its_quotes(client, funded_world):
    html = client.get(funded_world["page"].url).content.decode()
    assert "Promotion Lille" in html
    assert f'href="{funded_world["campaign"].url}"' in html
    assert "Campagne Roubaix 2025" in html
    assert "Brouillon" not in html  # unpublished campaign (and CV)
    assert "Depuis 2021, la fondation finance les coachs." in html
    assert "Une belle aventure." in html and "Une coach" in html
    assert "Nous y croyons." in html and "Marc Petit" in html
    assert '<a href="https://solidaire.example/" rel="sponsored noopener">' in html


def test_partner_page_names_no_candidate(client, funded_world):
    html = client.get(funded_world["page"].url).content.decode()
    for last_name in ("Zerouali", "Lefebvre", "Dubreuil", "Masque", "Ailleurs"):
        assert last_name not in html
    for first_name in ("Amina", "Bruno"):
        assert first_name not in html
