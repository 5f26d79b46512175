"""The CV's printable and downloadable forms, in a real browser.

The set-up (browser, tabs, live server, marks) is in tests/browser_support.py.
"""

import pytest
from playwright.sync_api import expect

from tests.browser_support import BROWSER_MARKS

pytestmark = BROWSER_MARKS


@pytest.fixture
def tab(open_page, site_on_live_server):
    page = open_page()
    # Chromium's print dialog would block a headless test: count the calls instead.
    page.add_init_script(
        "window.print = function () { window.__printed = (window.__printed || 0) + 1; };"
    )
    return page


def test_download_and_print_the_cv(tab, console_errors, live_server, make_cv):
    amina = make_cv(
        first_name="Amina",
        last_name="Benali",
        catchphrase="Commis de cuisine rapide et souriante",
        business_lines=(("restauration", "commis de cuisine"),),
    )
    tab.goto(f"{live_server.url}{amina.url}")

    print_button = tab.get_by_role("button", name="Imprimer")
    expect(print_button).to_be_visible()
    print_button.click()
    assert tab.evaluate("window.__printed") == 1

    with tab.expect_download() as download_info:
        tab.get_by_role("link", name="Télécharger le CV (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "CV-Amina-B.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    # On paper: the CV alone, black on white, without the site's buttons and links.
    tab.emulate_media(media="print")
    expect(tab.locator(".cv-document-actions")).to_be_hidden()
    expect(tab.locator(".site-nav")).to_be_hidden()
    expect(tab.locator(".site-footer")).to_be_hidden()
    expect(tab.locator("[data-share]").first).to_be_hidden()
    expect(tab.locator("#cv-name")).to_be_visible()
    expect(tab.locator(".cv__catchphrase")).to_be_visible()
    colours = tab.evaluate(
        "() => [getComputedStyle(document.body).backgroundColor,"
        " getComputedStyle(document.querySelector('#cv-name')).color]"
    )
    assert colours == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]
    assert console_errors == []


def test_print_button_needs_javascript(new_context, live_server, home_page, make_cv):
    cv = make_cv(first_name="Driss")
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"{live_server.url}{cv.url}")
    expect(page.get_by_role("link", name="Télécharger le CV (PDF)")).to_be_visible()
    expect(page.locator("[data-print]")).to_be_hidden()
