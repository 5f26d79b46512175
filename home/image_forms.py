"""The media library's upload form: SVG files are sanitised before Wagtail reads them.

Installed as WAGTAILIMAGES_IMAGE_FORM_BASE, so every way of adding an image in the
admin (image library, multiple upload, chooser) goes through it.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .svg import looks_like_svg_name, sanitise_svg


class SanitisedImageField(WagtailImageField):
    """Wagtail's image field, which swaps an uploaded SVG for its sanitised copy.

    Sanitising comes first so that an unreadable SVG gets its own French explanation
    rather than Wagtail's generic "not a valid image".
    """

    def to_python(self, data):
        if data and looks_like_svg_name(getattr(data, "name", "")):
            data.seek(0)
            try:
                clean = sanitise_svg(data.read())
            except ValueError as error:
                raise ValidationError(str(error), code="invalid_svg") from error
            data = SimpleUploadedFile(data.name, clean, content_type="image/svg+xml")
        return super().to_python(data)


class SiteImageForm(BaseImageForm):
    """The base of every image form of the admin (see WAGTAILIMAGES_IMAGE_FORM_BASE)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, SanitisedImageField):
            # Same label, widget (with the attributes Wagtail's scripts rely on) and
            # requirement; only the cleaning changes.
            self.fields["file"] = SanitisedImageField(
                label=field.label,
                required=field.required,
                widget=field.widget,
                initial=field.initial,
                disabled=field.disabled,
            )
