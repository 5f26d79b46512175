"""Stylised portraits for the demo: flat illustration avatars drawn with Pillow only.

`generate_portrait(seed)` always draws the same person for the same seed: a warm
background, a head with a friendly smile, hair, and clothing. They stand in for the
photos real candidates give with their consent; they never pretend to be photographs.
"""

import math
import random
from io import BytesIO

from PIL import Image, ImageChops, ImageDraw, ImageFilter

SUPERSAMPLING = 2

# (top, bottom) of the background gradient: peach, apricot, rose, honey, sand, coral…
BACKGROUNDS = [
    ((252, 228, 206), (244, 179, 147)),
    ((253, 236, 200), (246, 194, 139)),
    ((250, 222, 216), (236, 164, 152)),
    ((253, 238, 196), (240, 196, 98)),
    ((240, 226, 210), (214, 176, 140)),
    ((251, 220, 200), (227, 139, 109)),
    ((246, 230, 214), (226, 178, 160)),
    ((253, 232, 214), (239, 160, 120)),
]

SKIN_TONES = [
    (255, 224, 196),
    (246, 205, 170),
    (234, 184, 146),
    (214, 158, 115),
    (190, 130, 90),
    (160, 102, 66),
    (128, 80, 52),
    (96, 60, 40),
]

HAIR_COLOURS = [
    (38, 30, 28),
    (58, 40, 30),
    (92, 60, 38),
    (128, 82, 48),
    (160, 88, 46),
    (206, 164, 96),
    (160, 156, 152),
]

CLOTHING_COLOURS = [
    (38, 92, 110),
    (44, 62, 102),
    (52, 104, 78),
    (124, 46, 62),
    (96, 70, 130),
    (70, 110, 150),
    (176, 120, 40),
    (60, 60, 72),
    (150, 74, 52),
]

SCARF_COLOURS = [
    (122, 52, 80),
    (46, 96, 112),
    (178, 110, 60),
    (80, 72, 130),
    (60, 112, 84),
]

MOUTH_DROP = 0.58  # the mouth sits this far below the eyes, in head heights

HAIR_STYLES = ["short", "side_part", "buzz", "long", "bun", "curly", "headscarf"]
# Styles to draw from when the candidate's CV says how they present ("f" or "m").
HAIR_STYLES_BY_PRESENTATION = {
    "f": ["long", "long", "bun", "curly", "headscarf", "side_part"],
    "m": ["short", "side_part", "buzz", "curly"],
}
CLOTHING_STYLES = ["crew", "vneck", "collar", "jacket"]


def _shade(colour, factor):
    """Darker (factor < 1) or lighter (factor > 1) version of a colour."""
    if factor <= 1:
        return tuple(max(0, int(channel * factor)) for channel in colour)
    return tuple(min(255, int(channel + (255 - channel) * (factor - 1))) for channel in colour)


def _mix(first, second, ratio):
    return tuple(int(a + (b - a) * ratio) for a, b in zip(first, second, strict=True))


class _Canvas:
    """A drawing surface with coordinates given as fractions of the side."""

    def __init__(self, side, background):
        self.side = side
        self.image = Image.new("RGB", (side, side), background[0])
        self.draw = ImageDraw.Draw(self.image)

    def px(self, value):
        return round(value * self.side)

    def box(self, left, top, right, bottom):
        return (self.px(left), self.px(top), self.px(right), self.px(bottom))

    def mask(self):
        return Image.new("L", (self.side, self.side), 0)

    def paint(self, colour, mask):
        self.image.paste(colour, (0, 0), mask)

    def ellipse(self, box, colour):
        self.draw.ellipse(self.box(*box), fill=colour)

    def polygon(self, points, colour):
        self.draw.polygon([(self.px(x), self.px(y)) for x, y in points], fill=colour)


def _background(canvas, rng, palette):
    top, bottom = palette
    side = canvas.side
    gradient = Image.new("RGB", (1, side))
    for y in range(side):
        gradient.putpixel((0, y), _mix(top, bottom, y / (side - 1)))
    canvas.image.paste(gradient.resize((side, side)))
    # A soft, lighter disc behind the head, slightly off-centre.
    halo = canvas.mask()
    offset = rng.uniform(-0.06, 0.06)
    ImageDraw.Draw(halo).ellipse(canvas.box(0.14 + offset, 0.08, 0.86 + offset, 0.80), fill=120)
    halo = halo.filter(ImageFilter.GaussianBlur(canvas.side * 0.04))
    canvas.paint(_shade(top, 1.35), halo)


