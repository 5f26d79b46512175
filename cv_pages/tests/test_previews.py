"""Previews of a CV outside the site: social cards, the printed page and the PDF."""

import io
import os
import re
from html.parser import HTMLParser

import pytest
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model

from cv_pages import pdf as cv_pdf
from cv_pages import share_image
from cv_pages.models import CVPage, EmploymentStatus
from cv_pages.portraits import generate_portrait
from cv_pages.tests.test_query_budget import CV_PAGE_BUDGET
from home.models import SiteIdentity

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


class HeadParser(HTMLParser):
    """Collects <meta> and <link> tags of a page."""

    def __init__(self):
        super().__init__()
        self.meta = {}
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                assert key not in self.meta, f"{key} appears twice"
                self.meta[key] = attrs.get("content")
        elif tag == "link":
            self.links.append(attrs)


def head_of(response):
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def canonical(parser):
    return next(link["href"] for link in parser.links if link.get("rel") == "canonical")


def media_path(url):
    """The file behind an absolute /media/ URL."""
    path = re.sub(r"^https?://[^/]+/media/", "", url)
    return default_storage.path(path)


def make_image(title="image", size=(1600, 1000), colour=(200, 120, 80)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name="x.jpg")
    )


def make_portrait(seed=3):
    return get_image_model().objects.create(
        title="portrait",
        file=ImageFile(io.BytesIO(generate_portrait(seed, 400)), name="portrait.jpg"),
    )


def republish(cv, **changes):
    cv = CVPage.objects.get(pk=cv.pk)
    for name, value in changes.items():
        setattr(cv, name, value)
    cv.save_revision().publish()
    return CVPage.objects.get(pk=cv.pk)


