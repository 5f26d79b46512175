"""The CV's limits hold on save too, with clear French messages."""

import datetime
import io
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model

from cv_pages.models import BusinessLine, CareerPathItem, CVPage

pytestmark = pytest.mark.django_db


def errors_of(cv):
    with pytest.raises(ValidationError) as caught:
        cv.full_clean()
    return {field: " ".join(messages) for field, messages in caught.value.message_dict.items()}


@pytest.fixture
def cv(make_cv):
    return make_cv(first_name="Amina", last_name="Benali")


def test_catchphrase_over_80_characters(cv):
    cv.catchphrase = "a" * 81
    assert "80 caractères" in errors_of(cv)["catchphrase"]


def test_story_over_1500_characters(cv):
    cv.story = "a" * 1501
    assert "1500caractères" in errors_of(cv)["story"].replace("\u202f", "").replace(" ", "")


def test_more_than_six_strengths(cv):
    cv.strengths = [("strength", f"Atout {number}") for number in range(7)]
    assert "6" in errors_of(cv)["strengths"]


def test_strength_over_40_characters(cv):
    cv.strengths = [("strength", "Ponctuel"), ("strength", "b" * 41)]
    message = errors_of(cv)["strengths"]
    assert "Élément 2" in message and "40 caractères" in message


def test_more_than_three_recommendations(cv):
    recommendation = {"name": "Claire", "role": "Cheffe", "text": "Fiable."}
    cv.recommendations = [("recommendation", recommendation)] * 4
    assert "3" in errors_of(cv)["recommendations"]


def test_experience_description_over_2000_characters(cv):
    cv.experiences = [("experience", {"title": "Cariste", "description": "c" * 2001})]
    assert "2000caractères" in errors_of(cv)["experiences"].replace("\u202f", "").replace(" ", "")


def test_more_than_two_career_paths(cv):
    cv.career_path = [
        CareerPathItem(business_line=line, target_job="agent")
        for line in BusinessLine.objects.all()[:3]
    ]
    assert "deux secteurs au plus" in errors_of(cv)["__all__"]


def test_photo_needs_the_candidates_consent(cv):
    buffer = io.BytesIO()
    PILImage.new("RGB", (10, 10)).save(buffer, "PNG")
    cv.photo = get_image_model().objects.create(
        title="p", file=ImageFile(io.BytesIO(buffer.getvalue()), name="p.png")
    )
    cv.photo_consent = False
    assert "accord du candidat" in errors_of(cv)["photo_consent"]


def test_page_address_may_not_carry_the_last_name(cv):
    cv.slug = "amina-benali"
    assert "nom de famille" in errors_of(cv)["slug"]


def test_end_of_employment_only_for_employed_candidates(cv):
    cv.employed_until = datetime.date(2030, 1, 1)
    assert "en emploi" in errors_of(cv)["employed_until"]


def test_save_refuses_invalid_cvs(cv):
    cv.catchphrase = "z" * 81
    with pytest.raises(ValidationError):
        cv.save_revision().publish()
    assert CVPage.objects.get(pk=cv.pk).catchphrase != "z" * 81


def test_scheduled_publishing_makes_a_cv_public_at_the_chosen_time(client, make_cv):
    cv = make_cv(first_name="Plus", last_name="Tard", publish=False)
    cv.go_live_at = timezone.now() + datetime.timedelta(seconds=2)
    revision = cv.save_revision()
    revision.publish()  # with a future go_live_at, this schedules instead of publishing
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    call_command("publish_scheduled")
    assert not CVPage.objects.get(pk=cv.pk).live
    assert client.get(f"/candidats/{cv.slug}/").status_code == 404

    time.sleep(max(0, (cv.go_live_at - timezone.now()).total_seconds()) + 0.2)
    call_command("publish_scheduled")
    assert CVPage.objects.get(pk=cv.pk).live
    assert "Plus T." in client.get(f"/candidats/{cv.slug}/").content.decode()
