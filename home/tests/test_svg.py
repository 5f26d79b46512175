"""SVG images are sanitised before they are stored: no script, no reference outside."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from wagtail.models import Collection

from home.models import SiteImage
from home.svg import sanitise_svg

CLEAN_LOGO = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 240 80" width="240" height="80">
  <title>Fondation Exemple</title>
  <defs>
    <linearGradient id="fond">
      <stop offset="0" stop-color="#0d5c63"/><stop offset="1" stop-color="#1c8a7f"/>
    </linearGradient>
    <path id="feuille" d="M0 0 C10 10 20 10 30 0 Z"/>
  </defs>
  <rect width="240" height="80" rx="12" fill="url(#fond)"/>
  <g transform="translate(20 20)" style="fill: #ffd58a; stroke: #083f44; stroke-width: 2">
    <circle cx="20" cy="20" r="18"/>
    <use xlink:href="#feuille" x="50" y="10"/>
  </g>
  <text x="120" y="50" font-family="Arial" font-size="24" fill="#fff">Exemple &amp; Cie</text>
</svg>
"""

HOSTILE_LOGO = b"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 100 50" onload="steal()">
  <script type="text/javascript">alert(document.cookie)</script>
  <style>@import url(https://tracker.example/a.css); .c { fill: red }</style>
  <style>.d { background: url("https://tracker.example/pixel.png") }</style>
  <a xlink:href="javascript:alert(1)" target="_top"><rect class="c" width="10" height="10"/></a>
  <rect width="20" height="20" onclick="steal()" onmouseover="steal()"
        style="fill: url(https://tracker.example/p.png); stroke: #123456"/>
  <circle cx="5" cy="5" r="3" fill="url('http://tracker.example/#g')" filter="url(https://x.example/f.svg#f)"/>
  <use xlink:href="https://tracker.example/sprite.svg#logo"/>
  <use href="//tracker.example/sprite.svg#logo"/>
  <image href="https://tracker.example/photo.png" width="10" height="10"/>
  <image href="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+" width="10" height="10"/>
  <foreignObject width="100" height="100"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://tracker.example/"/></foreignObject>
  <animate attributeName="href" to="javascript:alert(1)"/>
  <set attributeName="onmouseover" to="alert(1)"/>
</svg>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&secret;</text></svg>
"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE svg [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&lol3;</text></svg>
"""


def test_scripts_and_event_handlers_are_removed():
    out = sanitise_svg(HOSTILE_LOGO).decode()
    assert "<script" not in out
    assert "alert" not in out
    assert "steal" not in out
    assert not re.search(r"\son\w+\s*=", out, re.IGNORECASE)
    assert "<animate" not in out and "<set" not in out


def test_external_references_are_removed():
    out = sanitise_svg(HOSTILE_LOGO).decode()
    assert "tracker.example" not in out
    assert "x.example" not in out
    assert "@import" not in out
    assert "javascript:" not in out
    assert "<foreignObject" not in out and "<iframe" not in out
    assert "data:image/svg" not in out
    assert "<a" not in out
    # What referenced nothing outside stays: the linked rectangle, the second one's stroke.
    assert '<rect class="c" width="10" height="10">' in out
    assert "stroke: #123456" in out
    assert ".c { fill: red }" not in out  # its <style> also held an @import: dropped whole


@pytest.mark.parametrize("payload", [XXE, BILLION_LAUGHS], ids=["xxe", "billion-laughs"])
def test_entity_declarations_are_refused_with_a_french_message(payload):
    with pytest.raises(ValueError, match="entités XML"):
        sanitise_svg(payload)


def test_clean_logo_survives_with_its_shapes_and_view_box():
    out = sanitise_svg(CLEAN_LOGO).decode()
    assert 'viewBox="0 0 240 80"' in out
    assert '<rect width="240" height="80" rx="12" fill="url(#fond)">' in out
    assert '<circle cx="20" cy="20" r="18">' in out
    assert 'xlink:href="#feuille"' in out
    assert 'd="M0 0 C10 10 20 10 30 0 Z"' in out
    assert "stroke-width: 2" in out
    assert "Exemple &amp; Cie" in out
    assert "<title>Fondation Exemple</title>" in out
    assert "DOCTYPE" not in out
    # A second pass changes nothing: what is stored is already clean.
    assert sanitise_svg(out.encode()) == out.encode()


def test_embedded_raster_images_are_kept():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">'
        b'<image width="1" height="1" href="data:image/png;base64,iVBORw0KGgo="/></svg>'
    )
    assert b'href="data:image/png;base64,iVBORw0KGgo="' in sanitise_svg(svg)


@pytest.mark.parametrize(
    "payload, message",
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><rect>", "illisible"),
        (b"", "illisible"),
        (b"\x89PNG\r\n\x1a\n not xml", "illisible"),
        (b"<html><body>Bonjour</body></html>", "n'est pas une image SVG"),
    ],
)
def test_unreadable_or_non_svg_files_get_a_french_error(payload, message):
    with pytest.raises(ValueError, match=message):
        sanitise_svg(payload)


@pytest.mark.django_db
def test_images_created_in_code_are_sanitised():
    image = SiteImage.objects.create(
        title="Logo hostile", file=ContentFile(HOSTILE_LOGO, name="hostile.svg")
    )
    image.refresh_from_db()
    with image.file.open("rb") as stored:
        content = stored.read()
    assert b"<script" not in content and b"tracker.example" not in content
    assert (image.width, image.height) == (100, 50)
    assert image.file_size == len(content)


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "motdepasse")
    client.force_login(admin)
    return client


@pytest.mark.django_db
def test_upload_through_the_admin_stores_the_sanitised_file(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Logo du partenaire",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("logo.svg", HOSTILE_LOGO, content_type="image/svg+xml"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = SiteImage.objects.get(title="Logo du partenaire")
    with image.file.open("rb") as stored:
        content = stored.read()
    assert b"<script" not in content
    assert b"steal" not in content
    assert b"<rect" in content
    assert image.file_size == len(content)
    assert image.is_svg()


@pytest.mark.django_db
def test_multiple_upload_stores_the_sanitised_file(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("logo.svg", HOSTILE_LOGO, content_type="image/svg+xml")},
    )
    assert response.json()["success"] is True
    image = SiteImage.objects.get()
    with image.file.open("rb") as stored:
        assert b"<script" not in stored.read()


@pytest.mark.django_db
def test_broken_svg_gets_a_clear_french_error_and_is_not_stored(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Logo cassé",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("logo.svg", b"<svg><g>", content_type="image/svg+xml"),
        },
    )
    assert response.status_code == 200
    assert "Ce fichier SVG est illisible" in response.content.decode()
    assert not SiteImage.objects.exists()


@pytest.mark.django_db
def test_xxe_upload_is_refused(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Logo piégé",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("logo.svg", XXE, content_type="image/svg+xml"),
        },
    )
    assert "entités XML" in response.content.decode()
    assert not SiteImage.objects.exists()


@pytest.mark.django_db
def test_svg_renders_with_preserve_svg():
    image = SiteImage.objects.create(title="Logo", file=ContentFile(CLEAN_LOGO, name="l.svg"))
    html = Template("{% load wagtailimages_tags %}{% image img width-120 preserve-svg %}").render(
        Context({"img": image})
    )
    assert ".svg" in html
    assert 'width="120' in html


@pytest.mark.django_db
def test_svg_already_in_storage_is_sanitised_when_its_image_is_created():
    # Wagtail's multiple upload can store the file first and create the image later.
    image = SiteImage(title="Logo déposé")
    image.file.save("depose.svg", ContentFile(HOSTILE_LOGO, name="depose.svg"), save=False)
    image.save()
    image.refresh_from_db()
    with image.file.open("rb") as stored:
        content = stored.read()
    assert b"<script" not in content
    assert image.file_size == len(content)


def test_the_sanitising_field_refuses_a_non_svg_document_named_svg():
    # Willow reads any XML as an SVG; the donor space's logo field must not.
    from django import forms

    from home.image_forms import SanitisedImageField

    class LogoForm(forms.Form):
        logo = SanitisedImageField()

    form = LogoForm(files={"logo": SimpleUploadedFile("logo.svg", b"<html><p>x</p></html>")})
    assert not form.is_valid()
    assert "n'est pas une image SVG" in form.errors["logo"][0]
