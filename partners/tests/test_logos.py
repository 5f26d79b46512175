"""Logos of one tier weigh the same whatever their shape; SVG logos are served sanitised."""

import math
import re

import pytest
from django.template import Context, Template

from partners.templatetags.partner_tags import logo_box

from .partner_factories import make_partner, raster_logo, svg_logo


@pytest.mark.parametrize("width, height", [(100, 100), (400, 100), (100, 200), (300, 200)])
def test_logos_of_one_size_have_the_same_area(width, height):
    box_width, box_height = logo_box(width, height, 80)
    assert box_width * box_height == pytest.approx(80 * 80, rel=0.03)
    # The shape is kept.
    assert box_width / box_height == pytest.approx(width / height, rel=0.03)


def test_square_logo_is_the_tier_size():
    assert logo_box(512, 512, 64) == (64, 64)


def test_wide_logo_is_wider_and_lower():
    assert logo_box(400, 100, 64) == (128, 32)  # ratio 4: 64·2 × 64/2


def test_very_wide_logo_is_capped_to_three_times_the_size_without_distortion():
    width, height = logo_box(1000, 100, 60)
    assert width == 180
    assert height == 18  # ratio kept: 180 / 10


def test_banner_logo_is_lifted_to_the_minimum_height():
    # Ratio 8.4 at 100 px: the area rule gives 290 × 34.5, under the 35 px floor; the
    # floor lifts it to 35 px high, the width follows the shape (294 ≤ 300).
    assert logo_box(840, 100, 100) == (294, 35)


def test_tall_logo_is_capped_in_height():
    width, height = logo_box(100, 1000, 50)
    assert height == 80  # 1.6 × 50
    assert width == 8


def test_missing_dimensions_fall_back_to_a_square():
    assert logo_box(0, 0, 70) == (70, 70)


def render(template, **context):
    return Template("{% load partner_tags %}" + template).render(Context(context))


@pytest.mark.django_db
def test_raster_logo_renders_an_img_with_its_box_and_a_retina_rendition():
    partner = make_partner(name="Fondation Lumière", logo=raster_logo(400, 100))
    html = render("{% partner_logo partner 64 %}", partner=partner)
    assert 'width="128"' in html and 'height="32"' in html
    assert 'alt="Fondation Lumière"' in html
    assert 'loading="lazy"' in html
    src = re.search(r'src="([^"]+)"', html).group(1)
    assert ".height-64." in src and src.endswith(".png")


@pytest.mark.django_db
def test_svg_logo_is_served_as_svg_at_its_box():
    partner = make_partner(name="Club Vectoriel", logo=svg_logo())
    html = render("{% partner_logo partner 60 %}", partner=partner)
    src = re.search(r'src="([^"]+)"', html).group(1)
    assert src.endswith(".svg")
    # 300 × 100: ratio 3 → 60·√3 × 60/√3
    assert f'width="{round(60 * math.sqrt(3))}"' in html
    assert f'height="{round(60 / math.sqrt(3))}"' in html


@pytest.mark.django_db
def test_partner_without_logo_gets_a_name_badge():
    partner = make_partner(name="Association <Solidaire>")
    html = render("{% partner_logo partner 64 %}", partner=partner)
    assert "<img" not in html
    assert "partner-logo--text" in html
    assert "Association &lt;Solidaire&gt;" in html


@pytest.mark.django_db
def test_monochrome_uses_the_monochrome_logo_or_greys_the_colour_one():
    colour, mono = raster_logo(200, 100, "#c00"), raster_logo(200, 100, "#000")
    with_mono = make_partner(logo=colour, logo_monochrome=mono)
    html = render("{% partner_logo partner 64 monochrome=True %}", partner=with_mono)
    assert mono.file.name.split("/")[-1].split(".")[0] in html
    assert "partner-logo--greyscale" not in html

    colour_only = make_partner(logo=raster_logo(200, 100))
    html = render("{% partner_logo partner 64 monochrome=True %}", partner=colour_only)
    assert "partner-logo--greyscale" in html


@pytest.mark.django_db
def test_admin_partner_list_shows_logo_thumbnails(client, django_user_model):
    from django.urls import reverse

    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "motdepasse")
    client.force_login(admin)
    make_partner(name="Fondation Vignette", logo=raster_logo(400, 100))
    make_partner(name="Sans Vignette")
    response = client.get(reverse("wagtailsnippets_partners_partner:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fondation Vignette" in html and "Sans Vignette" in html
    assert ".max-80x40.png" in html


@pytest.mark.django_db
def test_logo_renditions_are_made_when_the_partner_is_saved(django_capture_on_commit_callbacks):
    from home.models import SiteRendition
    from partners.tests.partner_factories import make_tier

    tier = make_tier(logo_size=72)
    logo, mono = raster_logo(300, 100), svg_logo()
    with django_capture_on_commit_callbacks(execute=True):
        partner = make_partner(tier=tier, logo=logo, logo_monochrome=mono)
    made = SiteRendition.objects.count()
    assert made > 0
    for size, monochrome in ((72, False), (72, True), (48, False), (120, False)):
        render(
            "{% partner_logo partner size monochrome %}",
            partner=partner,
            size=size,
            monochrome=monochrome,
        )
    assert SiteRendition.objects.count() == made
