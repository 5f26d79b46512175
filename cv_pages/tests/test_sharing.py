"""Sharing a CV: buttons, honest counting, views apart, staff report and dashboard."""

import datetime
import html
import io
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.test import override_settings
from wagtail.models import Site

from cv_pages import sharing
from cv_pages.models import (
    CVPage,
    CVShare,
    CVShareDaily,
    CVViewDaily,
    EmploymentStatus,
    SharingSettings,
)
from cv_pages.stats import live_counters

pytestmark = pytest.mark.django_db

SHARE_URL = "/partages/"
VIEW_URL = "/vues/"
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 Test", "REMOTE_ADDR": "203.0.113.7"}


def share(client, cv, channel="linkedin", **extra):
    return client.post(SHARE_URL, {"cv": cv.pk, "channel": channel}, **{**BROWSER, **extra})


def share_count(cv):
    return CVPage.objects.get(pk=cv.pk).share_count


@pytest.fixture
def editor_text(home_page):
    site = Site.objects.get(is_default_site=True)
    settings = SharingSettings.for_site(site)
    settings.share_text = "Aidez {prenom} à devenir {metier} ! #LinkedOut"
    settings.utm_campaign = "promo-printemps"
    settings.save()
    return settings


def hrefs_of(content, prefix):
    """The share addresses (data-share-url) in a page that start with prefix."""
    found = []
    text = content.decode()
    for chunk in text.split('data-share-url="')[1:]:
        url = html.unescape(chunk.split('"', 1)[0])
        if url.startswith(prefix):
            found.append(url)
    return found


# ---------------------------------------------------------------------------
# Buttons
# ---------------------------------------------------------------------------


def test_cv_page_has_every_share_button_with_utm_and_the_editors_text(client, make_cv, editor_text):
    cv = make_cv(
        first_name="Amina", business_lines=(("logistique-et-approvisionnement", "cariste"),)
    )
    content = client.get(cv.url).content

    (linkedin,) = hrefs_of(content, "https://www.linkedin.com/sharing/share-offsite/")
    shared = parse_qs(urlsplit(linkedin).query)["url"][0]
    assert shared.startswith(f"http://testserver{cv.url}?")
    assert parse_qs(urlsplit(shared).query) == {
        "utm_source": ["linkedin"],
        "utm_medium": ["social"],
        "utm_campaign": ["promo-printemps"],
    }

    (tweet,) = hrefs_of(content, "https://twitter.com/intent/tweet")
    query = parse_qs(urlsplit(tweet).query)
    assert query["text"] == ["Aidez Amina à devenir cariste ! #LinkedOut"]
    assert "utm_source=x" in query["url"][0]

    (facebook,) = hrefs_of(content, "https://www.facebook.com/sharer/sharer.php")
    assert "utm_source=facebook" in parse_qs(urlsplit(facebook).query)["u"][0]
    (whatsapp,) = hrefs_of(content, "https://wa.me/")
    assert "Aidez Amina" in unquote(whatsapp) and "utm_source=whatsapp" in unquote(whatsapp)
    (mail,) = hrefs_of(content, "mailto:")
    assert "utm_medium=email" in unquote(mail) and "Un CV à partager : Amina" in unquote(mail)

    page = content.decode()
    assert "Copier le lien" in page and "data-share-native" in page
    # New tab, no referrer leak to the network from the form, no third-party script.
    assert 'target="_blank" rel="noopener"' in page
    assert "<script" not in page.split("<body", 1)[1].replace('<script src="/static/', "")
    assert "Secretnom" not in page


def test_cards_in_the_listing_have_share_buttons(client, make_cv, cv_index, editor_text):
    make_cv(first_name="Bintou", business_lines=(("restauration", "commis de cuisine"),))
    content = client.get(cv_index.url).content
    (tweet,) = hrefs_of(content, "https://twitter.com/intent/tweet")
    assert parse_qs(urlsplit(tweet).query)["text"] == [
        "Aidez Bintou à devenir commis de cuisine ! #LinkedOut"
    ]
    assert len(hrefs_of(content, "https://www.linkedin.com/")) == 1


