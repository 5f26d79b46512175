"""Fixtures shared by every app's tests: a site tree, a CV factory, the donation page and
receipt settings (and, as a plugin, the browser tests' set-up: tests/browser_support.py)."""

import itertools

import pytest
from django.core.cache import caches

_counter = itertools.count(1)

# The browser tests' fixtures (Playwright, Chromium, live server), for every test directory.
pytest_plugins = ["tests.browser_support"]


def pytest_collection_modifyitems(items):
    """Mark every test that commits for real (transaction=True) as `transactional`.

    Such a test empties the database when it ends, taking the data migrations' rows (the
    root page, groups, départements) with it; `make test` therefore runs them in a session
    of their own, after the parallel one (serialized_rollback brings the rows back for
    each of them).
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction"):
            item.add_marker(pytest.mark.transactional)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Image ids come back after a rollback: a remembered rendition would outlive its row.
    for alias in ("default", "renditions"):
        caches[alias].clear()
    yield
    for alias in ("default", "renditions"):
        caches[alias].clear()


@pytest.fixture
def home_page(db):
    from wagtail.models import Page, Site

    from home.models import HomePage

    root = Page.get_first_root_node()
    home = HomePage(title="Accueil", slug="accueil")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.hostname = "testserver"
    site.save()
    if old_root.pk != home.pk and old_root.depth > 1:
        old_root.delete()
    home.refresh_from_db()
    return home


@pytest.fixture
def donation_page(home_page):
    """The donation page at /don/: three preset amounts, from 10 to 5 000 €, both frequencies."""
    from donations.tests.helpers import create_donation_page

    return create_donation_page(home_page)


@pytest.fixture
def receipt_settings(home_page):
    """The association's details printed on the receipts, all filled in."""
    from donations.tests.helpers import fill_receipt_settings

    return fill_receipt_settings()


@pytest.fixture
def cv_index(home_page):
    from cv_pages.models import CVIndexPage

    index = CVIndexPage(title="Les candidats", slug="candidats", intro="Ils cherchent un emploi.")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_cv(cv_index):
    """Create a CV under the listing; published unless `publish=False`."""
    from cv_pages.models import (
        BusinessLine,
        CareerPathItem,
        ContractType,
        CVPage,
        Department,
    )

    def factory(
        *,
        first_name=None,
        last_name=None,
        business_lines=(("logistique-et-approvisionnement", "cariste"),),
        departments=("75",),
        contracts=("cdi",),
        publish=True,
        parent=None,
        **fields,
    ):
        number = next(_counter)
        cv = CVPage(
            first_name=first_name or f"Prénom{number}",
            last_name=last_name or f"Secretnom{number}",
            catchphrase=fields.pop("catchphrase", "Je mets mon sérieux au service de votre équipe"),
            story=fields.pop(
                "story", "J'ai travaillé dix ans en entrepôt avant une période difficile."
            ),
            email=fields.pop("email", f"candidat{number}@prive.example"),
            phone=fields.pop("phone", f"06 12 34 {number % 100:02d} 99"),
            postal_address=fields.pop("postal_address", f"{number} rue Cachée, 75011 Paris"),
            live=False,
            **fields,
        )
        cv.career_path = [
            CareerPathItem(business_line=BusinessLine.objects.get(slug=slug), target_job=job)
            for slug, job in business_lines
        ]
        (parent or cv_index).add_child(instance=cv)
        cv.locations.set(Department.objects.filter(code__in=departments))
        cv.contract_types.set(ContractType.objects.filter(slug__in=contracts))
        revision = cv.save_revision()
        if publish:
            revision.publish()
        cv.refresh_from_db()
        return CVPage.objects.get(pk=cv.pk)

    return factory
