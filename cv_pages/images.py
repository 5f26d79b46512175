"""Portrait renditions, made when a CV is published rather than on a visitor's request.

The specs mirror the {% picture %} tags of templates/includes/portrait.html; a test
checks that rendering a published CV creates no rendition.
"""

FORMATS = ("avif", "webp", "jpeg")
CARD_SIZES = ("fill-240x240-c100", "fill-480x480-c100")
PAGE_SIZES = ("fill-320x320-c100", "fill-640x640-c100")
PORTRAIT_SPECS = tuple(
    f"format-{image_format}|{size}" for image_format in FORMATS for size in CARD_SIZES + PAGE_SIZES
)


def prepare_portrait_renditions(cv):
    photo = cv.visible_photo
    if photo is not None:
        photo.get_renditions(*PORTRAIT_SPECS)
