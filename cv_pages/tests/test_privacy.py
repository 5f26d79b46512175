"""Last names and contact details never reach a public response."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from cv_pages.models import EmploymentStatus

pytestmark = pytest.mark.django_db

PRIVATE = {
    "last_name": "Kowalczyk",
    "email": "amina.kowalczyk@courriel.example",
    "phone": "06 98 76 54 32",
    "postal_address": "12 impasse des Secrets, 93200 Saint-Denis",
}


def uploaded_portrait(filename):
    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 400), (200, 120, 80)).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=filename, file=ImageFile(io.BytesIO(buffer.getvalue()), name=filename)
    )


@pytest.fixture
def private_cv(make_cv):
    photo = uploaded_portrait("amina-kowalczyk-portrait.jpg")
    return make_cv(first_name="Amina", photo=photo, photo_consent=True, **PRIVATE)


def assert_nothing_private(content):
    lowered = content.lower()
    for value in PRIVATE.values():
        assert value.lower() not in lowered, value
    assert "kowalczyk" not in lowered


def test_public_pages_never_show_private_details(client, private_cv, make_cv):
    hidden = make_cv(
        first_name="Sara", employment_status=EmploymentStatus.HIDDEN, last_name="Zielinski"
    )
    urls = [
        "/",
        "/candidats/",
        "/candidats/?q=amina",
        "/candidats/?filtres=1&region=ile-de-france",
        private_cv.url,
        f"/candidats/{hidden.slug}/",
        "/sitemap.xml",
        "/robots.txt",
        "/candidats/inconnu/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert_nothing_private(response.content.decode())
        assert "zielinski" not in response.content.decode().lower()


def test_public_name_is_first_name_and_initial(private_cv, client):
    assert private_cv.title == "Amina K."
    assert private_cv.slug == "amina-k"
    assert "Amina K." in client.get(private_cv.url).content.decode()


def test_uploaded_portrait_file_names_do_not_carry_the_name(client, private_cv):
    content = client.get(private_cv.url).content.decode()
    assert "/media/images/" in content
    assert "portrait" not in private_cv.photo.file.name
    assert_nothing_private(content)


def test_photo_is_shown_only_with_consent(client, make_cv):
    photo = uploaded_portrait("portrait.jpg")
    cv = make_cv(first_name="Nora", photo=photo, photo_consent=True)
    assert "/media/images/" in client.get(cv.url).content.decode()
    cv.photo_consent = False
    cv.photo = None
    cv.save_revision().publish()
    assert "/media/images/" not in client.get(cv.url).content.decode()


def test_sitemap_lists_public_cvs_only(client, private_cv, make_cv):
    hidden = make_cv(first_name="Sara", employment_status=EmploymentStatus.HIDDEN)
    draft = make_cv(first_name="Paul", publish=False)
    content = client.get("/sitemap.xml").content.decode()
    assert private_cv.slug in content
    assert hidden.slug not in content
    assert draft.slug not in content


def test_admin_search_engine_index_does_not_hold_private_fields(private_cv):
    document = private_cv.search_document()
    assert_nothing_private(document)


def test_publishing_prepares_portrait_renditions_so_visitors_never_wait(client, make_cv):
    from home.models import SiteRendition

    cv = make_cv(first_name="Nora", photo=uploaded_portrait("p.jpg"), photo_consent=True)
    prepared = SiteRendition.objects.count()
    assert prepared == 12
    for url in (cv.url, "/candidats/"):
        assert client.get(url).status_code == 200
    assert SiteRendition.objects.count() == prepared
