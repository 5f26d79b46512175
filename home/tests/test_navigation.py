"""Menus and footer set by editors: order, unpublished pages, fallback, cache, admin."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import NavigationSettings, SiteIdentity

from .site_factories import link, make_standard_page, set_navigation

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache_on():
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


@pytest.fixture
def pages(home_page):
    return {
        "about": make_standard_page(home_page, "À propos", slug="a-propos"),
        "faq": make_standard_page(home_page, "Questions", slug="questions"),
        "legal": make_standard_page(home_page, "Mentions légales", slug="mentions-legales"),
        "privacy": make_standard_page(home_page, "Confidentialité", slug="confidentialite"),
        "draft": make_standard_page(home_page, "Bientôt", slug="bientot", publish=False),
    }


def soup_of(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def header_links(soup):
    return [(a.get_text(strip=True), a["href"]) for a in soup.select("header .site-nav a")]


def test_editor_links_appear_in_the_header_and_footer_in_their_order(client, pages):
    set_navigation(
        main_menu=[
            link("Questions", pages["faq"]),
            link("Blog", url="https://blog.example.org/"),
            link("À propos", pages["about"]),
        ],
        footer_columns=[
            ("L'association", [link("À propos", pages["about"]), link("FAQ", pages["faq"])]),
            ("Nous aider", [link("Partager un CV", url="https://exemple.org/partager")]),
        ],
        legal_links=[link("Confidentialité", pages["privacy"]), link("Mentions", pages["legal"])],
    )
    soup = soup_of(client)
    assert header_links(soup) == [
        ("Questions", "/questions/"),
        ("Blog", "https://blog.example.org/"),
        ("À propos", "/a-propos/"),
    ]
    columns = soup.select("footer .site-footer__column")
    assert [column.h2.get_text(strip=True) for column in columns] == [
        "L'association",
        "Nous aider",
    ]
    assert [(a.get_text(strip=True), a["href"]) for a in columns[0].select("a")] == [
        ("À propos", "/a-propos/"),
        ("FAQ", "/questions/"),
    ]
    legal = soup.select_one("footer nav.site-footer__legal")
    assert [(a.get_text(strip=True), a["href"]) for a in legal.select("a")] == [
        ("Confidentialité", "/confidentialite/"),
        ("Mentions", "/mentions-legales/"),
    ]
    # The hard-coded links give way to the editors' menu.
    assert "Proposer un emploi" not in soup.select_one("header").get_text()
    # What the footer always had is still there.
    assert soup.select_one(f'footer a[href="{reverse("donations:donor_space")}"]')
    assert soup.select_one("footer form.language-form select[name=language]")


def test_links_to_unpublished_or_deleted_pages_are_left_out(client, pages):
    set_navigation(
        main_menu=[link("Bientôt", pages["draft"]), link("À propos", pages["about"])],
        footer_columns=[("Bientôt", [link("Bientôt", pages["draft"])])],
        legal_links=[link("Mentions", pages["legal"])],
    )
    soup = soup_of(client)
    assert header_links(soup) == [("À propos", "/a-propos/")]
    assert "Bientôt" not in soup.get_text()
    assert not soup.select(".site-footer__column"), "a column with no live link is left out"

    pages["legal"].delete()
    assert not soup_of(client).select("footer .site-footer__legal")


def test_header_falls_back_to_the_usual_links_when_the_menu_is_empty(client, cv_index, pages):
    soup = soup_of(client)
    assert header_links(soup) == [
        ("Les candidats", "/candidats/"),
        ("Proposer un emploi", reverse("cv_pages:opportunity_general")),
    ]
    set_navigation(main_menu=[link("Bientôt", pages["draft"])])
    assert header_links(soup_of(client))[0] == ("Les candidats", "/candidats/")


def test_current_page_link_is_marked_for_assistive_technologies(
    client, cv_index, make_cv, pages, page_cache_on
):
    cv = make_cv(first_name="Amina")
    set_navigation(main_menu=[link("Candidats", cv_index), link("À propos", pages["about"])])

    def marks(url):
        soup = soup_of(client, url)
        return [a.get("aria-current") for a in soup.select("header .site-nav a")]

    for _ in range(2):  # the second time from the page cache
        assert marks("/a-propos/") == [None, "page"]
        assert marks("/candidats/") == ["page", None]
        assert marks(cv.url) == ["true", None]  # a CV is inside the "Candidats" section
        assert marks("/") == [None, None]


def test_menu_changes_show_at_once_to_anonymous_visitors_with_the_page_cache(
    client, pages, page_cache_on
):
    client.get("/")  # the identity settings row is created (and the cache emptied) on first use
    set_navigation(main_menu=[link("À propos", pages["about"])])
    assert header_links(soup_of(client)) == [("À propos", "/a-propos/")]
    assert client.get("/")["X-Page-Cache"] == "hit"

    set_navigation(main_menu=[link("Questions", pages["faq"]), link("À propos", pages["about"])])
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert header_links(BeautifulSoup(response.content, "html.parser"))[0] == (
        "Questions",
        "/questions/",
    )

    set_navigation(footer_columns=[("Aide", [link("FAQ", pages["faq"])])])
    soup = soup_of(client, "/a-propos/")
    assert soup.select_one(".site-footer__column h2").get_text(strip=True) == "Aide"

    # Unpublishing a page of the menu takes its link away at once, too.
    pages["faq"].unpublish()
    assert "FAQ" not in soup_of(client, "/a-propos/").select_one("footer").get_text()

    NavigationSettings.objects.all().delete()
    assert header_links(soup_of(client))[1][0] == "Proposer un emploi"


def test_footer_shows_social_links_contact_and_tagline(client, home_page, page_cache_on):
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.linkedin_url = "https://www.linkedin.com/company/linkedout"
    identity.youtube_url = "https://www.youtube.com/@linkedout"
    identity.contact_email = "contact@linkedout.example"
    identity.tagline = "Partagez un CV, changez une vie."
    identity.save()
    footer = soup_of(client).select_one("footer")
    social = footer.select(".site-footer__social a")
    assert [(a.get_text(strip=True), a["href"]) for a in social] == [
        ("LinkedIn", "https://www.linkedin.com/company/linkedout"),
        ("YouTube", "https://www.youtube.com/@linkedout"),
    ]
    assert all(a["rel"] == ["me", "noopener"] for a in social)
    assert footer.select_one('a[href="mailto:contact@linkedout.example"]')
    assert "Partagez un CV, changez une vie." in footer.get_text()

    identity.youtube_url = ""
    identity.save()
    social = soup_of(client).select("footer .site-footer__social a")
    assert [a.get_text(strip=True) for a in social] == ["LinkedIn"]


def count_queries(client, url):
    client.get(url)  # creates the identity settings row, which empties the caches
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_menus_add_no_query_to_a_warm_page(client, make_cv, pages):
    cv = make_cv(first_name="Amina")
    urls = ["/", "/a-propos/", cv.url]
    without_menus = {url: count_queries(client, url) for url in urls}
    set_navigation(
        main_menu=[link(page.title, page) for page in pages.values()],
        footer_columns=[
            ("Tout", [link(page.title, page) for page in pages.values()]),
            ("Encore", [link("Ailleurs", url="https://exemple.org/")]),
        ],
        legal_links=[link("Mentions", pages["legal"])],
    )
    assert "Mentions légales" in client.get("/").content.decode()
    assert {url: count_queries(client, url) for url in urls} == without_menus
    assert without_menus[cv.url] <= 10


def settings_url(model_name):
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=["home", model_name, site.pk])


def test_editors_set_the_menus_in_the_admin(admin_client, client, pages):
    url = settings_url("navigationsettings")
    assert admin_client.get(url).status_code == 200
    data = nested_form_data(
        {
            "main_menu": streamfield(
                [
                    ("link", {"label": "Questions", "page": pages["faq"].pk, "url": ""}),
                    ("link", {"label": "Blog", "page": "", "url": "https://blog.example.org/"}),
                ]
            ),
            "footer_columns": streamfield(
                [
                    (
                        "column",
                        {
                            "heading": "L'association",
                            "links": streamfield(
                                [("item", {"label": "À propos", "page": pages["about"].pk})]
                            ),
                        },
                    )
                ]
            ),
            "legal_links": streamfield(
                [("link", {"label": "Mentions", "page": pages["legal"].pk, "url": ""})]
            ),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    soup = soup_of(client)
    assert header_links(soup) == [
        ("Questions", "/questions/"),
        ("Blog", "https://blog.example.org/"),
    ]
    assert soup.select_one(".site-footer__column a")["href"] == "/a-propos/"
    assert soup.select_one(".site-footer__legal a").get_text(strip=True) == "Mentions"


def test_a_menu_link_needs_a_page_or_an_address(admin_client, pages):
    data = nested_form_data(
        {
            "main_menu": streamfield([("link", {"label": "Nulle part", "page": "", "url": ""})]),
            "footer_columns": streamfield([]),
            "legal_links": streamfield([]),
        }
    )
    response = admin_client.post(settings_url("navigationsettings"), data)
    assert response.status_code == 200
    assert "Choisissez une page ou indiquez une adresse." in response.content.decode()
    assert all(len(settings.main_menu) == 0 for settings in NavigationSettings.objects.all())


def test_editors_set_the_identity_and_social_links_in_the_admin(admin_client, client, home_page):
    url = settings_url("siteidentity")
    assert admin_client.get(url).status_code == 200
    data = {
        "organisation_name": "LinkedOut Lille",
        "tagline": "Un CV partagé, une vie changée.",
        "contact_email": "bonjour@linkedout.example",
        "default_social_image": "",
        "default_share_text": "Je partage les CV de la promotion #LinkedOut",
        "linkedin_url": "https://www.linkedin.com/company/linkedout",
        "facebook_url": "",
        "instagram_url": "https://www.instagram.com/linkedout",
        "x_url": "",
        "youtube_url": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    identity = SiteIdentity.objects.get()
    assert identity.default_share_text == "Je partage les CV de la promotion #LinkedOut"
    soup = soup_of(client)
    assert "LinkedOut Lille" in soup.title.get_text()
    assert [a.get_text(strip=True) for a in soup.select(".site-footer__social a")] == [
        "LinkedIn",
        "Instagram",
    ]

    response = admin_client.post(url, {**data, "linkedin_url": "pas une adresse"})
    assert response.status_code == 200
    assert SiteIdentity.objects.get().linkedin_url == "https://www.linkedin.com/company/linkedout"


def test_menu_links_may_be_paths_of_the_site(admin_client, client, pages):
    data = nested_form_data(
        {
            "main_menu": streamfield(
                [
                    (
                        "link",
                        {
                            "label": "Proposer un emploi",
                            "page": "",
                            "url": "/opportunites/proposer/",
                        },
                    ),
                    ("link", {"label": "Blog", "page": "", "url": "https://blog.example.org/"}),
                ]
            ),
            "footer_columns": streamfield([]),
            "legal_links": streamfield([]),
        }
    )
    response = admin_client.post(settings_url("navigationsettings"), data)
    assert response.status_code == 302
    client.logout()
    soup = soup_of(client, "/opportunites/proposer/")
    assert header_links(soup) == [
        ("Proposer un emploi", "/opportunites/proposer/"),
        ("Blog", "https://blog.example.org/"),
    ]
    # A path of the site is one of ours: the visitor on it is told so.
    current = soup.select_one("header .site-nav a[aria-current]")
    assert current is not None and current["href"] == "/opportunites/proposer/"


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", "//evil.example.com/", "opportunites", "ftp://x.org/"]
)
def test_a_menu_link_refuses_addresses_that_are_neither_paths_nor_web_addresses(
    admin_client, pages, address
):
    data = nested_form_data(
        {
            "main_menu": streamfield([("link", {"label": "Piège", "page": "", "url": address})]),
            "footer_columns": streamfield([]),
            "legal_links": streamfield([]),
        }
    )
    response = admin_client.post(settings_url("navigationsettings"), data)
    assert response.status_code == 200
    assert "adresse du site commen" in response.content.decode()
    assert all(len(settings.main_menu) == 0 for settings in NavigationSettings.objects.all())
