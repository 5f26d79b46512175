"""Template tags of the campaign pages: the home page's featured campaign."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

from ..campaigns import featured_campaign as build_featured_campaign

register = template.Library()


@register.simple_tag
def featured_campaign(page):
    """The featured campaign of a home page with its figures, or None when not live."""
    featured = build_featured_campaign(page)
    if featured is not None:
        featured["today"] = timezone.localdate()
    return featured


@register.filter
def long_date(value):
    """A date in words, French style: "1er mars 2025", "30 juin 2025"."""
    if not value:
        return ""
    text = date_format(value, "j F Y")
    if value.day == 1 and (get_language() or "").startswith("fr"):
        text = "1er" + text[1:]
    return text
