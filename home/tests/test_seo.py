"""What search engines and feed readers get: sitemap, robots.txt, meta tags, news feeds."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from cv_pages.models import EmploymentStatus
from home.models import SiteIdentity
from partners.models import PartnerIndexPage, PartnerPage
from partners.tests.partner_factories import make_partner

from .site_factories import (
    make_campaign,
    make_campaign_index,
    make_news,
    make_standard_page,
    publish_child,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}


def parse_xml(content):
    """The response as an element tree; a well-formedness error fails the test."""
    return ET.fromstring(content)  # noqa: S314 (the site's own output, in a test)


def days(number):
    return TODAY + datetime.timedelta(days=number)


@pytest.fixture
def campaign(home_page):
    return make_campaign(make_campaign_index(home_page), "Campagne de Lille", slug="lille")


@pytest.fixture
def candidates(make_cv):
    return {
        "looking": make_cv(first_name="Amina", last_name="Kowalczyk", email="amina@prive.example"),
        "employed": make_cv(
            first_name="Bruno", last_name="Ferreira", employment_status=EmploymentStatus.EMPLOYED
        ),
        "hidden": make_cv(
            first_name="Sara", last_name="Zielinski", employment_status=EmploymentStatus.HIDDEN
        ),
        "draft": make_cv(first_name="Paul", last_name="Nowicki", publish=False),
    }


def private_details(cvs):
    details = []
    for cv in cvs:
        details += [cv.last_name, cv.email, cv.phone, cv.postal_address]
    return [detail for detail in details if detail]


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = parse_xml(response.content)
    return {
        url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext(
            "s:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("s:url", SITEMAP_NS)
    }, response.content.decode()


def test_sitemap_lists_every_public_page_with_its_last_change(
    client, home_page, campaign, candidates
):
    news = make_news(campaign, "Premières embauches", days(-2))
    make_news(campaign, "Brouillon", days(0), publish=False)
    about = make_standard_page(home_page, "À propos", slug="a-propos")
    make_standard_page(home_page, "Bientôt", slug="bientot", publish=False)
    partners = publish_child(home_page, PartnerIndexPage(title="Partenaires", slug="partenaires"))
    partner_page = publish_child(
        partners, PartnerPage(title="Fondation Azur", slug="azur", partner=make_partner("Azur"))
    )

    entries, text = sitemap_entries(client)
    base = "http://testserver"
    for page in (home_page, campaign.get_parent(), campaign, news, about, partners, partner_page):
        assert f"{base}{page.url}" in entries, page.url
        assert entries[f"{base}{page.url}"], f"no lastmod for {page.url}"
    assert f"{base}/candidats/{candidates['looking'].slug}/" in entries
    assert f"{base}/candidats/{candidates['employed'].slug}/" in entries
    assert not any(candidates["hidden"].slug in url for url in entries)
    assert not any(candidates["draft"].slug in url for url in entries)
    assert not any(slug in text for slug in ("bientot", "brouillon"))
    lowered = text.lower()
    for detail in private_details(candidates.values()):
        assert detail.lower() not in lowered, detail


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_private_areas(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in (
        "/admin/",
        "/compte/",
        "/espace-donateur/",
        "/partages/",
        "/vues/",
        "/opportunites/",
        "/stripe/",
    ):
        assert f"Disallow: {path}" in lines, path
    assert "Disallow: /" not in lines, "the public site stays open"
    assert "Disallow: /candidats/" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").head


def test_new_page_types_have_a_description_and_a_canonical_address(client, home_page, campaign):
    news = make_news(campaign, "Premières embauches", days(-2), intro="Deux candidats embauchés.")
    index = campaign.get_parent()
    about = make_standard_page(home_page, "À propos", slug="a-propos", intro="Notre histoire.")
    expected = {
        index.url: "Toutes.",
        campaign.url: "Campagne de Lille : partagez les CV de la promotion.",
        news.url: "Deux candidats embauchés.",
        about.url: "Notre histoire.",
    }
    for url, description in expected.items():
        head = head_of(client, url)
        assert head.find("meta", attrs={"name": "description"})["content"] == description, url
        assert head.find("link", rel="canonical")["href"] == f"http://testserver{url}"


def test_every_page_announces_the_news_feeds(client, home_page):
    head = head_of(client, "/")
    rss = head.find("link", rel="alternate", type="application/rss+xml")
    atom = head.find("link", rel="alternate", type="application/atom+xml")
    assert rss["href"] == "/actualites/rss.xml"
    assert atom["href"] == "/actualites/atom.xml"
    assert rss["title"] and atom["title"]


@pytest.fixture
def news_items(campaign):
    """Three live pieces of news (out of date order) and one draft."""
    make_news(campaign, "Lancement", days(-10))
    make_news(
        campaign,
        "Premières embauches",
        days(-1),
        slug="embauches",
        intro="Deux candidats embauchés.",
    )
    make_news(campaign, "Cent partages", days(-5))
    make_news(campaign, "Brouillon", days(0), publish=False)


def test_rss_feed_lists_live_news_newest_first(client, home_page, campaign, news_items):
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.organisation_name = "LinkedOut Lille"
    identity.save()
    response = client.get("/actualites/rss.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse_xml(response.content).find("channel")
    assert "LinkedOut Lille" in channel.findtext("title")
    assert channel.findtext("link") == "http://testserver/campagnes/"
    assert channel.findtext("language") == "fr"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Premières embauches",
        "Cent partages",
        "Lancement",
    ]
    first = items[0]
    assert first.findtext("link") == "http://testserver/campagnes/lille/embauches/"
    assert first.findtext("guid") == "http://testserver/campagnes/lille/embauches/"
    assert first.findtext("description") == "Deux candidats embauchés."
    assert first.findtext("category") == "Campagne de Lille"
    published = datetime.datetime.strptime(first.findtext("pubDate"), "%a, %d %b %Y %H:%M:%S %z")
    assert published.astimezone(timezone.get_current_timezone()).date() == days(-1)


def test_atom_feed_lists_the_same_news(client, home_page, campaign, news_items):
    response = client.get("/actualites/atom.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse_xml(response.content)
    entries = feed.findall("a:entry", ATOM_NS)
    assert [entry.findtext("a:title", namespaces=ATOM_NS) for entry in entries] == [
        "Premières embauches",
        "Cent partages",
        "Lancement",
    ]
    first = entries[0]
    assert first.find("a:category", ATOM_NS).get("term") == "Campagne de Lille"
    assert first.findtext("a:summary", namespaces=ATOM_NS) == "Deux candidats embauchés."
    assert (
        first.find("a:link", ATOM_NS).get("href") == "http://testserver/campagnes/lille/embauches/"
    )


def test_news_of_an_unpublished_campaign_or_unpublished_news_leave_the_feed(
    client, home_page, campaign, news_items
):
    from home.models import CampaignNewsPage

    CampaignNewsPage.objects.get(title="Cent partages").unpublish()
    titles = [item.findtext("title") for item in rss_items(client)]
    assert titles == ["Premières embauches", "Lancement"]
    campaign.unpublish()
    assert rss_items(client) == []


def rss_items(client):
    return parse_xml(client.get("/actualites/rss.xml").content).find("channel").findall("item")


def test_feeds_never_carry_candidates_private_details(client, home_page, campaign, candidates):
    make_news(
        campaign,
        "Amina a trouvé un emploi",
        days(-1),
        intro="Amina K. a signé un CDI.",
    )
    for url in ("/actualites/rss.xml", "/actualites/atom.xml"):
        text = client.get(url).content.decode().lower()
        assert "amina k." in text
        for detail in private_details(candidates.values()):
            assert detail.lower() not in text, (url, detail)


def count_queries(client, url):
    client.get(url)  # creates the identity settings row, which empties the caches
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_feed_queries_do_not_grow_with_the_news(client, home_page, campaign):
    for number in range(3):
        make_news(campaign, f"Nouvelle {number}", days(-number))
    few = {
        url: count_queries(client, url) for url in ("/actualites/rss.xml", "/actualites/atom.xml")
    }
    for number in range(3, 35):
        make_news(campaign, f"Nouvelle {number}", days(-number))
    assert len(rss_items(client)) == 30
    for url, count in few.items():
        assert count <= 3, (url, count)
        assert count_queries(client, url) == count, url


def test_feeds_are_served_from_the_page_cache_and_renewed_on_publication(
    client, home_page, campaign
):
    with override_settings(PAGE_CACHE_SECONDS=300):
        make_news(campaign, "Lancement", days(-3))
        client.get("/actualites/rss.xml")  # creates the identity settings row (a bump)
        assert client.get("/actualites/rss.xml")["X-Page-Cache"] == "miss"
        assert client.get("/actualites/rss.xml")["X-Page-Cache"] == "hit"
        assert client.get("/actualites/atom.xml")["X-Page-Cache"] == "miss"
        assert client.get("/actualites/atom.xml")["X-Page-Cache"] == "hit"
        make_news(campaign, "Premières embauches", days(-1))
        response = client.get("/actualites/rss.xml")
        assert response["X-Page-Cache"] == "miss"
        assert "Premières embauches" in response.content.decode()
