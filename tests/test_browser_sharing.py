"""Sharing a CV in a real browser: one click opens the network, the share counts once.

The set-up (browser, contexts, live server, marks) is in tests/browser_support.py.
Nothing leaves the machine: every request to another host gets an empty answer.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser_support import BROWSER_MARKS, CHROMIUM_ARGS, wait_for

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def chromium_args():
    return [
        *CHROMIUM_ARGS,
        # Redirects escape Playwright's routes (only a chain's first URL is routed): no
        # name outside the machine resolves, so the share pages of the networks are never
        # reached.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    ]


def offline_page(route):
    """A page rather than new_context's empty answer: the network's popup must open."""
    route.fulfill(status=200, body="<title>hors ligne</title>", content_type="text/html")


@pytest.fixture
def context(new_context):
    external = []

    def offline(route):
        external.append(route.request.url)
        offline_page(route)

    context = new_context(offline=offline)
    context.external_requests = external
    return context


def test_sharing_on_linkedin_twice_counts_once(context, site_on_live_server, make_cv):
    from cv_pages.models import CVPage, CVShareDaily, CVViewDaily

    cv = make_cv(first_name="Amina")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with page.expect_response(lambda r: r.url.endswith("/vues/")) as view_response:
        page.goto(site_on_live_server + cv.url)
    assert view_response.value.status == 204

    box = page.locator("[data-share]")
    button = box.get_by_role("button", name=re.compile("Partager sur LinkedIn"))
    for _click in range(2):
        with (
            page.expect_response(lambda r: r.url.endswith("/partages/")) as counted,
            context.expect_page() as popup,
        ):
            button.click()
        assert counted.value.status == 204
        assert popup.value.url.startswith("https://www.linkedin.com/sharing/share-offsite/")
        popup.value.close()

    assert CVPage.objects.get(pk=cv.pk).share_count == 1
    assert CVShareDaily.objects.get(cv=cv, channel="linkedin").count == 1
    assert CVViewDaily.objects.get(cv=cv).views == 1  # views apart from shares
    thanks = box.get_by_role("status")
    expect(thanks).to_contain_text("Merci pour ce partage")
    expect(thanks.get_by_role("link", name="Faire un don")).to_have_attribute("href", "/don/")
    assert all(url.startswith("https://www.linkedin.com/") for url in context.external_requests)
    assert not errors


def test_without_javascript_the_share_form_counts_and_opens_the_network(
    new_context, site_on_live_server, make_cv
):
    from cv_pages.models import CVPage

    cv = make_cv(first_name="Bruno")
    context = new_context(java_script_enabled=False, offline=offline_page)
    responses, attempts = [], []
    context.on("response", lambda response: responses.append(response))
    # Requests after a redirect show up as failed: their host does not resolve here.
    context.on("requestfailed", lambda request: attempts.append((request.url, request.failure)))
    page = context.new_page()
    page.goto(site_on_live_server + cv.url)
    expect(page.get_by_role("button", name=re.compile("Copier le lien"))).to_be_hidden()
    page.get_by_role("button", name=re.compile("Partager sur WhatsApp")).click()
    assert wait_for(page, lambda: any(r.url.endswith("/partages/") for r in responses))
    (counted,) = [r for r in responses if r.url.endswith("/partages/")]
    assert counted.status == 303
    assert counted.headers["location"].startswith("https://wa.me/?text=")
    # The browser followed the redirect: the page's CSP (form-action) let it through.
    assert wait_for(page, lambda: any(url.startswith("https://wa.me/") for url, _f in attempts))
    assert all("CSP" not in (failure or "") for _url, failure in attempts)
    assert CVPage.objects.get(pk=cv.pk).share_count == 1
