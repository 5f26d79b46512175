"""Invented logos for the demo and the benchmarks, drawn locally (nothing is downloaded).

Raster logos are drawn with Pillow, SVG logos written as text; both come from a seed, so
the same seed always gives the same bytes. Shapes vary on purpose (square emblems, wide
wordmarks, tall stacked marks): the partner pages must give every logo of a tier the
same visual weight whatever its shape.
"""

import random
from io import BytesIO
from xml.sax.saxutils import escape

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw

from cv_pages.share_image import load_font

# Pixel size of each shape, before the 2× supersampling used for smooth edges.
SHAPES = {
    "square": (360, 360),
    "wide": (640, 200),
    "tall": (240, 400),
}
SUPERSAMPLE = 2

# (main colour, second colour): calm, legible pairs, none of them the site's own colours.
PALETTES = [
    ("#1d4e89", "#f2a541"),
    ("#2a7f62", "#f4d35e"),
    ("#8c2f39", "#f7b267"),
    ("#3d348b", "#7678ed"),
    ("#00798c", "#edae49"),
    ("#d1495b", "#30638e"),
    ("#2e4057", "#66a182"),
    ("#6a4c93", "#ff924c"),
    ("#005f73", "#94d2bd"),
    ("#9b2226", "#ee9b00"),
]
MONOCHROME = ("#1f1f1f", "#6b6b6b")
EMBLEMS = ("circle", "rounded", "diamond", "bars", "arch")


def initials(name, count=2):
    """ "Fondation Horizon Emploi" → "HE": the significant words' first letters."""
    small = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "pour", "&", "fondation"}
    words = [word for word in name.replace("'", " ").split() if word.lower() not in small]
    words = words or name.split()
    return "".join(word[0] for word in words[:count]).upper()


def palette(seed, monochrome=False):
    if monochrome:
        return MONOCHROME
    return random.Random(f"palette-{seed}").choice(PALETTES)


def _fit_font(draw, text, max_width, max_size, bold=True):
    """The biggest font (down to 10 px) in which `text` fits in `max_width` pixels."""
    size = max_size
    while size > 10:
        font = load_font(size, bold=bold)
        if draw.textlength(text, font=font) <= max_width:
            return font
        size -= 2
    return load_font(10, bold=bold)


