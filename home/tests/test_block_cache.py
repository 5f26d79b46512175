"""Blocks that keep their HTML: served again without queries, renewed when content changes."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from home.blocks import HeroBlock
from partners.blocks import PartnerStripBlock
from partners.models import Partner
from partners.tests.partner_factories import make_partner, make_tier

pytestmark = pytest.mark.django_db


def strip_value():
    return PartnerStripBlock().to_python(
        {
            "heading": "Nos partenaires",
            "selection": "all",
            "monochrome": False,
            "tier": None,
            "partners": [],
        }
    )


def render(value, preview=False):
    request = RequestFactory().get("/")
    request.is_preview = preview
    return PartnerStripBlock().render(value, context={"request": request, "page": None})


def test_a_rendered_strip_is_served_again_without_a_query():
    make_partner("Fondation Aurore", tier=make_tier("Or"))
    value = strip_value()
    assert "Fondation Aurore" in render(value)
    with CaptureQueriesContext(connection) as queries:
        again = render(value)
    assert "Fondation Aurore" in again
    assert len(queries) == 0


def test_an_edited_partner_shows_at_once():
    partner = make_partner("Fondation Aurore", tier=make_tier("Or"))
    value = strip_value()
    render(value)
    partner.name = "Fondation Aube"
    partner.save()
    html = render(value)
    assert "Fondation Aube" in html
    assert "Fondation Aurore" not in html


def test_previews_are_never_served_from_the_block_cache():
    partner = make_partner("Fondation Aurore", tier=make_tier("Or"))
    value = strip_value()
    render(value)
    # A change that sends no signal: only the preview, which skips the cache, sees it.
    Partner.objects.filter(pk=partner.pk).update(name="Fondation Aube")
    assert "Fondation Aurore" in render(value)
    assert "Fondation Aube" in render(value, preview=True)


def test_a_new_hero_starts_without_an_empty_button():
    assert list(HeroBlock().get_default()["links"]) == []