def generate_portrait(
    seed: int,
    size: int = 600,
    *,
    presentation: str | None = None,
    skin_tone: int | None = None,
    hair_style: str | None = None,
    grey_hair: bool | None = None,
) -> bytes:
    """A JPEG portrait of `size` × `size` pixels, the same for the same seed.

    Optional hints make the drawing fit a candidate's CV: `presentation` ("f" or "m")
    narrows hair styles and beards, `skin_tone` picks one of SKIN_TONES (0 = lightest),
    `hair_style` one of HAIR_STYLES, and `grey_hair` (True or False) suits the candidate's
    age. Anything left out is drawn from the seed.
    """
    rng = random.Random(seed)
    palette = rng.choice(BACKGROUNDS)
    skin = rng.choice(SKIN_TONES)
    style = rng.choice(HAIR_STYLES_BY_PRESENTATION.get(presentation, HAIR_STYLES))
    hair = rng.choice(HAIR_COLOURS[:-1]) if rng.random() < 0.85 else HAIR_COLOURS[-1]
    if skin_tone is not None:
        skin = SKIN_TONES[max(0, min(skin_tone, len(SKIN_TONES) - 1))]
    if hair_style in HAIR_STYLES:
        style = hair_style
    if grey_hair:
        hair = HAIR_COLOURS[-1]
    elif grey_hair is False and hair == HAIR_COLOURS[-1]:
        hair = HAIR_COLOURS[seed % (len(HAIR_COLOURS) - 1)]
    elif skin_tone is not None and skin_tone >= 5 and hair[0] > 100:
        hair = HAIR_COLOURS[0]  # keep dark hair with a deep skin tone unless asked
    hair_style = style
    clothing_style = rng.choice(CLOTHING_STYLES)
    clothing = rng.choice(CLOTHING_COLOURS)
    scarf = rng.choice(SCARF_COLOURS)
    has_beard = (
        presentation != "f"
        and hair_style in {"short", "side_part", "buzz", "curly"}
        and rng.random() < (0.4 if presentation == "m" else 0.3)
    )
    has_glasses = rng.random() < 0.25

    canvas = _Canvas(size * SUPERSAMPLING, palette)
    _background(canvas, rng, palette)

    # Head geometry, as fractions of the side.
    cx = 0.5 + rng.uniform(-0.01, 0.01)
    cy = 0.42
    rx = rng.uniform(0.150, 0.170)
    ry = rng.uniform(0.190, 0.210)
    head = (cx - rx, cy - ry, cx + rx, cy + ry)
    skin_shadow = _shade(skin, 0.85)

    if hair_style == "long":
        _long_hair_back(canvas, rng, cx, cy, rx, ry, hair)
    elif hair_style == "curly":
        _curly_hair_back(canvas, rng, cx, cy, rx, ry, hair)
    elif hair_style == "bun":
        bun_r = rng.uniform(0.055, 0.07)
        canvas.ellipse(
            (cx - bun_r, cy - ry - bun_r * 1.35, cx + bun_r, cy - ry + bun_r * 0.6), hair
        )

    # Neck, with the shadow under the chin.
    if hair_style != "headscarf":
        neck_w = rx * 0.45
        canvas.draw.rounded_rectangle(
            canvas.box(cx - neck_w, cy + ry * 0.5, cx + neck_w, 0.80),
            radius=canvas.px(0.03),
            fill=skin,
        )
        canvas.ellipse((cx - neck_w, cy + ry * 0.6, cx + neck_w, cy + ry * 1.2), skin_shadow)

    _clothing(canvas, rng, cx, clothing_style, clothing, skin, skin_shadow)

    if hair_style == "headscarf":
        _headscarf(canvas, rng, cx, cy, rx, ry, scarf)
        face = (cx - rx * 0.9, cy - ry * 0.75, cx + rx * 0.9, cy + ry * 0.98)
        canvas.ellipse(face, skin)
    else:
        # Ears, then the head over them.
        for side in (-1, 1):
            ear_x = cx + side * rx
            canvas.ellipse((ear_x - 0.028, cy - 0.035, ear_x + 0.028, cy + 0.055), skin)
            canvas.ellipse((ear_x - 0.014, cy - 0.015, ear_x + 0.014, cy + 0.035), skin_shadow)
        canvas.ellipse(head, skin)

    if has_beard:
        _beard(canvas, cx, cy, rx, ry, hair)

    _face(canvas, rng, cx, cy, rx, ry, skin, hair, has_beard, has_glasses)

    if hair_style in {"short", "side_part", "long", "bun"}:
        _hair_cap(canvas, rng, hair_style, cx, cy, rx, ry, hair)
    elif hair_style == "buzz":
        _hair_cap(canvas, rng, hair_style, cx, cy, rx, ry, _mix(hair, skin, 0.35))
    elif hair_style == "curly":
        _curly_fringe(canvas, rng, cx, cy, rx, ry, hair)

    image = canvas.image.resize((size, size), Image.Resampling.LANCZOS)
    output = BytesIO()
    image.save(output, format="JPEG", quality=88, optimize=True)
    return output.getvalue()


