"""`manage.py load_demo`: a full demo site, loaded once, and a no-op the second time."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from cv_pages import demo_data
from cv_pages.models import Coach, Cohort, CVIndexPage, CVPage, EmploymentStatus
from cv_pages.portraits import generate_portrait
from home.models import HomePage


def load_demo(**options):
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def counts():
    return {
        "cvs": CVPage.objects.count(),
        "home pages": HomePage.objects.count(),
        "listings": CVIndexPage.objects.count(),
        "coaches": Coach.objects.count(),
        "cohorts": Cohort.objects.count(),
        "users": get_user_model().objects.count(),
        "pages": Page.objects.count(),
    }


@pytest.fixture(autouse=True)
def small_portraits(monkeypatch):
    """Real portraits, but tiny: the drawing is tested below, not at 600 px × 30."""

    def small(seed, size=600, **looks):
        return generate_portrait(seed, 48, **looks)

    monkeypatch.setattr("cv_pages.management.commands.load_demo.generate_portrait", small)


@pytest.fixture
def demo(db):
    return load_demo()


@pytest.mark.django_db
def test_second_run_creates_nothing_and_prints_the_logins(demo):
    first = counts()
    second_output = load_demo()

    assert counts() == first
    assert first["cvs"] == len(demo_data.CANDIDATES) == 30
    assert first["home pages"] == first["listings"] == 1
    assert first["cohorts"] == 2  # the current promotion and the pilot one (home/demo.py)
    assert first["coaches"] == len(demo_data.COACHES)
    assert "déjà chargée" in second_output
    for output in (demo, second_output):
        assert "http://127.0.0.1:" in output and "/admin/" in output
        for username in ("admin", "coach", "moderateur"):
            assert username in output
        assert "linkedout-demo" in output


@pytest.mark.django_db
def test_home_page_is_the_site_root_and_the_listing_answers(demo, client):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert (home.title, home.depth) == ("Accueil", 2)
    assert home.live and home.latest_revision_id
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail").exists()
    assert [block.block_type for block in home.body] == [
        "hero",
        "counters",
        "cv_selection",
        "call_to_action_group",
        "text",
        "quote",
        "partner_strip",
        "supporters_wall",
    ]
    assert CVIndexPage.objects.get().url_path == "/accueil/candidats/"

    assert client.get("/candidats/").status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_cvs_are_published_with_varied_states(demo):
    cvs = CVPage.objects.child_of(CVIndexPage.objects.get(slug="candidats"))
    assert cvs.count() == 30
    assert not cvs.filter(live=False).exists()
    assert not cvs.filter(latest_revision__isnull=True).exists()
    assert cvs.filter(employment_status=EmploymentStatus.EMPLOYED).count() >= 5
    assert cvs.filter(employment_status=EmploymentStatus.HIDDEN).count() >= 2
    assert cvs.currently_employed().filter(employed_until__isnull=False).exists()
    assert cvs.public().looking().count() >= 20
    # Some without photo, to show the placeholder; never a photo without consent.
    assert cvs.filter(photo__isnull=True, photo_consent=False).count() >= 2
    assert not cvs.filter(photo__isnull=False, photo_consent=False).exists()
    # Public names only: "Amina B.", never the last name in the title or the address.
    amina = cvs.get(first_name="Amina")
    assert (amina.title, amina.slug) == ("Amina B.", "amina-b")
    assert amina.coach is not None and amina.cohort.slug == "promotion-1"
    # Several update months, for the listing's order.
    assert len({cv.last_published_at.strftime("%Y-%m") for cv in cvs}) >= 2
    # Indexed once, after the bulk load: accent-free search finds "Électricien".
    assert [cv.first_name for cv in CVPage.objects.live().search("electricien")] == ["Dimitri"]


@pytest.mark.django_db
def test_demo_logins(demo):
    users = get_user_model().objects
    admin = users.get(username="admin")
    assert admin.is_superuser and admin.check_password("linkedout-demo")
    assert users.get(username="coach").groups.filter(name="Coachs").exists()
    assert users.get(username="moderateur").groups.filter(name="Moderators").exists()
    assert Coach.objects.get(user__username="coach").first_name == "Claire"


@pytest.mark.django_db
def test_more_cvs_are_generated_on_request_and_only_once(db):
    load_demo(cvs=34)
    assert CVPage.objects.count() == 34
    load_demo(cvs=34)
    assert CVPage.objects.count() == 34
    slugs = list(CVPage.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))


def test_portraits_are_deterministic_jpegs():
    first = generate_portrait(7, 120)
    assert first[:3] == b"\xff\xd8\xff"
    assert generate_portrait(7, 120) == first
    assert generate_portrait(8, 120) != first
    assert generate_portrait(7, 120, presentation="f", skin_tone=6, hair_style="bun")[:2] == (
        b"\xff\xd8"
    )
