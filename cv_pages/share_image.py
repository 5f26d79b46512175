"""The preview card social networks show when a CV is shared: a 1200 × 630 image.

It is drawn with Pillow when a CV is published (never while a visitor waits), from
public information only: the public name ("Amina B."), the catchphrase, the career
sentence, the regions, the portrait when the candidate agreed to show it, and the
site's branding. Its fingerprint, a hash of everything drawn, is stored with its path
on the CV's row, so a re-publication that changes nothing visible keeps the same file,
and the page's Open Graph tags need no query.
"""

import hashlib
import io
import json
import logging
from dataclasses import asdict, dataclass
from functools import cache, lru_cache
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont

logger = logging.getLogger(__name__)

# Bump when the drawing changes: every card is then redrawn at its next publication.
SHARE_IMAGE_VERSION = 1
WIDTH, HEIGHT = 1200, 630
SHARE_IMAGE_DIR = "share-images"
JPEG_QUALITY = 86
PORTRAIT_SPEC = "format-jpeg|fill-640x640-c100"  # one of images.PORTRAIT_SPECS

# Colours of static/css/site.css.
PAPER = (255, 250, 244)
INK = (29, 36, 48)
MUTED = (80, 90, 102)
BRAND = (13, 92, 99)
BRAND_DARK = (8, 63, 68)
ACCENT = (166, 61, 18)
SUN = (255, 213, 138)
WHITE = (255, 255, 255)
PLACEHOLDER_TOP = (248, 227, 207)
PLACEHOLDER_BOTTOM = (217, 238, 238)

# Left band with the portrait; text column on the right.
BAND_WIDTH = 440
PORTRAIT_DIAMETER = 330
PORTRAIT_RING = 10
TEXT_LEFT = BAND_WIDTH + 64
TEXT_RIGHT = WIDTH - 60
TEXT_WIDTH = TEXT_RIGHT - TEXT_LEFT
TEXT_TOP = 64
BRAND_ROW_TOP = HEIGHT - 116  # the branding row starts here
TEXT_BOTTOM = BRAND_ROW_TOP - 28
ELLIPSIS = "…"
NBSP = "\u00a0"

