"""Campaign pages: live progress from real data, featured CVs, the index and the home page."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cv_pages.models import Cohort, CVPage, CVShareDaily, EmploymentStatus
from donations.models import Payment, PaymentStatus
from donations.tests.donor_space_factories import (
    make_donation,
    make_donor,
    make_payment,
    make_refund,
)
from home.campaigns import campaign_progress, campaigns_progress
from home.models import CampaignIndexPage, CampaignNewsPage, CampaignPage

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(number):
    return TODAY + datetime.timedelta(days=number)


@pytest.fixture
def cohort(db):
    return Cohort.objects.create(name="Promotion 2 — Lille", slug="promotion-2-lille")


@pytest.fixture
def other_cohort(db):
    return Cohort.objects.create(name="Promotion 1 — Paris", slug="promotion-1-paris")


@pytest.fixture
def campaign_index(home_page):
    index = CampaignIndexPage(title="Nos campagnes", slug="campagnes")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_campaign(campaign_index):
    def factory(*, body=(), publish=True, **fields):
        fields.setdefault("title", "Campagne de Lille")
        fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
        fields.setdefault("start_date", days(-30))
        page = CampaignPage(
            body=json.dumps([{"type": kind, "value": value} for kind, value in body]),
            live=False,
            **fields,
        )
        campaign_index.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return CampaignPage.objects.get(pk=page.pk)

    return factory


def share(cv, day, count, channel="linkedin"):
    CVShareDaily.objects.create(cv=cv, channel=channel, day=day, count=count)


def give(campaign, amount_cents, **payment_fields):
    """A donation for the campaign and its payment (succeeded unless told otherwise)."""
    donation = make_donation(make_donor(), amount_cents=amount_cents, campaign=campaign)
    return make_payment(donation, amount_cents=amount_cents, **payment_fields)


def figures_block(figures=("shares", "hires", "money")):
    return ("campaign_figures", {"heading": "Où en est la campagne ?", "figures": list(figures)})


def cvs_block(mode="cohort", count=6, cvs=()):
    return (
        "featured_cvs",
        {
            "heading": "Les candidats de la promotion",
            "mode": mode,
            "count": count,
            "cvs": list(cvs),
            "show_all_link": True,
        },
    )


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def shown_figures(soup):
    """{"shares": "312", …}: the number of each figure as a visitor reads it."""
    return {
        key: soup.select_one(f".campaign-figure--{key} .campaign-figure__value").get_text(
            strip=True
        )
        for key in ("shares", "hires", "money")
        if soup.select_one(f".campaign-figure--{key}")
    }


# ---------------------------------------------------------------------------
# Progress from real data
# ---------------------------------------------------------------------------


def test_shares_count_only_the_cohorts_cvs_within_the_campaign_dates(
    make_campaign, make_cv, cohort, other_cohort
):
    campaign = make_campaign(cohort=cohort, start_date=days(-20), end_date=days(-2))
    mine = make_cv(cohort=cohort)
    also_mine = make_cv(cohort=cohort, employment_status=EmploymentStatus.EMPLOYED)
    not_mine = make_cv(cohort=other_cohort)
    share(mine, days(-20), 3)  # first day counts
    share(mine, days(-10), 4, channel="facebook")
    share(also_mine, days(-2), 5)  # last day counts
    share(mine, days(-21), 100)  # before the campaign
    share(mine, days(-1), 100)  # after it ended
    share(not_mine, days(-10), 100)  # another cohort

    assert campaign_progress(campaign)["shares"].value == 12


def test_hires_are_the_cohorts_published_cvs_currently_employed(
    make_campaign, make_cv, cohort, other_cohort
):
    campaign = make_campaign(cohort=cohort, goal_hires=4)
    make_cv(cohort=cohort, employment_status=EmploymentStatus.EMPLOYED)
    make_cv(cohort=cohort, employment_status=EmploymentStatus.EMPLOYED, employed_until=days(30))
    make_cv(cohort=cohort)  # still looking
    make_cv(cohort=cohort, employment_status=EmploymentStatus.EMPLOYED, employed_until=days(-1))
    make_cv(cohort=cohort, employment_status=EmploymentStatus.EMPLOYED, publish=False)
    make_cv(cohort=cohort, employment_status=EmploymentStatus.HIDDEN)
    make_cv(cohort=other_cohort, employment_status=EmploymentStatus.EMPLOYED)

    hires = campaign_progress(campaign)["hires"]
    assert (hires.value, hires.goal, hires.percent) == (2, 4, 50)


def test_money_is_succeeded_payments_net_of_refunds(make_campaign, home_page):
    campaign = make_campaign(goal_amount=1000)
    other = make_campaign(title="Autre campagne")
    kept = give(campaign, 50_000)
    give(campaign, 20_000)
    give(campaign, 9_900, status=PaymentStatus.FAILED)
    give(campaign, 7_000, status=PaymentStatus.PENDING)
    give(other, 30_000)
    make_refund(kept, 12_000)

    money = campaign_progress(campaign)["money"]
    assert money.value == 58_000
    net = Payment.objects.filter(donation__campaign_id=campaign.pk).net_total_cents()
    assert money.value == net
    assert (money.goal, money.percent, money.bar_percent) == (100_000, 58, 58)
    assert money.display_value == "580\u00a0€"


def test_a_refund_lowers_the_money_raised_at_once(make_campaign):
    campaign = make_campaign(goal_amount=500)
    payment = give(campaign, 30_000)
    assert campaign_progress(campaign)["money"].value == 30_000  # now cached
    make_refund(payment, 10_000)
    assert campaign_progress(campaign)["money"].value == 20_000
    give(campaign, 5_000)
    assert campaign_progress(campaign)["money"].value == 25_000
    Payment.objects.get(pk=payment.pk).refunds.get().delete()
    assert campaign_progress(campaign)["money"].value == 35_000


def test_a_new_hire_refreshes_the_cached_figures(make_campaign, make_cv, cohort):
    campaign = make_campaign(cohort=cohort, goal_hires=10)
    cv = make_cv(cohort=cohort)
    assert campaign_progress(campaign)["hires"].value == 0
    cv.employment_status = EmploymentStatus.EMPLOYED
    cv.save_revision().publish()
    assert campaign_progress(campaign)["hires"].value == 1
    CVPage.objects.get(pk=cv.pk).unpublish()
    assert campaign_progress(campaign)["hires"].value == 0


def test_progress_is_read_from_the_cache_once_computed(
    make_campaign, make_cv, cohort, django_assert_num_queries
):
    campaign = make_campaign(cohort=cohort, goal_shares=10, goal_amount=100)
    share(make_cv(cohort=cohort), TODAY, 2)
    give(campaign, 1_000)
    cache.clear()
    with django_assert_num_queries(3):
        first = campaign_progress(campaign)
    with django_assert_num_queries(0):
        assert campaign_progress(campaign) == first


def test_progress_costs_three_queries_whatever_the_number_of_campaigns(
    make_campaign, make_cv, cohort, other_cohort
):
    campaigns = [
        make_campaign(title=f"Campagne {n}", cohort=[cohort, other_cohort][n % 2], goal_shares=5)
        for n in range(6)
    ]
    for n in range(4):
        cv = make_cv(cohort=[cohort, other_cohort][n % 2])
        share(cv, TODAY, n + 1)
        give(campaigns[n], 1_000 * (n + 1))
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        progress = campaigns_progress(campaigns)
    assert len(queries) <= 3
    # The batch agrees with each campaign computed alone.
    for campaign in campaigns:
        cache.clear()
        assert progress[campaign.pk] == campaign_progress(campaign)
    assert progress[campaigns[0].pk]["shares"].value == 1 + 3
    assert progress[campaigns[1].pk]["shares"].value == 2 + 4
    assert progress[campaigns[2].pk]["money"].value == 3_000


def test_goal_exceeded_fills_the_bar_and_shows_the_real_figure(
    client, make_campaign, make_cv, cohort
):
    campaign = make_campaign(cohort=cohort, goal_shares=10, body=[figures_block(["shares"])])
    share(make_cv(cohort=cohort), TODAY, 25)
    soup = soup_of(client, campaign.url)
    bar = soup.select_one(".campaign-figure--shares progress")
    assert (bar["value"], bar["max"]) == ("100", "100")
    assert bar["aria-label"] == "25 partages sur 10 visés"
    assert "250 % de l'objectif" in soup.select_one(".campaign-figure--shares").get_text()


# ---------------------------------------------------------------------------
# The campaign page and its blocks
# ---------------------------------------------------------------------------


def test_campaign_page_shows_its_live_figures_with_accessible_bars(
    client, make_campaign, make_cv, cohort, donation_page
):
    campaign = make_campaign(
        cohort=cohort,
        goal_shares=500,
        goal_hires=10,
        goal_amount=20_000,
        donation_page=donation_page,
        body=[figures_block()],
    )
    cv = make_cv(cohort=cohort)
    make_cv(cohort=cohort, employment_status=EmploymentStatus.EMPLOYED)
    share(cv, TODAY, 312)
    give(campaign, 1_240_000)

    soup = soup_of(client, campaign.url)
    assert shown_figures(soup) == {"shares": "312", "hires": "1", "money": "12\u00a0400\u00a0€"}
    shares = soup.select_one(".campaign-figure--shares")
    bar = shares.select_one("progress")
    assert (bar["value"], bar["max"], bar["aria-label"]) == (
        "62",
        "100",
        "312 partages sur 500 visés",
    )
    assert "312 partages sur 500 visés" in shares.get_text(" ", strip=True)
    money = soup.select_one(".campaign-figure--money")
    assert "12\u00a0400\u00a0€ collectés sur 20\u00a0000\u00a0€ visés" in money.get_text()
    assert money.select_one("a")["href"] == donation_page.url


def test_figures_without_goal_show_no_bar_and_none_without_cohort(client, make_campaign):
    campaign = make_campaign(body=[figures_block()])
    give(campaign, 5_000)
    soup = soup_of(client, campaign.url)
    # No cohort: no shares nor hires to count; money without a goal: a number, no bar.
    assert shown_figures(soup) == {"money": "50\u00a0€"}
    assert soup.select("progress") == []


def test_donate_button_only_when_the_donation_page_is_live(client, make_campaign, donation_page):
    campaign = make_campaign(donation_page=donation_page, intro="Partagez leurs CV.")
    soup = soup_of(client, campaign.url)
    assert soup.select_one(".campaign__header a.button")["href"] == donation_page.url
    assert soup.select_one(".campaign__header .lead").get_text() == "Partagez leurs CV."
    donation_page.unpublish()
    soup = soup_of(client, campaign.url)
    assert soup.select_one(".campaign__header a.button") is None


def test_campaign_page_lists_its_news_newest_first_and_share_links(
    client, make_campaign, home_page
):
    from home.models import SiteIdentity

    identity = SiteIdentity.for_site(home_page.get_site())
    identity.default_share_text = "Soutenez la promotion de Lille #LinkedOut"
    identity.save()
    campaign = make_campaign(title="Campagne de Lille", slug="lille")
    for title, date, publish in (
        ("Lancement", days(-10), True),
        ("Premières embauches", days(-1), True),
        ("Brouillon", days(0), False),
    ):
        news = CampaignNewsPage(title=title, date=date, intro=f"{title}, en deux mots.", live=False)
        campaign.add_child(instance=news)
        revision = news.save_revision()
        if publish:
            revision.publish()

    soup = soup_of(client, campaign.url)
    titles = [a.get_text(strip=True) for a in soup.select(".campaign-news__title a")]
    assert titles == ["Premières embauches", "Lancement"]
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".share--page a")}
    assert set(links) == {"LinkedIn", "Facebook", "X", "WhatsApp", "E-mail"}
    assert links["X"].startswith("https://twitter.com/intent/tweet?text=Soutenez%20la%20promotion")
    assert "testserver%2Fcampagnes%2Flille%2F" in links["LinkedIn"]
    assert links["E-mail"].startswith("mailto:?subject=Campagne%20de%20Lille")
    assert soup.select("script[src^=http]") == []

    news_soup = soup_of(client, CampaignNewsPage.objects.get(title="Lancement").url)
    assert news_soup.select_one(".breadcrumb a")["href"] == campaign.url
    assert news_soup.select(".share--page a")


def test_featured_cvs_of_the_cohort_looking_first_never_hidden_nor_drafts(
    client, make_campaign, make_cv, cohort, other_cohort
):
    employed = make_cv(
        first_name="Employee", cohort=cohort, employment_status=EmploymentStatus.EMPLOYED
    )
    looking = [make_cv(first_name=f"Cherche{n}", cohort=cohort) for n in range(3)]
    make_cv(first_name="Cachee", cohort=cohort, employment_status=EmploymentStatus.HIDDEN)
    make_cv(first_name="Brouillon", cohort=cohort, publish=False)
    make_cv(first_name="Ailleurs", cohort=other_cohort)
    campaign = make_campaign(cohort=cohort, body=[cvs_block(count=6)])

    soup = soup_of(client, campaign.url)
    cards = soup.select(".featured-cvs .cv-card")
    names = [card.select_one(".cv-card__name").get_text(strip=True) for card in cards]
    assert sorted(names[:3]) == sorted(cv.public_name for cv in looking)
    assert names[3:] == [employed.public_name]
    # The employed candidate keeps the card's banner.
    assert "cv-card--employed" in cards[3]["class"]
    assert "a retrouvé un emploi" in cards[3].get_text()
    assert not any("cv-card--employed" in card["class"] for card in cards[:3])

    limited = make_campaign(title="Deux seulement", cohort=cohort, body=[cvs_block(count=2)])
    soup = soup_of(client, limited.url)
    names = [a.get_text(strip=True) for a in soup.select(".featured-cvs .cv-card__name a")]
    assert len(names) == 2 and employed.public_name not in names


def test_hand_picked_cvs_keep_their_order_and_skip_hidden_and_unpublished(
    client, make_campaign, make_cv, cohort
):
    first = make_cv(first_name="Premier")
    second = make_cv(first_name="Second", employment_status=EmploymentStatus.EMPLOYED)
    hidden = make_cv(first_name="Cache", employment_status=EmploymentStatus.HIDDEN)
    draft = make_cv(first_name="Brouillon", publish=False)
    campaign = make_campaign(
        cohort=cohort,
        body=[cvs_block(mode="picked", cvs=[second.pk, hidden.pk, draft.pk, first.pk])],
    )
    soup = soup_of(client, campaign.url)
    names = [a.get_text(strip=True) for a in soup.select(".featured-cvs .cv-card__name a")]
    assert names == [second.public_name, first.public_name]


def test_cohort_mode_without_a_cohort_shows_nothing(client, make_campaign, make_cv):
    make_cv(first_name="Quelqu'un")
    campaign = make_campaign(body=[cvs_block()])
    soup = soup_of(client, campaign.url)
    assert soup.select(".featured-cvs") == []
    assert soup.select(".cv-card") == []


def test_campaign_page_never_shows_a_candidates_last_name(
    client, make_campaign, make_cv, cohort, home_page
):
    cvs = [make_cv(last_name=f"Confidentiel{n}", cohort=cohort) for n in range(3)]
    campaign = make_campaign(
        cohort=cohort,
        goal_hires=3,
        body=[figures_block(), cvs_block(), cvs_block(mode="picked", cvs=[cvs[0].pk])],
    )
    home_page.featured_campaign = campaign
    home_page.save_revision().publish()
    for url in (campaign.url, "/campagnes/", "/"):
        html = client.get(url).content.decode()
        assert "Confidentiel" not in html, url
        assert "@prive.example" not in html, url
    assert cvs[0].public_name in client.get(campaign.url).content.decode()


def test_campaign_page_queries_do_not_grow_with_the_cohort(
    client, make_campaign, make_cv, cohort, other_cohort, donation_page
):
    def count_queries(campaign):
        client.get(campaign.url)  # settings rows and renditions made on first use
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(campaign.url)
        assert response.status_code == 200
        return len(queries)

    body = [figures_block(), cvs_block(count=24)]
    fields = {"goal_shares": 100, "goal_hires": 10, "goal_amount": 1000}
    small = make_campaign(
        title="Petite", cohort=other_cohort, donation_page=donation_page, body=body, **fields
    )
    large = make_campaign(
        title="Grande", cohort=cohort, donation_page=donation_page, body=body, **fields
    )
    for n in range(3):
        cv = make_cv(cohort=other_cohort, employment_status=["looking", "employed"][n % 2])
        share(cv, TODAY, 1)
        give(small, 1_000)
    for n in range(30):
        cv = make_cv(cohort=cohort, employment_status=["looking", "employed"][n % 2])
        share(cv, TODAY, 1)
        share(cv, days(-1), 1, channel="x")
        give(large, 1_000)

    assert count_queries(small) == count_queries(large)


# ---------------------------------------------------------------------------
# The campaign index and the home page
# ---------------------------------------------------------------------------


def test_index_lists_current_then_upcoming_then_past_campaigns(client, make_campaign, cohort):
    make_campaign(title="Passee ancienne", start_date=days(-400), end_date=days(-300))
    make_campaign(title="En cours recente", start_date=days(-5), end_date=days(30))
    make_campaign(title="A venir lointaine", start_date=days(60))
    make_campaign(title="Passee recente", start_date=days(-100), end_date=days(-1))
    make_campaign(title="En cours ancienne", start_date=days(-50))
    make_campaign(title="A venir proche", start_date=days(3), end_date=days(40))
    make_campaign(title="Brouillon", start_date=days(-5), publish=False)

    soup = soup_of(client, "/campagnes/")
    groups = {
        section.select_one("h2").get_text(strip=True): [
            a.get_text(strip=True) for a in section.select(".campaign-card__title a")
        ]
        for section in soup.select(".campaign-group")
    }
    assert list(groups) == ["Campagnes en cours", "Campagnes à venir", "Campagnes passées"]
    assert groups == {
        "Campagnes en cours": ["En cours recente", "En cours ancienne"],
        "Campagnes à venir": ["A venir proche", "A venir lointaine"],
        "Campagnes passées": ["Passee recente", "Passee ancienne"],
    }


def test_index_cards_show_cohort_region_french_dates_and_final_figures(
    client, make_campaign, make_cv, cohort
):
    from cv_pages.models import Region

    region = Region.objects.get(slug="hauts-de-france")
    campaign = make_campaign(
        title="Lille 2024",
        cohort=cohort,
        region=region,
        intro="Vingt candidats à Lille.",
        start_date=datetime.date(2024, 3, 1),
        end_date=datetime.date(2024, 6, 30),
        goal_shares=50,
    )
    share(make_cv(cohort=cohort), datetime.date(2024, 4, 2), 40)
    card = soup_of(client, "/campagnes/").select_one(".campaign-card--past")
    text = card.get_text(" ", strip=True)
    assert "Promotion 2 — Lille" in text and "Hauts-de-France" in text
    assert "Du 1er mars 2024 au 30 juin 2024" in text
    assert "Vingt candidats à Lille." in text
    assert "Bilan de la campagne" in text
    assert card.select_one(".campaign-figure--shares .campaign-figure__value").get_text() == "40"
    assert card.select_one(".campaign-figure--shares progress")["value"] == "80"
    assert card.select_one(".campaign-card__title a")["href"] == campaign.url


def test_home_page_features_the_chosen_campaign_until_it_is_unpublished(
    client, home_page, make_campaign, make_cv, cohort
):
    campaign = make_campaign(
        title="Promotion de Lille",
        cohort=cohort,
        intro="Vingt candidats, vingt chances.",
        start_date=days(-3),
        goal_shares=100,
        goal_hires=5,
    )
    share(make_cv(cohort=cohort, employment_status=EmploymentStatus.EMPLOYED), TODAY, 30)
    assert soup_of(client, "/").select(".featured-campaign") == []
    home_page.featured_campaign = campaign
    home_page.save_revision().publish()

    featured = soup_of(client, "/").select_one(".featured-campaign")
    assert featured.select_one("h2").get_text(strip=True) == "Promotion de Lille"
    assert featured.select_one("h2 a")["href"] == campaign.url
    assert "Vingt candidats, vingt chances." in featured.get_text()
    assert "Depuis le" in featured.select_one(".campaign-dates").get_text()
    assert shown_figures(featured) == {"shares": "30", "hires": "1"}
    assert featured.select_one(".campaign-figure--shares progress")["value"] == "30"

    CampaignPage.objects.get(pk=campaign.pk).unpublish()
    soup = soup_of(client, "/")
    assert soup.select(".featured-campaign") == []
    assert "Promotion de Lille" not in soup.get_text()


@override_settings(PAGE_CACHE_SECONDS=300)
def test_cached_pages_show_new_money_right_after_a_payment(client, home_page, make_campaign):
    campaign = make_campaign(goal_amount=1000, body=[figures_block(["money"])])
    home_page.featured_campaign = campaign
    home_page.save_revision().publish()
    give(campaign, 10_000)
    for url in (campaign.url, "/"):
        client.get(url)  # settings rows are created (and the cache emptied) on first use
    for url in (campaign.url, "/"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
        assert shown_figures(soup_of(client, url)) == {"money": "100\u00a0€"}
    payment = give(campaign, 5_000)
    for url in (campaign.url, "/"):
        assert shown_figures(soup_of(client, url)) == {"money": "150\u00a0€"}, url
    make_refund(payment, 5_000)
    for url in (campaign.url, "/"):
        assert shown_figures(soup_of(client, url)) == {"money": "100\u00a0€"}, url


def test_editor_previews_a_new_campaign_with_its_blocks(
    client, django_user_model, campaign_index, make_cv, cohort
):
    from django.urls import reverse
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    make_cv(first_name="Amina", cohort=cohort, employment_status=EmploymentStatus.EMPLOYED)
    give(None, 99_900)  # a donation without campaign: never counted for a new one
    client.force_login(
        django_user_model.objects.create_superuser("editrice", "editrice@example.com", "x")
    )
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("home", "campaignpage", campaign_index.pk)
    )
    data = nested_form_data(
        {
            "title": "Campagne en préparation",
            "slug": "en-preparation",
            "intro": "Bientôt en ligne.",
            "cohort": cohort.pk,
            "start_date": days(-1).isoformat(),
            "goal_hires": "2",
            "goal_amount": "100",
            "body": streamfield(
                [
                    ("campaign_figures", {"heading": "En direct", "figures": ["hires", "money"]}),
                    (
                        "featured_cvs",
                        {
                            "heading": "Ils cherchent",
                            "mode": "cohort",
                            "count": "6",
                            "cvs": streamfield([]),
                        },
                    ),
                ]
            ),
        }
    )
    # A multiple choice is one field with several values, not a nested list.
    data = {key: value for key, value in data.items() if "value-figures-" not in key}
    data["body-0-value-figures"] = ["hires", "money"]
    assert client.post(url, data).json()["is_valid"] is True
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert soup.select_one("h1").get_text(strip=True) == "Campagne en préparation"
    assert shown_figures(soup) == {"hires": "1", "money": "0\u00a0€"}
    assert [a.get_text(strip=True) for a in soup.select(".cv-card__name a")] == ["Amina S."]


def test_only_ledger_changes_that_move_money_empty_the_cached_pages(make_campaign):
    from home.page_cache import current_version

    campaign = make_campaign(goal_amount=1000, body=[figures_block(["money"])])
    pending = give(campaign, 5_000, status=PaymentStatus.PENDING)
    succeeded = give(campaign, 7_000)
    version = current_version()

    # A Stripe reference recorded on a payment: nothing a visitor sees changes.
    succeeded.stripe_charge_id = "ch_recorded_later"
    succeeded.save()
    # A SEPA debit that fails never counted.
    pending.status = PaymentStatus.FAILED
    pending.save()
    assert current_version() == version
    assert campaign_progress(campaign)["money"].value == 7_000

    # The same debit succeeding later does count, at once.
    reloaded = Payment.objects.get(pk=pending.pk)
    reloaded.status = PaymentStatus.SUCCEEDED
    reloaded.save()
    assert current_version() > version
    assert campaign_progress(campaign)["money"].value == 12_000