def test_editing_the_settings_changes_the_text_at_once(client, make_cv, editor_text):
    cv = make_cv(first_name="Chloé")
    client.get(cv.url)  # caches the settings
    editor_text.share_text = "Nouveau texte pour {prenom} #LinkedOut"
    editor_text.save()
    (tweet,) = hrefs_of(client.get(cv.url).content, "https://twitter.com/intent/tweet")
    assert parse_qs(urlsplit(tweet).query)["text"] == ["Nouveau texte pour Chloé #LinkedOut"]


def test_a_bad_placeholder_is_refused_in_the_settings(home_page):
    settings = SharingSettings(site=Site.objects.get(is_default_site=True))
    settings.share_text = "Partagez {nom} !"
    with pytest.raises(Exception) as error:
        settings.full_clean()
    assert "{prenom}" in str(error.value)


# ---------------------------------------------------------------------------
# Counting
# ---------------------------------------------------------------------------


def test_same_visitor_same_cv_same_channel_same_day_counts_once(client, make_cv):
    cv = make_cv()
    assert share(client, cv).status_code == 204
    assert share(client, cv).status_code == 204
    assert share_count(cv) == 1
    assert CVShareDaily.objects.get(cv=cv, channel="linkedin").count == 1

    share(client, cv, channel="whatsapp")
    assert share_count(cv) == 2

    share(client, cv, REMOTE_ADDR="198.51.100.9")  # someone else
    assert share_count(cv) == 3
    assert CVShareDaily.objects.get(cv=cv, channel="linkedin").count == 2


def test_the_next_day_counts_again(client, make_cv, monkeypatch):
    cv = make_cv()
    share(client, cv)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(sharing.timezone, "localdate", lambda: tomorrow)
    share(client, cv)
    assert share_count(cv) == 2
    assert sorted(CVShareDaily.objects.values_list("count", flat=True)) == [1, 1]


def test_no_personal_data_is_stored_for_a_share(client, make_cv):
    cv = make_cv()
    share(client, cv)
    row = CVShare.objects.get()
    assert "203.0.113.7" not in row.visitor and "Mozilla" not in row.visitor
    assert len(row.visitor) == 64


def test_a_concurrent_duplicate_is_not_counted_twice(make_cv):
    cv = make_cv()
    day = datetime.date.today()
    assert sharing.record_share(cv.pk, "x", "a" * 64, day) is True
    # What the second of two simultaneous posts meets: the unique constraint.
    assert sharing.record_share(cv.pk, "x", "a" * 64, day) is False
    assert share_count(cv) == 1
    assert CVShareDaily.objects.get().count == 1


def test_json_answer_says_whether_it_counted(client, make_cv):
    cv = make_cv()
    first = share(client, cv, HTTP_ACCEPT="application/json")
    again = share(client, cv, HTTP_ACCEPT="application/json")
    assert (first.status_code, first.json()) == (201, {"counted": True})
    assert (again.status_code, again.json()) == (200, {"counted": False})


def test_without_javascript_the_form_counts_then_goes_to_the_network(client, make_cv):
    cv = make_cv()
    response = client.post(
        SHARE_URL, {"cv": cv.pk, "channel": "linkedin", "redirect": "1"}, **BROWSER
    )
    assert response.status_code == 303
    assert response["Location"].startswith("https://www.linkedin.com/sharing/share-offsite/?url=")
    assert "utm_source%3Dlinkedin" in response["Location"]
    assert share_count(cv) == 1


def test_publishing_a_revision_keeps_the_shares_counted_since(client, make_cv):
    cv = make_cv()
    revision = cv.get_latest_revision()
    share(client, cv)
    share(client, cv, channel="whatsapp")
    revision.publish()
    assert share_count(cv) == 2


def test_sharing_does_not_create_a_revision(client, make_cv):
    cv = make_cv()
    revisions = cv.revisions.count()
    share(client, cv)
    assert cv.revisions.count() == revisions


@override_settings(RATELIMIT_ENABLE=True)
def test_a_flood_is_refused_with_429(client, make_cv):
    cv = make_cv()
    statuses = [share(client, cv, HTTP_ACCEPT="application/json").status_code for _ in range(30)]
    assert 429 not in statuses
    refused = share(client, cv, HTTP_ACCEPT="application/json")
    assert refused.status_code == 429
    assert "Trop de partages" in refused.json()["message"]
    # Another visitor is not affected.
    assert share(client, cv, REMOTE_ADDR="198.51.100.20").status_code == 204


