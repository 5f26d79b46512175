"""Anonymous visitors get cached pages, never stale ones; editors always fresh ones."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from cv_pages.models import BusinessLine, CVPage, EmploymentStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on():
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


def test_second_anonymous_visit_is_served_from_the_cache_without_queries(
    client, make_cv, django_assert_num_queries
):
    cv = make_cv(first_name="Amina")
    urls = ("/", "/candidats/", "/candidats/?region=ile-de-france", cv.url)
    for url in urls:
        client.get(url)  # settings rows are created (and the cache emptied) on first use
    cache.clear()
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "miss"
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response["X-Page-Cache"] == "hit"
        assert response.status_code == 200
        assert "Content-Security-Policy" in response.headers


def test_publishing_a_change_shows_at_once(client, make_cv):
    cv = make_cv(first_name="Amina", catchphrase="Ancienne accroche")
    assert "Ancienne accroche" in client.get(cv.url).content.decode()
    assert "Ancienne accroche" in client.get("/candidats/").content.decode()
    cv.catchphrase = "Nouvelle accroche"
    cv.save_revision().publish()
    assert "Nouvelle accroche" in client.get(cv.url).content.decode()
    assert "Nouvelle accroche" in client.get("/candidats/").content.decode()


def test_hiding_or_unpublishing_a_cv_shows_at_once(client, make_cv):
    cv = make_cv(first_name="Amina")
    other = make_cv(first_name="Julie")
    assert "Amina" in client.get("/candidats/").content.decode()
    cv.employment_status = EmploymentStatus.HIDDEN
    cv.save_revision().publish()
    assert "Amina" not in client.get("/candidats/").content.decode()
    assert "Bonne nouvelle" in client.get(cv.url).content.decode()
    CVPage.objects.get(pk=other.pk).unpublish()
    assert "Julie" not in client.get("/candidats/").content.decode()


def test_reference_data_changes_show_at_once(client, make_cv):
    make_cv(first_name="Amina", business_lines=(("restauration", "commis"),))
    assert "Dans la restauration" in client.get("/candidats/").content.decode()
    line = BusinessLine.objects.get(slug="restauration")
    line.in_phrase = "dans les métiers de bouche"
    line.save()
    assert "Dans les métiers de bouche" in client.get("/candidats/").content.decode()


def test_each_language_has_its_own_cached_page(client, make_cv):
    make_cv(first_name="Amina")
    assert "Masquer les candidats en emploi" in client.get("/candidats/").content.decode()
    english = client.get("/candidats/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Hide candidates in work" in english
    assert "Masquer les candidats en emploi" in client.get("/candidats/").content.decode()


def test_logged_in_users_and_errors_are_never_cached(client, admin_client, make_cv):
    cv = make_cv(first_name="Amina")
    admin_client.get(cv.url)
    assert "X-Page-Cache" not in admin_client.get(cv.url).headers
    client.get("/nulle-part/")
    assert client.get("/nulle-part/").status_code == 404
    assert "X-Page-Cache" not in client.get("/nulle-part/").headers


def test_public_pages_carry_no_csrf_token_or_cookie(client, make_cv):
    cv = make_cv(first_name="Amina")
    for url in ("/", "/candidats/", cv.url):
        response = client.get(url)
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert not response.cookies


def test_a_request_reads_the_content_version_once(client, make_cv, monkeypatch):
    from home import page_cache

    make_cv(first_name="Amina")
    client.get("/candidats/")
    reads = []
    real_get = cache.get

    def counting_get(key, *args, **kwargs):
        if key == page_cache.VERSION_KEY:
            reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(page_cache.cache, "get", counting_get)
    response = client.get("/candidats/")
    assert response.status_code == 200
    # The page key, the menus, the footer and every share bar use it: one round trip.
    assert len(reads) == 1


def test_a_bump_during_a_request_is_seen_by_the_rest_of_that_request(db):
    from home import page_cache

    token = page_cache._request_memo.set({})
    try:
        before = page_cache.current_version()
        page_cache.bump_version()
        assert page_cache.current_version() == before + 1
    finally:
        page_cache._request_memo.reset(token)
