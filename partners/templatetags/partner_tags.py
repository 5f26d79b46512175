"""Partner logos drawn at their tier's visual weight: {% partner_logo partner size %}."""

import math

from django import template
from django.utils.html import format_html

register = template.Library()

# A logo's box keeps its shape; these bounds, in multiples of the tier's size, stop a
# banner-like logo from turning into a thin line and a tall one from towering.
MIN_HEIGHT_FACTOR = 0.35
MAX_WIDTH_FACTOR = 3.0
MAX_HEIGHT_FACTOR = 1.6
DEFAULT_LOGO_SIZE = 64


def logo_box(width, height, size):
    """(width, height) in CSS pixels for a `width`×`height` logo drawn at `size`.

    Every logo gets the area of a `size`×`size` square: width = size·√r and
    height = size/√r for an aspect ratio r = width/height. The shape is never
    distorted; the bounds then shrink or grow the box as a whole: first the minimum
    height, then the maximum width (which wins, so that a very long logo stays inside
    the row), then the maximum height.
    """
    if not width or not height or size <= 0:
        return size, size
    ratio = width / height
    box_width = size * math.sqrt(ratio)
    box_height = size / math.sqrt(ratio)
    if box_height < size * MIN_HEIGHT_FACTOR:
        box_height = size * MIN_HEIGHT_FACTOR
        box_width = box_height * ratio
    if box_width > size * MAX_WIDTH_FACTOR:
        box_width = size * MAX_WIDTH_FACTOR
        box_height = box_width / ratio
    if box_height > size * MAX_HEIGHT_FACTOR:
        box_height = size * MAX_HEIGHT_FACTOR
        box_width = box_height * ratio
    return max(1, round(box_width)), max(1, round(box_height))


def logo_image(partner, monochrome=False):
    """The image to draw: the monochrome logo when asked for and present."""
    if monochrome and partner.logo_monochrome_id:
        return partner.logo_monochrome
    return partner.logo if partner.logo_id else None


def logo_rendition(image, box_height):
    """An SVG is served as drawn (sanitised on upload); a raster at twice the box height
    for high-density screens, in its own format."""
    if image.is_svg():
        return image.get_rendition("original|preserve-svg")
    return image.get_rendition(f"height-{box_height * 2}|preserve-svg")


# The sizes the site draws a partner at besides its tier's: testimonies, its own page.
TESTIMONY_LOGO_SIZE = 48
PAGE_LOGO_SIZE = 120


def prepare_logo_renditions(partner):
    """Make the renditions the site will ask for, when staff save the partner rather than
    on a visitor's request."""
    sizes = {TESTIMONY_LOGO_SIZE, PAGE_LOGO_SIZE}
    sizes.add(partner.tier.logo_size if partner.tier_id else DEFAULT_LOGO_SIZE)
    for image in {logo_image(partner), logo_image(partner, monochrome=True)} - {None}:
        for size in sizes:
            logo_rendition(image, logo_box(image.width, image.height, size)[1])


@register.simple_tag
def partner_logo(partner, size=DEFAULT_LOGO_SIZE, monochrome=False):
    """An <img> of `partner`'s logo with the area of a `size` square, or a name badge."""
    size = int(size or DEFAULT_LOGO_SIZE)
    image = logo_image(partner, monochrome)
    if image is None:
        return format_html('<span class="partner-logo partner-logo--text">{}</span>', partner.name)
    width, height = logo_box(image.width, image.height, size)
    rendition = logo_rendition(image, height)
    return format_html(
        '<img class="partner-logo{}" src="{}" width="{}" height="{}" alt="{}" '
        'loading="lazy" decoding="async">',
        # Without a monochrome version, the colour logo is greyed out by the style sheet.
        " partner-logo--greyscale" if monochrome and image is partner.logo else "",
        rendition.url,
        width,
        height,
        partner.name,
    )