def _draw_emblem(draw, box, kind, main, second):
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    if kind == "circle":
        draw.ellipse(box, fill=main)
        inset = width // 6
        draw.ellipse(
            (left + inset, top + inset, right - inset, bottom - inset),
            outline=second,
            width=max(2, width // 18),
        )
    elif kind == "rounded":
        draw.rounded_rectangle(box, radius=width // 5, fill=main)
        draw.rectangle((left, bottom - height // 5, right, bottom), fill=second)
    elif kind == "diamond":
        cx, cy = left + width // 2, top + height // 2
        draw.polygon([(cx, top), (right, cy), (cx, bottom), (left, cy)], fill=main)
        draw.ellipse(
            (cx - width // 8, cy - height // 8, cx + width // 8, cy + height // 8), fill=second
        )
    elif kind == "bars":
        bar = width // 4
        for index, ratio in enumerate((0.45, 0.75, 1.0)):
            x = left + index * (bar + bar // 3)
            draw.rectangle(
                (x, bottom - int(height * ratio), x + bar, bottom),
                fill=main if index != 1 else second,
            )
    else:  # arch
        draw.pieslice(box, 180, 360, fill=main)
        draw.rectangle((left, top + height // 2, right, bottom), fill=main)
        draw.pieslice(
            (left + width // 4, top + height // 4, right - width // 4, bottom - height // 4),
            180,
            360,
            fill=second,
        )


def raster_logo(name, seed, shape="square", monochrome=False):
    """A PNG logo (transparent background) for `name`; same arguments, same bytes."""
    rng = random.Random(f"logo-{seed}")
    width, height = (side * SUPERSAMPLE for side in SHAPES[shape])
    main, second = palette(seed, monochrome)
    # The initials are written across a square logo's emblem: only the full shapes suit.
    emblem = rng.choice(EMBLEMS if shape != "square" else ("circle", "rounded"))
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    pad = width // 12 if shape != "wide" else height // 8
    text_colour = main if not monochrome else MONOCHROME[0]

    if shape == "square":
        # An emblem filling the logo, the initials across it.
        box = (pad, pad, width - pad, height - pad)
        _draw_emblem(draw, box, emblem, main, second)
        mark = initials(name)
        font = _fit_font(draw, mark, (width - 2 * pad) * 0.55, height // 3)
        draw.text((width / 2, height / 2), mark, font=font, fill="white", anchor="mm")
    elif shape == "wide":
        # A wordmark: the emblem on the left, the name on one or two lines beside it.
        side = height - 2 * pad
        _draw_emblem(draw, (pad, pad, pad + side, pad + side), emblem, main, second)
        text_left = pad * 2 + side
        words = name.split()
        lines = (
            [name]
            if len(words) < 3
            else [
                " ".join(words[: len(words) // 2]),
                " ".join(words[len(words) // 2 :]),
            ]
        )
        max_width = width - text_left - pad
        font = min(
            (_fit_font(draw, line, max_width, height // (2 + len(lines))) for line in lines),
            key=lambda f: f.size,
        )
        line_height = font.size * 1.15
        top = height / 2 - line_height * len(lines) / 2
        for index, line in enumerate(lines):
            draw.text((text_left, top + index * line_height), line, font=font, fill=text_colour)
    else:  # tall
        # A stacked mark: the emblem on top, the name in short lines below.
        side = width - 2 * pad
        _draw_emblem(draw, (pad, pad, pad + side, pad + side), emblem, main, second)
        words = name.split()
        lines = [" ".join(words[i : i + 2]) for i in range(0, len(words), 2)][:3]
        font = min(
            (_fit_font(draw, line, width - 2 * pad, width // 7) for line in lines),
            key=lambda f: f.size,
        )
        line_height = font.size * 1.2
        top = pad * 2 + side
        for index, line in enumerate(lines):
            draw.text(
                (width / 2, top + index * line_height),
                line,
                font=font,
                fill=text_colour,
                anchor="ma",
            )

    image = image.resize(SHAPES[shape], Image.Resampling.LANCZOS)
    output = BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


def svg_logo(name, seed, shape="wide", monochrome=False):
    """An SVG logo written as text: an emblem (shapes, a gradient) and the name."""
    width, height = SHAPES[shape]
    main, second = palette(seed, monochrome)
    title = escape(name)
    mark = escape(initials(name))
    if shape == "wide":
        side = height - 40
        words = escape(name).split()
        half = (len(words) + 1) // 2
        first, rest = " ".join(words[:half]), " ".join(words[half:])
        size = min(44, int((width - side - 80) / max(len(first), len(rest), 1) * 1.8))
        drawing = (
            f'<circle cx="{20 + side / 2}" cy="{height / 2}" r="{side / 2}" fill="url(#g)"/>'
            f'<text x="{20 + side / 2}" y="{height / 2}" font-size="{side * 0.36:.0f}" '
            f'fill="#ffffff" text-anchor="middle" dominant-baseline="central" '
            f'font-weight="bold">{mark}</text>'
            f'<text x="{side + 50}" y="{height / 2 - 6}" font-size="{size}" fill="{main}" '
            f'font-weight="bold">{first}</text>'
            f'<text x="{side + 50}" y="{height / 2 + size}" font-size="{size}" '
            f'fill="{main}" opacity="0.75">{rest}</text>'
        )
    else:
        inset = width * 0.1
        drawing = (
            f'<rect x="{inset}" y="{inset}" width="{width - 2 * inset}" '
            f'height="{height - 2 * inset}" rx="{width * 0.18:.0f}" fill="url(#g)"/>'
            f'<path d="M{inset} {height * 0.72} Q{width / 2} {height * 0.55} '
            f"{width - inset} {height * 0.72} L{width - inset} {height - inset} "
            f'L{inset} {height - inset} Z" fill="{second}" opacity="0.85"/>'
            f'<text x="{width / 2}" y="{height * 0.45}" font-size="{width * 0.3:.0f}" '
            f'fill="#ffffff" text-anchor="middle" dominant-baseline="central" '
            f'font-weight="bold">{mark}</text>'
        )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">'
        f"<title>{title}</title>"
        f'<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">'
        f'<stop offset="0" stop-color="{main}"/><stop offset="1" stop-color="{second}"/>'
        f"</linearGradient></defs>"
        f'<g font-family="Liberation Sans, DejaVu Sans, Arial, sans-serif">{drawing}</g>'
        f"</svg>"
    )
    return svg.encode()


def save_logo(image_model, title, data, extension, collection=None):
    """Store `data` (PNG or SVG bytes) as an image of the media library."""
    fields = {"title": title, "file": ImageFile(BytesIO(data), name=f"logo.{extension}")}
    if collection is not None:
        fields["collection"] = collection
    image = image_model(**fields)
    image.save()
    return image