def test_unknown_channel_is_refused(client, make_cv):
    response = share(client, make_cv(), channel="myspace")
    assert response.status_code == 400
    assert "canal" in response.content.decode()


def test_unknown_hidden_or_unpublished_cv_is_refused(client, make_cv):
    hidden = make_cv(employment_status=EmploymentStatus.HIDDEN)
    draft = make_cv(publish=False)
    for cv_id in (999999, "abc", hidden.pk, draft.pk):
        response = client.post(SHARE_URL, {"cv": cv_id, "channel": "x"}, **BROWSER)
        assert response.status_code == 404, cv_id
        assert "plus en ligne" in response.content.decode()
    assert CVShare.objects.count() == 0


def test_get_is_refused_with_405(client):
    response = client.get(SHARE_URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert client.get(VIEW_URL).status_code == 405


def test_cross_site_posts_are_refused(client, make_cv):
    cv = make_cv()
    response = share(client, cv, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert share(client, cv, HTTP_REFERER="https://evil.example/page").status_code == 403
    assert share_count(cv) == 0
    assert share(client, cv, HTTP_ORIGIN="http://testserver").status_code == 204
    assert share_count(cv) == 1


def test_share_count_moves_the_cv_down_the_listing(client, make_cv, cv_index):
    first = make_cv(first_name="Alpha")
    second = make_cv(first_name="Bravo")

    def order():
        content = client.get(cv_index.url).content.decode()
        return sorted((first, second), key=lambda cv: content.index(cv.public_name))

    leader, follower = order()
    share(client, leader)
    assert order() == [follower, leader]


# ---------------------------------------------------------------------------
# Views, counted apart
# ---------------------------------------------------------------------------


def test_views_are_counted_apart_from_shares(client, make_cv):
    cv = make_cv()
    assert client.post(VIEW_URL, {"cv": cv.pk}, **BROWSER).status_code == 204
    client.post(VIEW_URL, {"cv": cv.pk}, **BROWSER)  # same visitor, same day
    client.post(VIEW_URL, {"cv": cv.pk}, **{**BROWSER, "REMOTE_ADDR": "198.51.100.3"})
    assert CVViewDaily.objects.get(cv=cv).views == 2
    assert share_count(cv) == 0
    assert not CVShareDaily.objects.exists()
    assert (
        client.post(VIEW_URL, {"cv": cv.pk}, HTTP_ORIGIN="https://evil.example").status_code == 403
    )


def test_cv_page_asks_the_script_to_count_its_view(client, make_cv):
    cv = make_cv()
    assert 'data-view-endpoint="/vues/"' in client.get(cv.url).content.decode()


# ---------------------------------------------------------------------------
# Live figures
# ---------------------------------------------------------------------------


def test_live_counters_include_the_shares(client, make_cv):
    cv = make_cv()
    share(client, cv)
    share(client, cv, channel="email")
    assert live_counters()["shared"] == 2


def test_counters_block_and_cv_page_show_shares(client, make_cv, home_page):
    cv = make_cv()
    share(client, cv)
    share(client, cv, channel="x")
    home_page.body = [("counters", {"heading": "En direct", "counters": ["published", "shared"]})]
    home_page.save_revision().publish()
    page = client.get(home_page.url).content.decode()
    assert "partages de CV" in page
    assert 'counter--shared"><span class="counter__value">2</span>' in page
    assert "Partagé 2 fois" in client.get(cv.url).content.decode()


# ---------------------------------------------------------------------------
# Staff: report, exports, dashboard
# ---------------------------------------------------------------------------


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("modo", "modo@example.org", "x")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def shares_for_report(client, make_cv):
    amina = make_cv(first_name="Amina", last_name="Berrada")
    bruno = make_cv(first_name="Bruno", last_name="Costa")
    day = datetime.date.today()
    CVShareDaily.objects.create(cv=amina, channel="linkedin", day=day, count=5)
    CVShareDaily.objects.create(
        cv=amina, channel="linkedin", day=day - datetime.timedelta(1), count=2
    )
    CVShareDaily.objects.create(cv=amina, channel="whatsapp", day=day, count=1)
    CVShareDaily.objects.create(
        cv=bruno, channel="email", day=day - datetime.timedelta(days=40), count=3
    )
    return amina, bruno


def test_report_lists_shares_per_cv_and_channel(client, make_cv, moderator):
    shares_for_report(client, make_cv)
    client.force_login(moderator)
    response = client.get("/admin/reports/partages/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Amina B." in page and "Bruno C." in page
    assert "LinkedIn" in page and "WhatsApp" in page

    since = (datetime.date.today() - datetime.timedelta(days=7)).isoformat()
    recent = client.get("/admin/reports/partages/", {"day_from": since}).content.decode()
    assert "Amina B." in recent and "Bruno C." not in recent
    only_whatsapp = client.get("/admin/reports/partages/results/", {"channel": "whatsapp"})
    assert "WhatsApp" in only_whatsapp.content.decode()
    assert "LinkedIn" not in only_whatsapp.content.decode()


def test_report_csv_export_contains_the_rows(client, make_cv, moderator):
    amina, bruno = shares_for_report(client, make_cv)
    client.force_login(moderator)
    response = client.get("/admin/reports/partages/", {"export": "csv"})
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "Identifiant du CV,CV,Canal,Partages,Premier jour,Dernier jour"
    assert f"{amina.pk},Amina B.,linkedin,7" in "\n".join(lines)
    assert f"{bruno.pk},Bruno C.,email,3" in "\n".join(lines)
    xlsx = client.get("/admin/reports/partages/", {"export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_report_and_panel_need_the_permission(client, make_cv):
    shares_for_report(client, make_cv)
    coach = User.objects.create_user("coach", "c@example.org", "x")
    coach.groups.add(Group.objects.get(name="Coachs"))
    client.force_login(coach)
    assert client.get("/admin/reports/partages/").status_code in (302, 403)
    assert "Partages de la semaine" not in client.get("/admin/").content.decode()


def test_dashboard_panel_shows_the_weeks_figures(client, make_cv, moderator):
    shares_for_report(client, make_cv)
    CVViewDaily.objects.create(cv=CVPage.objects.first(), day=datetime.date.today(), views=12)
    client.force_login(moderator)
    page = client.get("/admin/").content.decode()
    assert "Partages de la semaine" in page
    assert "8 partages de CV" in page  # 5 + 2 + 1; Bruno's are 40 days old
    assert "12 vues de CV" in page
    assert "Amina B." in page and "Bruno C." not in page
    assert "/admin/reports/partages/" in page


def test_report_is_in_the_reports_menu(client, make_cv, moderator):
    client.force_login(moderator)
    assert "/admin/reports/partages/" in client.get("/admin/").content.decode()


# ---------------------------------------------------------------------------
# Query counts stay flat
# ---------------------------------------------------------------------------


def test_share_buttons_add_no_query_per_card(
    client, make_cv, cv_index, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_cv()
    client.get(cv_index.url)
    with CaptureQueriesContext(connection) as captured:
        client.get(cv_index.url)
        few = len(captured.captured_queries)
    assert few > 0
    for _ in range(6):
        make_cv()
    client.get(cv_index.url)
    with django_assert_max_num_queries(few):
        response = client.get(cv_index.url)
    assert response.content.decode().count("data-share-form") == 7 * 5


def test_another_page_id_is_not_a_cv(client, cv_index):
    response = client.post(SHARE_URL, {"cv": cv_index.pk, "channel": "x"}, **BROWSER)
    assert response.status_code == 404


def test_purging_visitor_rows_keeps_the_daily_totals(client, make_cv):
    from django.core.management import call_command

    cv = make_cv()
    old_day = datetime.date.today() - datetime.timedelta(days=5)
    sharing.record_share(cv.pk, "x", "b" * 64, old_day)
    share(client, cv)
    output = io.StringIO()
    call_command("purge_share_visitors", stdout=output)
    assert "1 empreinte" in output.getvalue()
    assert list(CVShare.objects.values_list("day", flat=True)) == [datetime.date.today()]
    assert CVShareDaily.objects.get(day=old_day).count == 1
    assert share_count(cv) == 2
