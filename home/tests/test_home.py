"""The home page, its blocks and live counters; error pages; robots.txt."""

import json

import pytest
from bs4 import BeautifulSoup

from cv_pages.models import CVPage, EmploymentStatus

pytestmark = pytest.mark.django_db


def publish_body(home_page, blocks):
    home_page.body = json.dumps([{"type": kind, "value": value} for kind, value in blocks])
    home_page.save_revision().publish()


def test_home_page_renders_the_blocks_editors_arranged(client, home_page, cv_index, make_cv):
    make_cv(first_name="Amina", last_name="B", catchphrase="Je range, je livre, je souris")
    publish_body(
        home_page,
        [
            (
                "hero",
                {
                    "title": "Partagez un CV, changez une vie",
                    "text": "Votre réseau peut tout changer.",
                    "image": None,
                    "links": [
                        {"label": "Lire les CV", "page": cv_index.pk, "url": "", "style": "primary"}
                    ],
                },
            ),
            (
                "cv_selection",
                {
                    "heading": "Ils cherchent",
                    "mode": "latest",
                    "count": 3,
                    "cvs": [],
                    "show_all_link": True,
                },
            ),
            ("text", {"heading": "Le programme", "text": "<p>Un <b>réseau</b> prêté.</p>"}),
            ("quote", {"text": "On m'a fait confiance.", "author": "Moussa", "role": "Candidat"}),
        ],
    )
    response = client.get("/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".hero__title").get_text(strip=True) == "Partagez un CV, changez une vie"
    assert soup.select_one(".hero a.button")["href"] == "/candidats/"
    assert [a.get_text(strip=True) for a in soup.select(".cv-card__name a")] == ["Amina B."]
    assert "Un <b>réseau</b> prêté." in response.content.decode()
    assert "On m&#x27;a fait confiance." in response.content.decode()


def test_counters_count_public_cvs_and_candidates_back_in_work(client, home_page, make_cv):
    make_cv(first_name="Un")
    make_cv(first_name="Deux")
    employed = make_cv(first_name="Trois", employment_status=EmploymentStatus.EMPLOYED)
    make_cv(first_name="Quatre", employment_status=EmploymentStatus.HIDDEN)
    make_cv(first_name="Brouillon", publish=False)
    publish_body(
        home_page,
        [("counters", {"heading": "En direct", "counters": ["published", "employed"]})],
    )

    def figures():
        soup = BeautifulSoup(client.get("/").content, "html.parser")
        return {
            item.select_one(".counter__label").get_text(strip=True): int(
                item.select_one(".counter__value").get_text(strip=True)
            )
            for item in soup.select(".counter")
        }

    assert figures() == {"CV publiés": 3, "candidats ayant retrouvé un emploi": 1}
    # A newly hired candidate shows up at once: the cached figures are refreshed.
    looking = CVPage.objects.get(first_name="Deux")
    looking.employment_status = EmploymentStatus.EMPLOYED
    looking.save_revision().publish()
    assert figures() == {"CV publiés": 3, "candidats ayant retrouvé un emploi": 2}
    CVPage.objects.get(pk=employed.pk).unpublish()
    assert figures() == {"CV publiés": 2, "candidats ayant retrouvé un emploi": 1}


def test_hand_picked_selection_never_shows_hidden_cvs(client, home_page, make_cv):
    shown = make_cv(first_name="Visible")
    hidden = make_cv(first_name="Cache", employment_status=EmploymentStatus.HIDDEN)
    publish_body(
        home_page,
        [
            (
                "cv_selection",
                {
                    "heading": "Coups de cœur",
                    "mode": "picked",
                    "count": 3,
                    "cvs": [hidden.pk, shown.pk],
                    "show_all_link": False,
                },
            )
        ],
    )
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert [a.get_text(strip=True) for a in soup.select(".cv-card__name a")] == [shown.title]


def test_unknown_address_gets_the_friendly_404(client, home_page):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Cette page est introuvable" in content
    assert 'href="/"' in content


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_the_admin(client, home_page):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_pages_load_only_what_the_site_serves(client, home_page, make_cv):
    cv = make_cv(first_name="Amina")
    for url in ("/", "/candidats/", cv.url):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        sources = [tag.get("src") for tag in soup.find_all(["script", "img", "source"])]
        sources += [tag.get("href") for tag in soup.find_all("link")]
        external = [
            source
            for source in sources
            if source
            and source.startswith(("http://", "https://", "//"))
            and not source.startswith("http://testserver/")
        ]
        assert external == [], url


def test_public_pages_forbid_third_party_content(client, home_page, make_cv):
    cv = make_cv(first_name="Amina")
    for url in ("/", "/candidats/", cv.url, "/nulle-part/"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy, url
    # The Wagtail admin keeps its own rules.
    assert "Content-Security-Policy" not in client.get("/admin/login/").headers


def test_header_link_to_the_listing_follows_its_address(client, home_page, cv_index):
    from bs4 import BeautifulSoup as Soup

    def nav_link():
        return Soup(client.get("/").content, "html.parser").select_one(".site-nav a")["href"]

    assert nav_link() == "/candidats/"
    cv_index.slug = "les-candidats"
    cv_index.save_revision().publish()
    assert nav_link() == "/les-candidats/"


def test_server_error_page_renders_without_the_database(rf, django_assert_num_queries):
    from home.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()