# ---------------------------------------------------------------------------
# Parts
# ---------------------------------------------------------------------------


def _clothing(canvas, rng, cx, style, colour, skin, skin_shadow):
    shoulders = (cx - 0.40, 0.72, cx + 0.40, 1.45)
    canvas.ellipse(shoulders, colour)
    darker = _shade(colour, 0.78)
    if style == "crew":
        canvas.ellipse((cx - 0.085, 0.685, cx + 0.085, 0.775), skin)
        outline = canvas.mask()
        ImageDraw.Draw(outline).arc(
            canvas.box(cx - 0.095, 0.675, cx + 0.095, 0.785),
            0,
            180,
            fill=255,
            width=canvas.px(0.012),
        )
        canvas.paint(darker, outline)
    elif style == "vneck":
        canvas.polygon([(cx - 0.08, 0.72), (cx + 0.08, 0.72), (cx, 0.86)], skin)
        canvas.polygon([(cx - 0.05, 0.725), (cx + 0.05, 0.725), (cx, 0.79)], skin_shadow)
    elif style == "collar":
        shirt = rng.choice([(244, 242, 236), (214, 228, 240), (236, 226, 210)])
        canvas.polygon([(cx - 0.07, 0.72), (cx + 0.07, 0.72), (cx, 0.83)], skin)
        canvas.polygon([(cx - 0.075, 0.70), (cx - 0.005, 0.80), (cx - 0.11, 0.79)], shirt)
        canvas.polygon([(cx + 0.075, 0.70), (cx + 0.005, 0.80), (cx + 0.11, 0.79)], shirt)
        canvas.draw.line(
            [(canvas.px(cx), canvas.px(0.83)), (canvas.px(cx), canvas.px(1.0))],
            fill=darker,
            width=canvas.px(0.006),
        )
    else:  # jacket over a shirt
        shirt = rng.choice([(244, 242, 236), (230, 222, 206), (210, 222, 232)])
        canvas.polygon(
            [(cx - 0.11, 0.73), (cx + 0.11, 0.73), (cx + 0.06, 1.0), (cx - 0.06, 1.0)], shirt
        )
        canvas.polygon([(cx - 0.06, 0.72), (cx + 0.06, 0.72), (cx, 0.80)], skin)
        canvas.polygon([(cx - 0.06, 0.715), (cx - 0.005, 0.80), (cx - 0.085, 0.78)], shirt)
        canvas.polygon([(cx + 0.06, 0.715), (cx + 0.005, 0.80), (cx + 0.085, 0.78)], shirt)
        for side in (-1, 1):
            canvas.polygon(
                [
                    (cx + side * 0.13, 0.735),
                    (cx + side * 0.035, 1.0),
                    (cx + side * 0.10, 1.0),
                    (cx + side * 0.20, 0.76),
                ],
                darker,
            )


