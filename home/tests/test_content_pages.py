"""Content pages (about, FAQ, legal notice): body blocks, FAQ, breadcrumbs, sub-pages."""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .site_factories import faq_block, make_standard_page, text_block

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def json_ld(soup):
    return [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]


def test_standard_page_shows_its_title_intro_text_and_questions(client, home_page):
    page = make_standard_page(
        home_page,
        "Qui sommes-nous",
        intro="Une association qui prête son réseau.",
        body=[
            text_block("Nous publions des CV courts et dignes.", heading="Notre mission"),
            faq_block(
                [
                    ("Qui peut publier un CV ?", "Toute personne accompagnée par un coach."),
                    ("Combien ça coûte ?", "Rien : partager un CV est <b>gratuit</b>."),
                ]
            ),
        ],
    )
    soup = soup_of(client, page.url)
    assert soup.h1.get_text(strip=True) == "Qui sommes-nous"
    assert "Une association qui prête son réseau." in soup.select_one(".lead").get_text()
    assert "Notre mission" in soup.get_text()
    assert "Nous publions des CV courts et dignes." in soup.get_text()

    questions = soup.select("details.faq__item")
    assert [item.summary.get_text(strip=True) for item in questions] == [
        "Qui peut publier un CV ?",
        "Combien ça coûte ?",
    ]
    # Folded by default, answer inside the same <details> as its question.
    assert all(not item.has_attr("open") for item in questions)
    assert "gratuit" in questions[1].select_one(".faq__answer").get_text()
    assert questions[1].select_one(".faq__answer b").get_text() == "gratuit"
    assert soup.find("h2", string="Questions fréquentes")


def test_faq_is_described_once_for_search_engines_as_plain_text(client, home_page):
    page = make_standard_page(
        home_page,
        "FAQ",
        body=[
            faq_block([("Qui peut publier un CV ?", "Toute personne <i>accompagnée</i>.")]),
            faq_block([("Et les entreprises ?", "Elles proposent des offres.")], heading="Autres"),
        ],
    )
    soup = soup_of(client, page.url)
    data = json_ld(soup)
    assert len(data) == 1, "a single FAQPage per page"
    assert data[0]["@type"] == "FAQPage"
    assert data[0]["mainEntity"] == [
        {
            "@type": "Question",
            "name": "Qui peut publier un CV ?",
            "acceptedAnswer": {"@type": "Answer", "text": "Toute personne accompagnée."},
        }
    ]
    # Both blocks are still shown to visitors.
    assert len(soup.select("details.faq__item")) == 2


def test_a_question_cannot_break_out_of_the_structured_data(client, home_page):
    page = make_standard_page(
        home_page,
        "FAQ",
        body=[faq_block([("</script><script>alert(1)</script>", "Réponse & détails")])],
    )
    content = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in content
    data = json_ld(BeautifulSoup(content, "html.parser"))
    assert data[0]["mainEntity"][0]["name"] == "</script><script>alert(1)</script>"
    assert data[0]["mainEntity"][0]["acceptedAnswer"]["text"] == "Réponse & détails"


def test_top_level_page_has_no_breadcrumbs_but_a_nested_one_does(client, home_page):
    about = make_standard_page(home_page, "À propos", slug="a-propos")
    team = make_standard_page(about, "L'équipe", slug="equipe")
    assert not soup_of(client, about.url).select(".breadcrumb")

    trail = soup_of(client, team.url).select_one("nav.breadcrumb")
    items = trail.select("li")
    assert [item.get_text(strip=True) for item in items] == ["Accueil", "À propos", "L'équipe"]
    assert [a["href"] for a in trail.select("a")] == ["/", "/a-propos/"]
    assert items[-1]["aria-current"] == "page"
    assert trail["aria-label"]


def test_sub_pages_are_listed_at_the_bottom_drafts_excepted(client, home_page):
    legal = make_standard_page(home_page, "Informations", slug="informations")
    make_standard_page(legal, "Mentions légales", slug="mentions", intro="Éditeur du site.")
    make_standard_page(legal, "Confidentialité", slug="confidentialite")
    make_standard_page(legal, "Brouillon secret", slug="brouillon", publish=False)
    soup = soup_of(client, legal.url)
    listed = soup.select(".child-pages__item")
    assert [item.a.get_text(strip=True) for item in listed] == [
        "Mentions légales",
        "Confidentialité",
    ]
    assert listed[0].a["href"] == "/informations/mentions/"
    assert "Éditeur du site." in listed[0].get_text()
    assert "Brouillon secret" not in soup.get_text()
    # A page without sub-pages has no such section.
    assert not soup_of(client, "/informations/mentions/").select(".child-pages")


def test_meta_description_and_canonical_address(client, home_page):
    page = make_standard_page(home_page, "À propos", slug="a-propos", intro="Notre histoire.")
    soup = soup_of(client, page.url)
    assert soup.find("meta", attrs={"name": "description"})["content"] == "Notre histoire."
    assert soup.find("link", rel="canonical")["href"] == "http://testserver/a-propos/"
    page.search_description = "Description choisie pour les moteurs."
    page.save_revision().publish()
    soup = soup_of(client, page.url)
    assert soup.find("meta", attrs={"name": "description"})["content"] == (
        "Description choisie pour les moteurs."
    )


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_content_page_queries_do_not_grow_with_sub_pages(client, home_page):
    parent = make_standard_page(home_page, "Rubrique", body=[faq_block([("Q ?", "R.")])])
    make_standard_page(parent, "Enfant 0")
    few = count_queries(client, parent.url)
    for number in range(1, 12):
        make_standard_page(parent, f"Enfant {number}", intro="Quelques mots.")
    assert count_queries(client, parent.url) == few
    assert few <= 6
