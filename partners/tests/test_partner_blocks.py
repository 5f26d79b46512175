"""The partner logo strip and testimony blocks, and the page cache they depend on."""

import datetime
import json

import pytest
from django.utils import timezone
from wagtail.blocks import StructBlockValidationError

from home.page_cache import current_version
from partners import blocks as partner_blocks

from .partner_factories import (
    make_campaign,
    make_cohort,
    make_partner,
    make_partner_index,
    make_partner_page,
    make_tier,
    raster_logo,
)

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def strip_value(**raw):
    raw = {"heading": "Nos partenaires", "selection": "all", "monochrome": False, **raw}
    raw.setdefault("tier", None)
    raw.setdefault("partners", [])
    return partner_blocks.PartnerStripBlock().to_python(raw)


def render_strip(page=None, **raw):
    return partner_blocks.PartnerStripBlock().render(strip_value(**raw), context={"page": page})


@pytest.fixture
def partners(db):
    gold = make_tier("Or", sort_order=1, logo_size=96)
    silver = make_tier("Argent", sort_order=2, logo_size=48)
    return {
        "gold": gold,
        "silver": silver,
        "bravo": make_partner("Bravo Logistique", tier=silver),
        "alpha": make_partner("Alpha Fondation", kind="foundation", tier=gold),
        "charlie": make_partner("Charlie Sans Niveau"),
        "former": make_partner("Ancien Mécène", tier=gold, active_until=YESTERDAY),
    }


def names_in_order(html, *names):
    return sorted(names, key=html.index)


def test_all_active_partners_in_tier_order(partners):
    html = render_strip()
    assert names_in_order(html, "Charlie Sans Niveau", "Bravo Logistique", "Alpha Fondation") == [
        "Alpha Fondation",
        "Bravo Logistique",
        "Charlie Sans Niveau",
    ]
    assert "Ancien Mécène" not in html


def test_one_tier(partners):
    html = render_strip(selection="tier", tier=partners["gold"].pk)
    assert "Alpha Fondation" in html
    assert "Bravo Logistique" not in html and "Charlie Sans Niveau" not in html
    assert "Ancien Mécène" not in html


def test_tier_mode_requires_a_tier():
    with pytest.raises(StructBlockValidationError):
        partner_blocks.PartnerStripBlock().clean(strip_value(selection="tier"))


def test_picked_partners_keep_the_chosen_order_and_skip_inactive_ones(partners):
    picked = [partners["charlie"].pk, partners["former"].pk, partners["alpha"].pk]
    html = render_strip(selection="picked", partners=picked)
    assert names_in_order(html, "Alpha Fondation", "Charlie Sans Niveau") == [
        "Charlie Sans Niveau",
        "Alpha Fondation",
    ]
    assert "Ancien Mécène" not in html
    assert "Bravo Logistique" not in html


def test_campaign_mode_shows_the_campaign_funders(home_page, partners):
    campaign = make_campaign(home_page, cohort=make_cohort())
    other = make_campaign(home_page)
    partners["bravo"].funded_campaigns.add(campaign)
    partners["former"].funded_campaigns.add(campaign)
    partners["alpha"].funded_campaigns.add(other)
    html = render_strip(page=campaign, selection="campaign")
    assert "Bravo Logistique" in html
    assert "Alpha Fondation" not in html and "Charlie Sans Niveau" not in html
    assert "Ancien Mécène" not in html


def test_campaign_mode_on_another_page_shows_every_active_partner(home_page, partners):
    html = render_strip(page=home_page, selection="campaign")
    for name in ("Alpha Fondation", "Bravo Logistique", "Charlie Sans Niveau"):
        assert name in html


def test_empty_strip_renders_nothing(db):
    make_partner("Parti", active_until=YESTERDAY)
    assert render_strip().strip() == ""


def test_logos_link_to_the_partner_page_else_the_website_else_nowhere(home_page):
    index = make_partner_index(home_page)
    with_page = make_partner("Avec Page", website="https://avec-page.example/", logo=raster_logo())
    make_partner_page(index, with_page)
    make_partner("Avec Site", website="https://avec-site.example/", logo=raster_logo())
    make_partner("Sans Lien", logo=raster_logo())
    html = render_strip()
    assert f'<a href="/partenaires/{with_page.slug}/">' in html
    assert "avec-page.example" not in html
    assert '<a href="https://avec-site.example/" rel="sponsored noopener">' in html
    no_link_item = html[html.index('alt="Sans Lien"') - 200 : html.index('alt="Sans Lien"')]
    assert "<a " not in no_link_item.split("<li")[-1]


def test_logos_are_drawn_at_their_tier_size(partners):
    partners["alpha"].logo = raster_logo(100, 100)
    partners["alpha"].save()
    partners["bravo"].logo = raster_logo(100, 100)
    partners["bravo"].save()
    html = render_strip()
    assert 'width="96" height="96" alt="Alpha Fondation"' in html
    assert 'width="48" height="48" alt="Bravo Logistique"' in html


def test_monochrome_strip_uses_the_monochrome_logos(db):
    mono = raster_logo(120, 60, "#000")
    make_partner("Bicolore", logo=raster_logo(120, 60, "#c00"), logo_monochrome=mono)
    colour_html = render_strip()
    mono_html = render_strip(monochrome=True)
    mono_stem = mono.file.name.rsplit("/", 1)[-1].split(".")[0]
    assert mono_stem in mono_html
    assert mono_stem not in colour_html


def test_strip_on_the_home_page(client, home_page, partners):
    strip = {
        "heading": "Merci à eux",
        "selection": "all",
        "tier": None,
        "partners": [],
        "monochrome": False,
    }
    home_page.body = json.dumps([{"type": "partner_strip", "value": strip}])
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Merci à eux" in html
    assert "Alpha Fondation" in html and "Ancien Mécène" not in html


# -- testimony ---------------------------------------------------------------------


def render_testimony(partner):
    block = partner_blocks.TestimonyBlock()
    return block.render(block.to_python({"partner": partner.pk}), context={})


def test_testimony_shows_quote_author_role_and_logo(db):
    partner = make_partner(
        "Fondation Parole",
        logo=raster_logo(),
        testimony_quote="Ils nous ont appris autant qu'on leur a donné.",
        testimony_author="Sophie Laurent",
        testimony_role="Présidente",
    )
    html = render_testimony(partner)
    assert "Ils nous ont appris autant qu&#x27;on leur a donné." in html
    assert "Sophie Laurent" in html and "Présidente" in html
    assert 'alt="Fondation Parole"' in html
    assert "<blockquote" in html and "<figcaption" in html


def test_testimony_renders_nothing_without_testimony_or_when_inactive(db):
    silent = make_partner("Silencieux")
    former = make_partner(
        "Ancien", testimony_quote="Bravo", testimony_author="X", active_until=YESTERDAY
    )
    assert render_testimony(silent).strip() == ""
    assert render_testimony(former).strip() == ""


# -- page cache --------------------------------------------------------------------


def test_saving_or_deleting_partners_and_tiers_empties_the_page_cache(db):
    version = current_version()
    tier = make_tier()
    assert current_version() > version

    version = current_version()
    partner = make_partner(tier=tier)
    assert current_version() > version

    cohort = make_cohort()
    version = current_version()
    partner.funded_cohorts.add(cohort)
    assert current_version() > version

    version = current_version()
    partner.delete()
    assert current_version() > version

    version = current_version()
    tier.delete()
    assert current_version() > version