def _face(canvas, rng, cx, cy, rx, ry, skin, hair, has_beard, has_glasses):
    eye_dark = (44, 34, 34)
    eye_y = cy + ry * 0.05
    spread = rx * rng.uniform(0.36, 0.42)
    eye_w, eye_h = 0.014, rng.uniform(0.016, 0.020)
    brow = _shade(hair, 0.9) if hair[0] < 150 else _shade(hair, 0.6)
    brow_lift = rng.uniform(0.045, 0.055)
    for side in (-1, 1):
        ex = cx + side * spread
        canvas.ellipse((ex - eye_w, eye_y - eye_h, ex + eye_w, eye_y + eye_h), eye_dark)
        canvas.ellipse(
            (ex - 0.004 + 0.004, eye_y - 0.009, ex + 0.004 + 0.004, eye_y - 0.001), (250, 250, 250)
        )
        canvas.draw.arc(
            canvas.box(ex - 0.032, eye_y - brow_lift, ex + 0.032, eye_y - brow_lift + 0.05),
            200,
            340,
            fill=brow,
            width=canvas.px(0.009),
        )
    # Blush.
    blush = canvas.mask()
    for side in (-1, 1):
        bx = cx + side * rx * 0.58
        ImageDraw.Draw(blush).ellipse(
            canvas.box(bx - 0.032, eye_y + 0.045, bx + 0.032, eye_y + 0.075), fill=70
        )
    blush = blush.filter(ImageFilter.GaussianBlur(canvas.side * 0.008))
    canvas.paint((230, 110, 100), blush)
    # Nose: a small soft curve.
    canvas.draw.arc(
        canvas.box(cx - 0.017, eye_y + 0.02, cx + 0.017, eye_y + 0.062),
        20,
        160,
        fill=_shade(skin, 0.72),
        width=canvas.px(0.007),
    )
    # Smile: open and warm, or a gentle closed curve.
    mouth_y = cy + ry * MOUTH_DROP
    mouth_w = rx * rng.uniform(0.34, 0.42)
    lips = _shade(_mix(skin, (170, 60, 60), 0.35), 0.8)
    if rng.random() < 0.55:
        smile_box = (cx - mouth_w, mouth_y - 0.035, cx + mouth_w, mouth_y + 0.035)
        canvas.draw.chord(canvas.box(*smile_box), 0, 180, fill=(92, 36, 40))
        teeth = canvas.mask()
        ImageDraw.Draw(teeth).chord(canvas.box(*smile_box), 0, 180, fill=255)
        ImageDraw.Draw(teeth).rectangle(canvas.box(0, mouth_y + 0.012, 1, 1), fill=0)
        canvas.paint((250, 248, 244), teeth)
    else:
        canvas.draw.arc(
            canvas.box(cx - mouth_w, mouth_y - 0.04, cx + mouth_w, mouth_y + 0.025),
            25,
            155,
            fill=lips,
            width=canvas.px(0.010),
        )
    if has_glasses:
        frame = rng.choice([(40, 40, 48), (110, 60, 40), (70, 90, 120)])
        width = canvas.px(0.007)
        for side in (-1, 1):
            ex = cx + side * spread
            canvas.draw.rounded_rectangle(
                canvas.box(ex - 0.045, eye_y - 0.032, ex + 0.045, eye_y + 0.034),
                radius=canvas.px(0.02),
                outline=frame,
                width=width,
            )
        canvas.draw.arc(
            canvas.box(cx - spread + 0.045, eye_y - 0.02, cx + spread - 0.045, eye_y + 0.02),
            200,
            340,
            fill=frame,
            width=width,
        )


def _hair_cap(canvas, rng, style, cx, cy, rx, ry, colour):
    """Hair over the top of the head, with a curved hairline carved out of it."""
    mask = canvas.mask()
    draw = ImageDraw.Draw(mask)
    if style == "buzz":
        grow, carve_top, bottom = 0.006, 0.72, cy - ry * 0.05
    elif style == "long":
        grow, carve_top, bottom = 0.022, 0.55, cy + ry * 0.35
    else:
        grow, carve_top, bottom = 0.016, 0.58, cy - ry * 0.02
    lift = 0.035 if style in {"short", "side_part"} else 0.015
    draw.ellipse(
        canvas.box(cx - rx - grow, cy - ry - lift, cx + rx + grow, cy + ry + grow), fill=255
    )
    shift = 0.0
    if style == "side_part":
        shift = rng.choice([-1, 1]) * rx * 0.25
    elif style == "short":
        shift = rng.uniform(-0.3, 0.3) * rx * 0.2
    carve = (cx - rx * 0.9 + shift, cy - ry * carve_top, cx + rx * 0.9 + shift, cy + ry * 1.7)
    draw.ellipse(canvas.box(*carve), fill=0)
    if style == "long":
        # A centre parting.
        draw.line(
            [(canvas.px(cx), canvas.px(cy - ry - lift)), (canvas.px(cx), canvas.px(cy - ry * 0.6))],
            fill=0,
            width=canvas.px(0.006),
        )
    if style == "side_part":
        # A sweep of fringe towards one side.
        direction = 1 if shift < 0 else -1
        draw.polygon(
            [
                (canvas.px(cx + shift), canvas.px(cy - ry * 0.95)),
                (canvas.px(cx + direction * rx * 0.9), canvas.px(cy - ry * 0.62)),
                (canvas.px(cx + direction * rx * 0.95), canvas.px(cy - ry * 0.35)),
                (canvas.px(cx + shift + direction * rx * 0.2), canvas.px(cy - ry * 0.62)),
            ],
            fill=255,
        )
    draw.rectangle(canvas.box(0, bottom, 1, 1), fill=0)
    canvas.paint(colour, mask)
    # A soft highlight gives the hair some volume.
    shine = canvas.mask()
    ImageDraw.Draw(shine).arc(
        canvas.box(cx - rx * 0.7, cy - ry * 0.98, cx + rx * 0.3, cy - ry * 0.4),
        200,
        260,
        fill=90,
        width=canvas.px(0.012),
    )
    canvas.paint(_shade(colour, 1.35), ImageChops.multiply(shine, mask))