def pdf_text(content):
    """The text shown by an uncompressed reportlab PDF (strings of its Tj operators)."""
    assert content.startswith(b"%PDF")
    strings = re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", content)
    texts = []
    for raw in strings:
        text = re.sub(
            rb"\\([0-7]{1,3}|.)",
            lambda match: (
                bytes([int(match.group(1), 8)])
                if match.group(1)[:1].isdigit()
                else {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(match.group(1), match.group(1))
            ),
            raw,
        )
        texts.append(text.decode("cp1252"))
    return re.sub(r"\s+", " ", " ".join(texts))


@pytest.fixture(autouse=True)
def _own_media_folder(settings, tmp_path):
    # Page ids are reused after each test's rollback: files must not outlive their test.
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def amina(make_cv):
    return make_cv(
        first_name="Amina",
        last_name="Benali",
        catchphrase="Commis de cuisine rapide et souriante",
        business_lines=(("restauration", "commis de cuisine"),),
        departments=("75", "59"),
        email="amina.benali@prive.example",
        phone="06 11 22 33 44",
        postal_address="12 rue des Lilas, 75020 Paris",
    )


@pytest.fixture
def uncompressed_pdfs(settings):
    settings.CV_PDF_COMPRESSION = False


# ---------------------------------------------------------------------------
# Open Graph and X cards
# ---------------------------------------------------------------------------


def assert_card_tags(meta, parser):
    assert meta["og:url"] == canonical(parser)
    assert meta["og:url"].startswith("http://testserver/")
    assert meta["og:image"].startswith("http://testserver/")
    assert meta["twitter:image"] == meta["og:image"]
    assert meta["og:image:width"] == "1200"
    assert meta["og:image:height"] == "630"
    assert meta["og:image:type"] == "image/jpeg"
    assert meta["og:image:alt"]
    assert meta["twitter:image:alt"] == meta["og:image:alt"]
    assert meta["og:locale"] == "fr_FR"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:title"] and meta["twitter:title"] == meta["og:title"]
    assert meta["og:site_name"] == "LinkedOut"


def test_cv_page_shows_its_own_card_to_social_networks(client, amina):
    response = client.get(amina.url)
    parser = head_of(response)
    meta = parser.meta
    assert_card_tags(meta, parser)
    assert meta["og:url"] == f"http://testserver{amina.url}"
    assert meta["og:type"] == "profile"
    assert (
        meta["og:title"]
        == "Amina B. cherche un emploi dans la restauration comme commis de cuisine"
    )
    assert meta["og:description"] == "Commis de cuisine rapide et souriante"
    assert meta["twitter:description"] == meta["og:description"]
    assert meta["og:image"] == f"http://testserver/media/{amina.share_image}"
    assert "Amina B." in meta["og:image:alt"]
    with PILImage.open(media_path(meta["og:image"])) as image:
        assert image.size == (1200, 630)
    assert "Benali" not in response.content.decode()


def test_home_and_listing_use_the_chosen_or_the_default_share_image(client, home_page, cv_index):
    for url in ("/", cv_index.url):
        parser = head_of(client.get(url))
        assert_card_tags(parser.meta, parser)
        # Nothing chosen yet: the brand image shipped with the site.
        assert parser.meta["og:image"] == "http://testserver/static/img/share-default.jpg"
        assert parser.meta["og:type"] == "website"

    identity = SiteIdentity.for_site(home_page.get_site())
    identity.default_social_image = make_image("Bannière de l'association")
    identity.save()
    home_page.social_image = make_image("Photo de la dernière promotion", colour=(10, 90, 90))
    home_page.save_revision().publish()

    home = head_of(client.get("/")).meta
    listing_parser = head_of(client.get(cv_index.url))
    listing = listing_parser.meta
    assert_card_tags(listing, listing_parser)
    assert home["og:image:alt"] == "Photo de la dernière promotion"
    assert listing["og:image:alt"] == "Bannière de l'association"
    assert home["og:image"] != listing["og:image"]
    for meta in (home, listing):
        assert meta["og:image"].startswith("http://testserver/media/")
        with PILImage.open(media_path(meta["og:image"])) as image:
            assert image.size == (1200, 630)
            assert image.format == "JPEG"


def test_a_cv_without_card_falls_back_to_the_site_image(client, amina):
    CVPage.objects.filter(pk=amina.pk).update(share_image="", share_image_fingerprint="")
    meta = head_of(client.get(amina.url)).meta
    assert meta["og:image"] == "http://testserver/static/img/share-default.jpg"
    # Drawing happens on publication only, never for a visitor.
    assert CVPage.objects.get(pk=amina.pk).share_image == ""


def test_cv_page_with_its_card_stays_within_its_query_budget(client, amina):
    client.get(amina.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(amina.url)
    assert response.status_code == 200
    assert 'property="og:image"' in response.content.decode()
    assert len(queries) <= CV_PAGE_BUDGET


def test_good_news_page_shares_the_listing_not_the_person(client, amina, cv_index):
    republish(amina, employment_status=EmploymentStatus.HIDDEN)
    response = client.get(amina.url)
    meta = head_of(response).meta
    assert meta["og:url"] == f"http://testserver{cv_index.url}"
    assert "Amina" not in meta["og:title"]
    assert "Amina" not in meta["og:image:alt"]


# ---------------------------------------------------------------------------
# The share image
# ---------------------------------------------------------------------------


def test_share_image_is_drawn_on_publication(amina):
    name = amina.share_image
    assert re.fullmatch(rf"share-images/{amina.pk}-[0-9a-f]{{16}}\.jpg", name)
    assert "benali" not in name.lower() and "amina" not in name.lower()
    with default_storage.open(name) as handle, PILImage.open(handle) as image:
        assert image.format == "JPEG"
        assert image.size == (1200, 630)
    assert len(amina.share_image_fingerprint) == 64


def test_draft_cv_has_no_share_image(make_cv):
    cv = make_cv(publish=False)
    assert cv.share_image == ""


def test_republishing_without_visible_change_keeps_the_image(amina):
    path = default_storage.path(amina.share_image)
    os.utime(path, (1_000_000_000, 1_000_000_000))
    # The story is not on the card: a new revision that changes it draws nothing.
    again = republish(amina, story="Une autre histoire, plus longue.")
    assert again.share_image == amina.share_image
    assert again.share_image_fingerprint == amina.share_image_fingerprint
    assert os.path.getmtime(path) == 1_000_000_000


@pytest.mark.parametrize(
    "changes",
    [{"catchphrase": "Toujours à l'heure, toujours prête"}, {"first_name": "Aminata"}],
)
def test_changing_what_the_card_shows_redraws_it(amina, changes):
    old_name = amina.share_image
    again = republish(amina, **changes)
    assert again.share_image != old_name
    assert default_storage.exists(again.share_image)
    assert not default_storage.exists(old_name)


def test_portrait_only_with_consent(make_cv):
    photo = make_portrait()
    with_photo = make_cv(first_name="Binta", photo=photo, photo_consent=True)
    content = share_image.card_content(with_photo, SiteIdentity())
    assert content.portrait_key.startswith(f"{photo.pk}:")
    assert share_image.load_portrait(with_photo).size == (400, 400)

    without = make_cv(first_name="Chloé")
    content = share_image.card_content(without, SiteIdentity())
    assert content.portrait_key == ""
    assert content.initial == "C"
    assert share_image.load_portrait(without) is None
    assert without.share_image != with_photo.share_image


def test_card_content_holds_public_strings_only(amina):
    content = share_image.card_content(amina, SiteIdentity(organisation_name="LinkedOut"))
    drawn = " ".join(text for _role, text in content.text_blocks())
    assert "Amina B." in drawn
    assert "Commis de cuisine rapide et souriante" in drawn
    assert "Dans la restauration comme commis de cuisine" in drawn
    assert "Hauts-de-France · Île-de-France" in drawn
    everything = repr(content)
    for private in ("Benali", "amina.benali@prive.example", "06 11 22 33 44", "rue des Lilas"):
        assert private not in everything


def test_long_texts_are_fitted_inside_the_image():
    content = share_image.ShareCardContent(
        name="Marie-Christine-Alexandrine-Bénédicte-Éléonore Z.",
        initial="M",
        # Far longer than the 80 characters allowed: the last resort, "…", is needed.
        catchphrase="W" * 400,
        career="dans la logistique et l'approvisionnement comme préparateur de commandes "
        "en entrepôt frigorifique et dans la vente comme employé libre-service polyvalent",
        regions=("Île-de-France", "Hauts-de-France", "Provence-Alpes-Côte d'Azur"),
        organisation="Association pour l'insertion professionnelle " * 3,
        tagline="Partagez un CV, changez une vie. " * 4,
    )
    layout = share_image.layout_text(content)
    assert layout.height <= share_image.TEXT_BOTTOM - share_image.TEXT_TOP
    for role, fitted, _top in layout.blocks:
        limit = share_image.TEXT_WIDTH
        if role == "regions":
            limit -= share_image.pin_width(fitted.size)
        for line in fitted.lines:
            assert share_image.text_width(line, fitted.font) <= limit, (role, line)
    name_lines = next(fitted.lines for role, fitted, _ in layout.blocks if role == "name")
    # Cut after hyphens, nothing lost.
    assert "".join(name_lines).replace(" ", "") == content.name.replace(" ", "")
    assert name_lines[0].endswith("-")
    catchphrase = next(fitted for role, fitted, _ in layout.blocks if role == "catchphrase")
    assert catchphrase.truncated and catchphrase.lines[-1].endswith("…")
    image = share_image.draw_share_image(content)
    assert image.size == (1200, 630)


def test_a_short_card_keeps_its_largest_sizes():
    content = share_image.ShareCardContent(
        name="Léo K.", initial="L", catchphrase="Cariste", career="", regions=("Bretagne",)
    )
    layout = share_image.layout_text(content)
    sizes = {role: fitted.size for role, fitted, _top in layout.blocks}
    assert sizes["name"] == share_image.TEXT_STYLES["name"][0]
    assert not layout.truncated


def test_hiding_or_unpublishing_a_cv_removes_its_card(amina, make_cv):
    name = amina.share_image
    hidden = republish(amina, employment_status=EmploymentStatus.HIDDEN)
    assert hidden.share_image == ""
    assert not default_storage.exists(name)

    other = make_cv(first_name="Driss")
    other_name = other.share_image
    assert default_storage.exists(other_name)
    CVPage.objects.get(pk=other.pk).unpublish()
    assert CVPage.objects.get(pk=other.pk).share_image == ""
    assert not default_storage.exists(other_name)


# ---------------------------------------------------------------------------
# The PDF
# ---------------------------------------------------------------------------


def pdf_files(cv):
    return sorted(cv_pdf._existing_pdfs(cv.pk))


def test_pdf_of_a_public_cv(client, amina, uncompressed_pdfs):
    response = client.get(f"{amina.url}cv.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="CV-Amina-B.pdf"'
    content = b"".join(response.streaming_content)
    text = pdf_text(content)
    assert "Amina B." in text
    assert "Commis de cuisine rapide et souriante" in text
    assert "Dans la restauration comme commis de cuisine" in text
    assert "Paris (Île-de-France)" in text or "Paris" in text
    assert f"http://testserver{amina.url}" in text
    assert "LinkedOut" in text
    for private in ("Benali", "BENALI", "amina.benali", "06 11 22 33 44", "Lilas"):
        assert private not in text
        assert private.encode() not in content
    [name] = pdf_files(amina)
    assert re.fullmatch(rf"cv-pdf/{amina.pk}-{amina.live_revision_id}-[0-9a-f]{{12}}\.pdf", name)


def test_pdf_shows_the_page_stream_fields(client, make_cv, uncompressed_pdfs):
    cv = make_cv(
        first_name="Élodie",
        last_name="Marchand",
        strengths=[("strength", "Ponctuelle")],
        experiences=[
            (
                "experience",
                {
                    "title": "Agente d'entretien",
                    "organisation": "Hôtel du Parc",
                    "location": "Lille",
                    "period": "2019 – 2022",
                    "description": "Chambres et parties communes.",
                },
            )
        ],
        languages=[("language", {"language": "Arabe", "level": "native"})],
        availability="Immédiate",
    )
    response = client.get(f"{cv.url}cv.pdf")
    assert response["Content-Disposition"] == 'attachment; filename="CV-Elodie-M.pdf"'
    text = pdf_text(b"".join(response.streaming_content))
    for expected in (
        "Élodie M.",
        "Ponctuelle",
        "Agente d'entretien",
        "Hôtel du Parc",
        "Arabe (langue maternelle)",
        "Immédiate",
        "CDI",
    ):
        assert expected in text, expected
    assert "Marchand" not in text


def test_pdf_is_made_once_per_published_revision(client, amina):
    url = f"{amina.url}cv.pdf"
    first = client.get(url)
    assert first.status_code == 200
    first_bytes = b"".join(first.streaming_content)
    [name] = pdf_files(amina)
    path = default_storage.path(name)
    os.utime(path, (1_000_000_000, 1_000_000_000))

    second = client.get(url)
    assert b"".join(second.streaming_content) == first_bytes
    assert pdf_files(amina) == [name]
    assert os.path.getmtime(path) == 1_000_000_000

    republish(amina, catchphrase="Toujours à l'heure, toujours prête")
    third = client.get(url)
    assert third.status_code == 200
    [new_name] = pdf_files(amina)
    assert new_name != name
    assert not default_storage.exists(name)


def test_no_pdf_for_a_cv_that_is_not_public(client, amina, make_cv):
    client.get(f"{amina.url}cv.pdf")
    assert pdf_files(amina)
    republish(amina, employment_status=EmploymentStatus.HIDDEN)
    # The same warm page as the CV's own address, and the stored PDF is gone.
    response = client.get(f"{amina.url}cv.pdf")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Bonne nouvelle" in response.content.decode()
    assert pdf_files(amina) == []

    draft = make_cv(first_name="Yanis", publish=False)
    assert client.get(f"/candidats/{draft.slug}/cv.pdf").status_code == 404
    assert client.get("/candidats/personne/cv.pdf").status_code == 404


def test_pdf_name_keeps_only_the_public_name(amina):
    assert cv_pdf.download_filename(amina) == "CV-Amina-B.pdf"


# ---------------------------------------------------------------------------
# Printing
# ---------------------------------------------------------------------------


def test_cv_page_links_its_pdf_and_print_stylesheet(client, amina):
    response = client.get(amina.url)
    parser = head_of(response)
    assert {"rel": "stylesheet", "href": "/static/css/print.css", "media": "print"} in (
        parser.links
    )
    html = response.content.decode()
    assert f'href="{amina.url}cv.pdf"' in html
    assert "Télécharger le CV (PDF)" in html
    # Without JavaScript there is nothing to click: the button is hidden until enhanced.
    assert re.search(r"<button[^>]*data-print[^>]*hidden", html)


def test_pdf_shows_the_consented_portrait(client, make_cv, uncompressed_pdfs):
    cv = make_cv(first_name="Binta", photo=make_portrait(), photo_consent=True)
    response = client.get(f"{cv.url}cv.pdf")
    content = b"".join(response.streaming_content)
    assert b"/Subtype /Image" in content
    assert "Binta" in pdf_text(content)


def test_pages_without_a_wagtail_page_still_have_a_card(client, home_page):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    meta = head_of(response).meta
    assert meta["og:image"] == "http://testserver/static/img/share-default.jpg"
    assert meta["twitter:card"] == "summary_large_image"
    assert "og:url" not in meta


def test_command_redraws_cards_after_the_site_identity_changes(amina, home_page):
    from django.core.management import call_command

    identity = SiteIdentity.for_site(home_page.get_site())
    identity.organisation_name = "Réseau Solidaire"
    identity.save()
    old_name = amina.share_image
    call_command("build_share_images", stdout=io.StringIO())
    redrawn = CVPage.objects.get(pk=amina.pk)
    assert redrawn.share_image != old_name
    assert not default_storage.exists(old_name)
    output = io.StringIO()
    call_command("build_share_images", stdout=output)
    assert "0 image(s) dessinée(s), 1 déjà à jour." in output.getvalue()
    assert CVPage.objects.get(pk=amina.pk).share_image == redrawn.share_image