# Fonts tried in order; Pillow's own scalable font when none is installed.
FONT_FILES = {
    False: (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ),
    True: (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
}


@cache
def font_path(bold):
    """The font file used, or "" for Pillow's built-in font."""
    return next((path for path in FONT_FILES[bold] if Path(path).is_file()), "")


@lru_cache(maxsize=256)
def load_font(size, bold=False):
    path = font_path(bold)
    if path:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def fonts_identity():
    return f"{Path(font_path(False)).name}|{Path(font_path(True)).name}"


# ---------------------------------------------------------------------------
# What the card says
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ShareCardContent:
    """Everything the card shows, and nothing else: public strings only."""

    name: str
    catchphrase: str
    career: str
    regions: tuple = ()
    organisation: str = ""
    tagline: str = ""
    # Identity of the portrait file ("" without a consented photo): part of the
    # fingerprint, never drawn.
    portrait_key: str = ""
    # Drawn on the placeholder when there is no portrait.
    initial: str = ""

    def text_blocks(self):
        """The texts drawn in the text column, in order, as (role, text)."""
        blocks = [("name", self.name)]
        if self.catchphrase:
            blocks.append(("catchphrase", f"«{NBSP}{self.catchphrase}{NBSP}»"))
        if self.career:
            blocks.append(("career", self.career[:1].upper() + self.career[1:]))
        if self.regions:
            blocks.append(("regions", " · ".join(self.regions)))
        return blocks

    def fingerprint(self):
        payload = asdict(self)
        payload["version"] = SHARE_IMAGE_VERSION
        payload["fonts"] = fonts_identity()
        encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(encoded).hexdigest()


def portrait_key(photo):
    if photo is None:
        return ""
    focal = photo.get_focal_point()
    focal_key = f"{focal.x},{focal.y},{focal.width},{focal.height}" if focal else ""
    return f"{photo.pk}:{photo.file.name}:{photo.file_hash}:{focal_key}"


def card_content(cv, identity=None):
    """The card's content for a CV: only what its public page shows."""
    photo = cv.visible_photo
    return ShareCardContent(
        name=cv.public_name,
        initial=cv.first_name.strip()[:1].upper(),
        catchphrase=cv.catchphrase.strip(),
        career=cv.career_sentence,
        regions=tuple(cv.region_names),
        organisation=getattr(identity, "organisation_name", "") or "LinkedOut",
        tagline=getattr(identity, "tagline", "") or "",
        portrait_key=portrait_key(photo),
    )


# ---------------------------------------------------------------------------
# Fitting text
# ---------------------------------------------------------------------------

# role: (size at full scale, bold, most lines, colour, line height, space after)
TEXT_STYLES = {
    "name": (76, True, 2, INK, 1.12, 20),
    "catchphrase": (42, False, 3, BRAND_DARK, 1.22, 22),
    "career": (30, False, 3, MUTED, 1.3, 18),
    "regions": (27, True, 2, ACCENT, 1.3, 0),
}
SCALES = (1.0, 0.92, 0.84, 0.76, 0.68, 0.6, 0.54)


@dataclass
class FittedText:
    """Lines of text that each fit the width, in one font."""

    lines: list
    font: object
    size: int
    line_height: int
    truncated: bool = False

    @property
    def height(self):
        return self.line_height * len(self.lines)


def text_width(text, font):
    return font.getlength(text)


def _split_long_word(word, font, max_width):
    """Cuts a word wider than the column into pieces that fit: after hyphens if possible."""
    parts = [part + "-" for part in word.split("-")]
    parts[-1] = parts[-1][:-1]
    pieces, current = [], ""
    for part in (part for part in parts if part):
        if current and text_width(current + part, font) <= max_width:
            current += part
            continue
        if current:
            pieces.append(current)
        current = ""
        for character in part:
            if current and text_width(current + character, font) > max_width:
                pieces.append(current)
                current = character
            else:
                current += character
    if current:
        pieces.append(current)
    return pieces


def wrap_text(text, font, max_width):
    """Greedy word wrap; no line is wider than max_width."""
    lines, current = [], ""
    # Split on plain spaces only: no-break spaces keep « » with their words.
    for word in text.split(" "):
        if not word:
            continue
        pieces = (
            _split_long_word(word, font, max_width)
            if text_width(word, font) > max_width
            else [word]
        )
        for piece in pieces:
            candidate = f"{current} {piece}" if current else piece
            if current and text_width(candidate, font) > max_width:
                lines.append(current)
                current = piece
            else:
                current = candidate
    if current:
        lines.append(current)
    return lines


def ellipsize(line, font, max_width):
    """The line shortened to end with "…" within max_width."""
    line = line.rstrip()
    while line and text_width(line + ELLIPSIS, font) > max_width:
        line = line[:-1].rstrip()
    return line + ELLIPSIS


def fit_text(text, size, max_width, max_lines, *, bold=False, line_height=1.2):
    """Wraps text at this size; past max_lines, the last line ends with "…"."""
    font = load_font(size, bold)
    lines = wrap_text(text, font, max_width)
    truncated = len(lines) > max_lines
    if truncated:
        lines = lines[:max_lines]
        lines[-1] = ellipsize(lines[-1], font, max_width)
    return FittedText(lines, font, size, round(size * line_height), truncated)


@dataclass
class CardLayout:
    """The text column, ready to draw: (role, fitted text, top) for each block."""

    blocks: list
    scale: float
    height: int

    @property
    def truncated(self):
        return any(fitted.truncated for _role, fitted, _top in self.blocks)


def _fit_block(role, text, scale, max_width):
    size, bold, max_lines, _colour, line_height, _space = TEXT_STYLES[role]
    size = max(12, round(size * scale))
    width = max_width - pin_width(size) if role == "regions" else max_width
    return fit_text(text, size, width, max_lines, bold=bold, line_height=line_height)


def layout_text(content, max_width=TEXT_WIDTH, max_height=TEXT_BOTTOM - TEXT_TOP):
    """Fits the texts in the column: each block shrinks until it needs no "…", then all
    shrink together until they fit the height; "…" only when the smallest size is not
    enough."""
    layout = None
    for cap in SCALES:
        blocks, top = [], 0
        for role, text in content.text_blocks():
            for scale in (scale for scale in SCALES if scale <= cap):
                fitted = _fit_block(role, text, scale, max_width)
                if not fitted.truncated:
                    break
            blocks.append((role, fitted, top))
            top += fitted.height + round(TEXT_STYLES[role][5] * scale)
        layout = CardLayout(blocks, cap, top)
        if layout.height <= max_height:
            return layout
    return layout


# ---------------------------------------------------------------------------
# Drawing
# ---------------------------------------------------------------------------

SUPERSAMPLE = 4


@lru_cache(maxsize=8)
def _circle_mask(diameter):
    big = Image.new("L", (diameter * SUPERSAMPLE,) * 2, 0)
    ImageDraw.Draw(big).ellipse((0, 0, big.width - 1, big.height - 1), fill=255)
    return big.resize((diameter, diameter), Image.Resampling.LANCZOS)


@lru_cache(maxsize=8)
def _vertical_gradient(size, top, bottom):
    width, height = size
    column = Image.new("RGB", (1, height))
    for y in range(height):
        ratio = y / max(1, height - 1)
        column.putpixel(
            (0, y), tuple(round(a + (b - a) * ratio) for a, b in zip(top, bottom, strict=True))
        )
    return column.resize((width, height))


def placeholder_portrait(initial, diameter):
    """A soft gradient disc with the first name's initial, like the site's placeholder."""
    disc = _vertical_gradient((diameter, diameter), PLACEHOLDER_TOP, PLACEHOLDER_BOTTOM).copy()
    if initial:
        draw = ImageDraw.Draw(disc)
        font = load_font(round(diameter * 0.46), bold=True)
        draw.text((diameter / 2, diameter / 2), initial, font=font, fill=BRAND, anchor="mm")
    return disc


def draw_brand_mark(image, left, top, size):
    """The logo of static/img/logo.svg (a 64-unit square), drawn with shapes."""
    mark = _brand_mark(size)
    image.paste(mark, (left, top), mark)


@lru_cache(maxsize=4)
def _brand_mark(size):
    big = Image.new("RGBA", (size * SUPERSAMPLE,) * 2, (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    unit = size * SUPERSAMPLE / 64

    def box(x0, y0, x1, y1):
        return (x0 * unit, y0 * unit, x1 * unit, y1 * unit)

    draw.rounded_rectangle(box(0, 0, 63.9, 63.9), radius=16 * unit, fill=BRAND)
    draw.ellipse(box(16, 16, 32, 32), fill=SUN)
    draw.ellipse(box(36, 20, 48, 32), fill=WHITE)
    draw.chord(box(10, 36, 38, 68), 180, 360, fill=SUN)
    draw.chord(box(32, 40, 52, 64), 180, 360, fill=WHITE)
    return big.resize((size, size), Image.Resampling.LANCZOS)


def pin_width(size):
    """Room taken by the location pin before the regions, text gap included."""
    return round(size * 0.9)


def draw_location_pin(draw, left, centre_y, height, colour):
    radius = height * 0.3
    cx, cy = left + radius, centre_y - height * 0.18
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=colour)
    draw.polygon(
        [
            (cx - radius * 0.8, cy + radius * 0.55),
            (cx + radius * 0.8, cy + radius * 0.55),
            (cx, centre_y + height * 0.42),
        ],
        fill=colour,
    )
    hole = radius * 0.42
    draw.ellipse((cx - hole, cy - hole, cx + hole, cy + hole), fill=PAPER)
    return pin_width(height)


def draw_share_image(content, portrait=None):
    """The 1200 × 630 card, as a Pillow image. `portrait` is an RGB image or None."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)

    # Left band: brand colours, the portrait in a white ring.
    band = Image.new("RGB", (BAND_WIDTH, HEIGHT), BRAND)
    ImageDraw.Draw(band).ellipse(
        (-260, HEIGHT - 210, BAND_WIDTH + 120, HEIGHT + 380), fill=BRAND_DARK
    )
    image.paste(band, (0, 0))
    centre_x, centre_y = BAND_WIDTH // 2, HEIGHT // 2 - 6
    ring = PORTRAIT_DIAMETER + 2 * PORTRAIT_RING
    ring_mask = _circle_mask(ring)
    image.paste(
        Image.new("RGB", (ring, ring), WHITE),
        (centre_x - ring // 2, centre_y - ring // 2),
        ring_mask,
    )
    if portrait is not None:
        disc = portrait.convert("RGB").resize(
            (PORTRAIT_DIAMETER, PORTRAIT_DIAMETER), Image.Resampling.LANCZOS
        )
    else:
        disc = placeholder_portrait(content.initial, PORTRAIT_DIAMETER)
    image.paste(
        disc,
        (centre_x - PORTRAIT_DIAMETER // 2, centre_y - PORTRAIT_DIAMETER // 2),
        _circle_mask(PORTRAIT_DIAMETER),
    )

    # Text column, vertically centred in the space above the branding row.
    layout = layout_text(content)
    offset = TEXT_TOP + max(0, (TEXT_BOTTOM - TEXT_TOP - layout.height) // 2)
    for role, fitted, top in layout.blocks:
        colour = TEXT_STYLES[role][3]
        left = TEXT_LEFT
        if role == "regions":
            left += draw_location_pin(
                draw, TEXT_LEFT, offset + top + fitted.line_height / 2, fitted.size, colour
            )
        for number, line in enumerate(fitted.lines):
            y = offset + top + number * fitted.line_height + fitted.line_height / 2
            draw.text((left, y), line, font=fitted.font, fill=colour, anchor="lm")

    # Branding row: a thin rule, the logo, the organisation's name and tagline.
    draw.line((TEXT_LEFT, BRAND_ROW_TOP, TEXT_RIGHT, BRAND_ROW_TOP), fill=(230, 221, 210), width=2)
    mark_size = 60
    mark_top = BRAND_ROW_TOP + (HEIGHT - BRAND_ROW_TOP - mark_size) // 2
    draw_brand_mark(image, TEXT_LEFT, mark_top, mark_size)
    brand_left = TEXT_LEFT + mark_size + 18
    brand_width = TEXT_RIGHT - brand_left
    organisation = fit_text(content.organisation, 30, brand_width, 1, bold=True)
    if content.tagline:
        tagline = fit_text(content.tagline, 22, brand_width, 1)
        draw.text(
            (brand_left, mark_top + 18),
            organisation.lines[0],
            font=organisation.font,
            fill=INK,
            anchor="lm",
        )
        draw.text(
            (brand_left, mark_top + 46),
            tagline.lines[0],
            font=tagline.font,
            fill=MUTED,
            anchor="lm",
        )
    else:
        draw.text(
            (brand_left, mark_top + mark_size / 2),
            organisation.lines[0],
            font=organisation.font,
            fill=INK,
            anchor="lm",
        )
    return image


def encode_jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


# ---------------------------------------------------------------------------
# Storing, on publication
# ---------------------------------------------------------------------------


def share_image_name(cv, fingerprint):
    """Page id and content hash: nothing about the person."""
    return f"{SHARE_IMAGE_DIR}/{cv.pk}-{fingerprint[:16]}.jpg"


def load_portrait(cv):
    """The consented photo, square and focal-point cropped (a rendition made on publish)."""
    photo = cv.visible_photo
    if photo is None:
        return None
    rendition = photo.get_rendition(PORTRAIT_SPEC)
    with rendition.file.open("rb") as handle:
        portrait = Image.open(handle)
        portrait.load()
    return portrait.convert("RGB")


def site_identity_for_page(page):
    from home.models import SiteIdentity

    site = page.get_site()
    return SiteIdentity.for_site(site) if site is not None else SiteIdentity()


def update_share_image(cv, identity=None):
    """Draws the CV's card if what it shows changed; returns the stored path or ""."""
    from .models import CVPage

    stored = (
        CVPage.objects.filter(pk=cv.pk)
        .values_list("share_image", "share_image_fingerprint")
        .first()
    )
    if stored is None:
        return ""
    old_name, old_fingerprint = stored
    if not cv.is_public:
        remove_share_image(cv)
        return ""
    content = card_content(cv, identity if identity is not None else site_identity_for_page(cv))
    fingerprint = content.fingerprint()
    if fingerprint == old_fingerprint and old_name and default_storage.exists(old_name):
        return old_name
    data = encode_jpeg(draw_share_image(content, load_portrait(cv)))
    name = share_image_name(cv, fingerprint)
    if default_storage.exists(name):
        default_storage.delete(name)
    name = default_storage.save(name, ContentFile(data))
    # A queryset update: no revision, no signal, no page-cache bump of its own.
    CVPage.objects.filter(pk=cv.pk).update(share_image=name, share_image_fingerprint=fingerprint)
    cv.share_image, cv.share_image_fingerprint = name, fingerprint
    if old_name and old_name != name:
        _delete_quietly(old_name)
    return name


def remove_share_image(cv):
    """Forgets the card of a CV that is no longer public (or deleted)."""
    from .models import CVPage

    old_name = getattr(cv, "share_image", "")
    stored = CVPage.objects.filter(pk=cv.pk).values_list("share_image", flat=True).first()
    for name in {old_name, stored or ""}:
        if name:
            _delete_quietly(name)
    CVPage.objects.filter(pk=cv.pk).update(share_image="", share_image_fingerprint="")
    cv.share_image = cv.share_image_fingerprint = ""


def _delete_quietly(name):
    try:
        default_storage.delete(name)
    except OSError:
        logger.warning("Could not delete %s", name, exc_info=True)
