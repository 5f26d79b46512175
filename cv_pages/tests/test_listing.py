"""The public listing: filters, accent-free search, fair order, pagination, states."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from cv_pages.models import CVPage, EmploymentStatus

pytestmark = pytest.mark.django_db


def card_names(response):
    soup = BeautifulSoup(response.content, "html.parser")
    grid = soup.select_one("#cv-results")
    if grid is None:
        return []
    return [link.get_text(strip=True) for link in grid.select(".cv-card__name a")]


def suggestion_names(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select(".cv-card__name a")]


@pytest.fixture
def varied_cvs(make_cv):
    return {
        "paris_logistics": make_cv(
            first_name="Amina",
            last_name="Benali",
            departments=("75",),
            business_lines=(("logistique-et-approvisionnement", "cariste"),),
            contracts=("cdi", "interim"),
        ),
        "lyon_kitchen": make_cv(
            first_name="Moussa",
            last_name="Traore",
            departments=("69",),
            business_lines=(("restauration", "commis de cuisine"),),
            contracts=("cdd",),
            catchphrase="Électricien de formation, cuisinier de cœur",
        ),
        "creteil_building": make_cv(
            first_name="Julie",
            last_name="Martin",
            departments=("94",),
            business_lines=(("batiment", "maçonne"), ("proprete", "agente d'entretien")),
            contracts=("cdi",),
        ),
        "employed": make_cv(
            first_name="Karim",
            last_name="Haddad",
            departments=("75",),
            employment_status=EmploymentStatus.EMPLOYED,
        ),
        "hidden": make_cv(
            first_name="Sophie",
            last_name="Durand",
            departments=("75",),
            employment_status=EmploymentStatus.HIDDEN,
        ),
        "draft": make_cv(first_name="Paul", last_name="Lefebvre", publish=False),
    }


def test_default_listing_shows_public_looking_candidates_only(client, varied_cvs):
    response = client.get("/candidats/")
    assert response.status_code == 200
    assert sorted(card_names(response)) == ["Amina B.", "Julie M.", "Moussa T."]


def test_employed_candidates_appear_with_their_banner_when_not_masked(client, varied_cvs):
    response = client.get("/candidats/?filtres=1")
    assert sorted(card_names(response)) == ["Amina B.", "Julie M.", "Karim H.", "Moussa T."]
    soup = BeautifulSoup(response.content, "html.parser")
    employed_card = next(card for card in soup.select(".cv-card") if "Karim H." in card.get_text())
    assert "a retrouvé un emploi" in employed_card.get_text()
    assert (
        "a retrouvé un emploi"
        not in next(
            card for card in soup.select(".cv-card") if "Amina B." in card.get_text()
        ).get_text()
    )


def test_masking_box_is_ticked_by_default_and_untickable(client, varied_cvs):
    soup = BeautifulSoup(client.get("/candidats/").content, "html.parser")
    assert soup.select_one("input[name=masquer_en_emploi]").has_attr("checked")
    soup = BeautifulSoup(client.get("/candidats/?filtres=1").content, "html.parser")
    assert not soup.select_one("input[name=masquer_en_emploi]").has_attr("checked")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=ile-de-france", ["Amina B.", "Julie M."]),
        ("region=auvergne-rhone-alpes", ["Moussa T."]),
        ("departement=94", ["Julie M."]),
        ("secteur=restauration", ["Moussa T."]),
        ("secteur=proprete", ["Julie M."]),
        ("contrat=cdi", ["Amina B.", "Julie M."]),
        ("contrat=interim", ["Amina B."]),
        ("region=ile-de-france&contrat=cdi&secteur=batiment", ["Julie M."]),
        ("region=ile-de-france&secteur=restauration", []),
        ("filtres=1&region=ile-de-france", ["Amina B.", "Julie M.", "Karim H."]),
        ("filtres=1&masquer_en_emploi=on&region=ile-de-france", ["Amina B.", "Julie M."]),
    ],
)
def test_filters_and_their_combinations(client, varied_cvs, query, expected):
    response = client.get(f"/candidats/?{query}")
    assert response.status_code == 200
    assert sorted(card_names(response)) == expected


def test_a_candidate_with_two_matching_departements_is_listed_once(client, make_cv):
    make_cv(first_name="Nadia", last_name="Ziani", departments=("75", "92", "93"))
    response = client.get("/candidats/?region=ile-de-france")
    assert card_names(response) == ["Nadia Z."]


def test_unknown_filter_values_are_reported_not_crashing(client, varied_cvs):
    response = client.get("/candidats/?secteur=astronaute")
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()


@pytest.mark.parametrize("query", ["electricien", "ÉLECTRICIEN", "Electricien cœur", "electri"])
def test_search_ignores_accents_and_case(client, varied_cvs, query):
    response = client.get("/candidats/", {"q": query})
    if query == "electri":
        # Whole words only: a fragment must not match everything.
        assert card_names(response) in ([], ["Moussa T."])
    else:
        assert card_names(response) == ["Moussa T."]


def test_search_covers_every_public_field(client, make_cv):
    make_cv(
        first_name="Léa",
        last_name="Roux",
        strengths=[("strength", "Très organisée")],
        skills=[("skill", "Conduite de transpalette")],
        experiences=[
            (
                "experience",
                {
                    "title": "Préparatrice de commandes",
                    "organisation": "Entrepôt Sud",
                    "location": "Vénissieux",
                    "period": "2018",
                    "description": "Réception et expédition",
                },
            )
        ],
    )
    for query in ("organisee", "transpalette", "venissieux", "preparatrice", "Paris"):
        assert card_names(client.get("/candidats/", {"q": query})) == ["Léa R."], query


def test_search_does_not_find_last_names_or_contact_details(client, varied_cvs):
    for query in ("Benali", "candidat1", "prive.example", "Cachée"):
        assert card_names(client.get("/candidats/", {"q": query})) == [], query


def test_search_never_returns_hidden_or_draft_cvs(client, varied_cvs):
    assert card_names(client.get("/candidats/", {"q": "Sophie"})) == []
    assert card_names(client.get("/candidats/", {"q": "Paul"})) == []


def test_no_result_suggests_candidates_from_the_same_region(client, varied_cvs):
    response = client.get("/candidats/?region=ile-de-france&secteur=restauration")
    content = response.content.decode()
    assert "Aucun candidat ne correspond" in content
    suggestions = suggestion_names(response)
    # Same region first, whatever the business line; then others, to fill three places.
    assert sorted(suggestions[:2]) == ["Amina B.", "Julie M."]
    assert suggestions[2:] == ["Moussa T."]


def test_pagination_works_without_javascript(client, make_cv):
    for number in range(20):
        make_cv(first_name=f"Candidat{number:02d}", last_name="X", departments=("69",))
    first = client.get("/candidats/?region=auvergne-rhone-alpes")
    assert len(card_names(first)) == 9
    soup = BeautifulSoup(first.content, "html.parser")
    more = soup.select_one("a[data-load-more]")
    assert more.get_text(strip=True) == "Voir plus"
    assert "region=auvergne-rhone-alpes" in more["href"] and "page=2" in more["href"]
    second = client.get("/candidats/" + more["href"])
    third = client.get("/candidats/?region=auvergne-rhone-alpes&page=3")
    assert len(card_names(second)) == 9
    assert len(card_names(third)) == 2
    assert BeautifulSoup(third.content, "html.parser").select_one("a[data-load-more]") is None
    seen = card_names(first) + card_names(second) + card_names(third)
    assert len(set(seen)) == 20
    assert card_names(client.get("/candidats/?page=999")) == card_names(third)
    assert card_names(client.get("/candidats/?page=abc")) == card_names(first)


def set_month_and_shares(cv, published_at, shares):
    CVPage.objects.filter(pk=cv.pk).update(last_published_at=published_at, share_count=shares)


def test_fair_order_newest_month_first_then_least_shared(client, make_cv):
    now = timezone.now()
    last_month = now - datetime.timedelta(days=40)
    much_shared = make_cv(first_name="Ancien", last_name="A")
    fresh_popular = make_cv(first_name="Populaire", last_name="P")
    fresh_quiet = make_cv(first_name="Discret", last_name="D")
    fresh_middle = make_cv(first_name="Moyen", last_name="M")
    set_month_and_shares(much_shared, last_month, 0)
    set_month_and_shares(fresh_popular, now, 50)
    set_month_and_shares(fresh_quiet, now, 0)
    set_month_and_shares(fresh_middle, now, 7)
    assert card_names(client.get("/candidats/")) == [
        "Discret D.",
        "Moyen M.",
        "Populaire P.",
        "Ancien A.",
    ]


def test_shuffle_is_stable_within_a_day_and_changes_across_days(client, make_cv):
    for number in range(12):
        make_cv(first_name=f"Egal{number:02d}", last_name="E")
    now = timezone.now()
    CVPage.objects.update(last_published_at=now, share_count=3)
    first = card_names(client.get("/candidats/"))
    assert card_names(client.get("/candidats/")) == first
    today = timezone.localdate()
    orders = {
        tuple(
            cv.pk for cv in CVPage.objects.public().fair_order(today + datetime.timedelta(days=d))
        )
        for d in range(5)
    }
    assert len(orders) > 1
    assert all(sorted(order) == sorted(next(iter(orders))) for order in orders)


def test_employment_with_an_ended_contract_counts_as_looking_again(client, make_cv):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    make_cv(
        first_name="Fini", last_name="F", employment_status="employed", employed_until=yesterday
    )
    make_cv(
        first_name="Encore", last_name="E", employment_status="employed", employed_until=tomorrow
    )
    assert card_names(client.get("/candidats/")) == ["Fini F."]


@pytest.mark.parametrize("state", ["hidden", "unpublished"])
def test_unavailable_cv_answers_with_good_news_and_three_suggestions(
    client, varied_cvs, make_cv, state
):
    make_cv(first_name="Extra", last_name="Y", departments=("13",))
    if state == "hidden":
        cv = varied_cvs["hidden"]
    else:
        cv = make_cv(first_name="Ancienne", last_name="Publiee", departments=("75",))
        CVPage.objects.get(pk=cv.pk).unpublish()
    response = client.get(f"/candidats/{cv.slug}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Bonne nouvelle !" in content
    assert '<meta name="robots" content="noindex">' in content
    assert cv.first_name not in content
    suggestions = suggestion_names(response)
    assert len(suggestions) == 3
    # Same region first: the unavailable CV was in Île-de-France.
    assert sorted(suggestions[:2]) == ["Amina B.", "Julie M."]


def test_a_never_published_draft_is_not_found(client, varied_cvs):
    response = client.get(f"/candidats/{varied_cvs['draft'].slug}/")
    assert response.status_code == 404


def test_unknown_cv_address_is_a_friendly_404(client, cv_index):
    response = client.get("/candidats/personne-inconnue/")
    assert response.status_code == 404
    assert "Cette page est introuvable" in response.content.decode()


def test_cv_page_shows_the_cv(client, make_cv):
    cv = make_cv(
        first_name="Amina",
        last_name="Benali",
        business_lines=(
            ("logistique-et-approvisionnement", "cariste"),
            ("vente-et-commerce", "employée libre-service"),
        ),
        strengths=[("strength", "Ponctuelle"), ("strength", "Esprit d'équipe")],
        recommendations=[
            ("recommendation", {"name": "Claire", "role": "Cheffe d'équipe", "text": "Fiable."})
        ],
        availability="Immédiate",
    )
    content = client.get(cv.url).content.decode()
    assert "Amina B." in content
    assert (
        "Dans la logistique et l&#x27;approvisionnement comme cariste et dans la vente et le "
        "commerce comme employée libre-service" in content
    )
    for text in ("Ponctuelle", "Esprit d&#x27;équipe", "Cheffe d&#x27;équipe", "Immédiate"):
        assert text in content


def test_empty_listing_without_filters_says_cvs_are_coming(client, cv_index):
    content = client.get("/candidats/").content.decode()
    assert "Aucun CV n'est en ligne pour le moment" in content
    assert "ne correspond" not in content