def _long_hair_back(canvas, rng, cx, cy, rx, ry, colour):
    length = rng.uniform(0.72, 0.84)
    width = rx + rng.uniform(0.035, 0.055)
    canvas.draw.rounded_rectangle(
        canvas.box(cx - width, cy - ry - 0.02, cx + width, length),
        radius=canvas.px(width * 0.9),
        fill=_shade(colour, 0.9),
    )


def _curly_hair_back(canvas, rng, cx, cy, rx, ry, colour):
    volume = rng.uniform(0.04, 0.07)
    centre_y = cy - ry * 0.3
    radius_x, radius_y = rx + volume * 0.8, ry * 0.85 + volume * 0.6
    canvas.ellipse((cx - radius_x, centre_y - radius_y, cx + radius_x, centre_y + radius_y), colour)
    canvas.ellipse((cx - radius_x, cy - ry, cx + radius_x, cy + ry * 0.35), colour)
    for step in range(24):
        angle = math.pi * (0.85 + 1.3 * step / 23)
        px = cx + radius_x * math.cos(angle)
        py = centre_y + radius_y * math.sin(angle)
        radius = volume * rng.uniform(0.55, 0.8)
        canvas.ellipse((px - radius, py - radius, px + radius, py + radius), colour)


def _curly_fringe(canvas, rng, cx, cy, rx, ry, colour):

    mask = canvas.mask()
    draw = ImageDraw.Draw(mask)
    draw.chord(
        canvas.box(cx - rx - 0.01, cy - ry - 0.02, cx + rx + 0.01, cy + ry * 0.1),
        180,
        360,
        fill=255,
    )
    for step in range(11):
        angle = math.pi * (1.05 + 0.9 * step / 10)
        px = cx + rx * 0.82 * math.cos(angle)
        py = cy - ry * 0.45 + ry * 0.35 * math.sin(angle) + 0.02
        radius = rng.uniform(0.022, 0.03)
        draw.ellipse(canvas.box(px - radius, py - radius, px + radius, py + radius), fill=255)
    draw.rectangle(canvas.box(0, cy - ry * 0.12, 1, 1), fill=0)
    canvas.paint(colour, mask)


def _headscarf(canvas, rng, cx, cy, rx, ry, colour):
    grow = 0.045
    # The drape over the shoulders, then the scarf around the head.
    canvas.polygon(
        [
            (cx - rx - grow, cy),
            (cx + rx + grow, cy),
            (cx + rx + 0.09, 0.86),
            (cx, 0.92),
            (cx - rx - 0.09, 0.86),
        ],
        colour,
    )
    canvas.ellipse((cx - rx - 0.09, 0.70, cx + rx + 0.09, 0.95), colour)
    canvas.ellipse((cx - rx - grow, cy - ry - grow, cx + rx + grow, cy + ry + grow * 1.6), colour)
    fold = _shade(colour, 0.82)
    canvas.draw.arc(
        canvas.box(cx - rx * 0.95, cy - ry * 0.25, cx + rx * 0.95, cy + ry * 1.12),
        35,
        145,
        fill=fold,
        width=canvas.px(0.01),
    )


def _beard(canvas, cx, cy, rx, ry, colour):
    """A short beard along the jaw and a moustache; the mouth is drawn over it."""
    mask = canvas.mask()
    draw = ImageDraw.Draw(mask)
    draw.ellipse(canvas.box(cx - rx - 0.004, cy - ry, cx + rx + 0.004, cy + ry + 0.008), fill=255)
    draw.ellipse(canvas.box(cx - rx * 0.8, cy - ry * 0.9, cx + rx * 0.8, cy + ry * 0.66), fill=0)
    draw.rectangle(canvas.box(0, 0, 1, cy + ry * 0.05), fill=0)
    mouth_y = cy + ry * MOUTH_DROP
    width = rx * 0.5
    draw.chord(
        canvas.box(cx - width, mouth_y - 0.028, cx + width, mouth_y + 0.03), 180, 360, fill=255
    )
    canvas.paint(_mix(colour, (60, 50, 45), 0.2), mask)
