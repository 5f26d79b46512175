"""Query counts stay flat as the number of CVs grows."""

import io

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model

from cv_pages.models import BusinessLine, CareerPathItem, CVPage, Department

pytestmark = pytest.mark.django_db

LISTING_BUDGET = 12
CV_PAGE_BUDGET = 10


@pytest.fixture
def photo(db):
    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 300), (90, 140, 160)).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title="p", file=ImageFile(io.BytesIO(buffer.getvalue()), name="p.jpg")
    )


def add_cvs(cv_index, count, photo):
    """Published CVs with photo, two career steps and two départements each."""
    lines = list(BusinessLine.objects.all()[:2])
    departments = list(Department.objects.filter(code__in=["75", "93"]))
    for number in range(count):
        cv = CVPage(
            first_name=f"Nombre{CVPage.objects.count() + number}",
            last_name="Q",
            catchphrase="Toujours prêt à apprendre",
            photo=photo,
            photo_consent=True,
        )
        cv.career_path = [CareerPathItem(business_line=line, target_job="agent") for line in lines]
        cv.locations = departments
        cv_index.add_child(instance=cv)
        cv.save_revision().publish()


def count_queries(client, url):
    client.get(url)  # warm caches (site root paths, taxonomy, renditions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


URLS = [
    "/candidats/",
    "/candidats/?filtres=1&region=ile-de-france&secteur={line}&contrat=&q=pret",
]


def test_listing_and_cv_page_queries_do_not_grow_with_cvs(
    client, cv_index, photo, django_assert_max_num_queries
):
    add_cvs(cv_index, 10, photo)
    line = BusinessLine.objects.first().slug
    urls = [url.format(line=line) for url in URLS]
    cv_url = CVPage.objects.live().first().url
    small = {url: count_queries(client, url) for url in [*urls, cv_url, "/"]}
    for url in urls:
        assert small[url] <= LISTING_BUDGET, (url, small[url])
    assert small[cv_url] <= CV_PAGE_BUDGET

    add_cvs(cv_index, 190, photo)
    assert CVPage.objects.live().count() == 200
    for url, budget in small.items():
        client.get(url)
        with django_assert_max_num_queries(budget):
            response = client.get(url)
        assert response.status_code == 200
