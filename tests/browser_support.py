"""What every browser test shares: Playwright driving Debian's Chromium, offline.

A pytest plugin (registered by the root conftest.py, so its fixtures reach every test
directory) and the constants the test modules import. A browser test module needs only

    from tests.browser_support import BROWSER_MARKS

    pytestmark = BROWSER_MARKS

and asks for the fixtures: `page` (a tab), `open_page` (more tabs, each with its own
session), `new_context` (a bare browser context), `browser`, `console_errors` and
`site_on_live_server`. A module that needs more Chromium switches overrides the
`chromium_args` fixture.

The site runs on pytest-django's `live_server`, so the database is transactional: each
test starts from the migrated data (groups, workflow, reference tables), restored by
`serialized_rollback` after the previous test's flush.
"""

import re
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
TIMEOUT_MS = 10_000
VIEWPORT = {"width": 1280, "height": 900}
# Any address outside the live server.
EXTERNAL_URL = re.compile(r"^https?://(?!(localhost|127\.0\.0\.1)(:\d+)?/)")

BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason="Chromium n'est pas installé : apt-get install -y chromium (.ci/run l'installe)",
    ),
    # The live server answers from another thread, so the data must be committed. The
    # flush after each test also empties the tables filled by data migrations (groups,
    # workflow, régions, secteurs…): serialized_rollback puts them back before each test.
    # `make test` runs these in a pytest session of their own (conftest.py marks them
    # `transactional`): the final flush would leave the data-migration tables empty for
    # any test that came after them.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def answer_empty(route):
    """The default answer to any request outside the live server: 204, nothing."""
    route.fulfill(status=204, body="")


def wait_for(page, condition, timeout=5.0):
    """Poll while letting Playwright deliver its events (time.sleep would block them)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        page.wait_for_timeout(100)
    return condition()


@pytest.fixture(scope="module")
def chromium_args():
    """Chromium's switches; a module overrides this fixture to add its own."""
    return list(CHROMIUM_ARGS)


@pytest.fixture(scope="module")
def browser(django_db_setup, chromium_args):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Between two sync calls, Playwright leaves its event loop marked as running in this
    # thread, and Django takes the ORM calls of the tests for async code:
    # - its async-safety check would refuse them. The variable is set only while the
    #   browser runs, not at import time: subprocesses started by other tests in the same
    #   session inherit the environment, and `check --deploy` rejects it (async.E001).
    # - it keeps database connections in a separate, "async" storage and opens new ones
    #   there, which are not the test database connections holding the serialized data
    #   restored before each test. Put the same connections there.
    sync_connections = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, connection in sync_connections.items():
            connections[alias] = connection
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=chromium_args
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser):
    """Open a browser context: its own cookies, so its own session; closed after the test.

    French, 1280×900, 10 s timeouts, and offline: anything outside the live server (the
    admin's Gravatar avatars…) gets `offline`'s answer instead of a DNS failure logged in
    the console. Other keyword arguments go to `Browser.new_context`.
    """
    contexts = []

    def open_context(*, offline=answer_empty, **options):
        context = browser.new_context(**{"locale": "fr-FR", "viewport": VIEWPORT, **options})
        contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        context.route(EXTERNAL_URL, offline)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def console_errors():
    """Errors logged in the console of every page the test opens, and uncaught exceptions."""
    return []


@pytest.fixture
def open_page(new_context, console_errors):
    """Open a tab in a fresh context (see `new_context`, which takes the same arguments)."""

    def on_console(message):
        if message.type == "error":
            console_errors.append(f"{message.text} ({message.location.get('url')})")

    def open_tab(**options):
        tab = new_context(**options).new_page()
        tab.on("console", on_console)
        tab.on("pageerror", lambda error: console_errors.append(f"uncaught: {error}"))
        return tab

    return open_tab


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture
def site_on_live_server(home_page, live_server):
    """Point the default Wagtail Site at the live server; its base URL.

    Routing works without it (a default Site answers any host), but absolute URLs
    (canonical link, og:url) would name conftest's "testserver".
    """
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    site.hostname = "localhost"
    site.port = int(live_server.url.rsplit(":", 1)[1])
    site.save()  # save(), not update(): it clears Wagtail's cached site root paths
    return live_server.url
