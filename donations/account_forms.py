"""Forms of the donor space: details and receipt preference for future receipts, and the
supporters wall."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siren as siren_module
from stdnum.fr import siret as siret_module
from wagtail.images import get_image_model

from home.image_forms import SanitisedImageField

from .models import DonationFrequency, Donor

COMPANY_DETAILS = [
    "legal_name",
    "legal_form",
    "siret",
    "contact_name",
    "address_line1",
    "address_line2",
    "postal_code",
    "city",
    "country",
]
INDIVIDUAL_DETAILS = [
    "first_name",
    "last_name",
    "address_line1",
    "address_line2",
    "postal_code",
    "city",
    "country",
]
REQUIRED_DETAILS = {
    "legal_name",
    "legal_form",
    "siret",
    "contact_name",
    "first_name",
    "last_name",
    "address_line1",
    "postal_code",
    "city",
    "country",
}


def clean_siren_or_siret(value):
    """Return the SIREN (9 digits) or SIRET (14 digits) without spaces, checksum verified."""
    digits = re.sub(r"[\s.\-]", "", value or "")
    if not digits.isdigit() or len(digits) not in (9, 14):
        raise forms.ValidationError(
            _("Saisissez un SIREN (9 chiffres) ou un SIRET (14 chiffres)."), code="format"
        )
    module = siren_module if len(digits) == 9 else siret_module
    try:
        module.validate(digits)
    except StdnumError:
        raise forms.ValidationError(
            _("Ce numéro SIREN ou SIRET n'est pas valide : vérifiez les chiffres."),
            code="checksum",
        ) from None
    return digits


class DonorDetailsForm(forms.ModelForm):
    """The donor's identity and address as the next receipts will print them."""

    # Longer than the stored 14 digits: people type SIRETs with spaces.
    siret = forms.CharField(label=_("SIREN ou SIRET"), max_length=24, required=False)

    class Meta:
        model = Donor
        fields = [*sorted(set(COMPANY_DETAILS) | set(INDIVIDUAL_DETAILS)), "yearly_receipt"]
        labels = {
            "siret": _("SIREN ou SIRET"),
            "country": _("Pays (code à deux lettres)"),
            "yearly_receipt": _(
                "Je préfère recevoir un seul reçu fiscal par an (en janvier) plutôt qu'un "
                "reçu par mois"
            ),
        }
        help_texts = {
            "yearly_receipt": _(
                "S'applique à vos prochains versements mensuels. Les reçus déjà émis ne "
                "changent pas, et les versements qui attendent déjà le reçu annuel le "
                "recevront en janvier. Vos dons ponctuels ont toujours leur propre reçu."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wanted = COMPANY_DETAILS if self.instance.is_company else INDIVIDUAL_DETAILS
        if self.instance.donations.filter(frequency=DonationFrequency.MONTHLY).exists():
            # Only monthly payments can wait for a yearly summary.
            wanted = [*wanted, "yearly_receipt"]
        # Keep the order of the form as it reads on a receipt.
        self.fields = {name: self.fields[name] for name in wanted}
        for name, field in self.fields.items():
            field.required = name in REQUIRED_DETAILS
        if "siret" in self.fields:
            self.fields["siret"].help_text = _("9 ou 14 chiffres ; les espaces sont acceptés.")
        autocomplete = {
            "legal_name": "organization",
            "contact_name": "name",
            "first_name": "given-name",
            "last_name": "family-name",
            "address_line1": "address-line1",
            "address_line2": "address-line2",
            "postal_code": "postal-code",
            "city": "address-level2",
            "country": "country",
        }
        for name, token in autocomplete.items():
            if name in self.fields:
                self.fields[name].widget.attrs["autocomplete"] = token

    def clean_siret(self):
        return clean_siren_or_siret(self.cleaned_data.get("siret"))

    def clean_country(self):
        country = (self.cleaned_data.get("country") or "").strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", country):
            raise forms.ValidationError(_("Indiquez le pays en deux lettres, par exemple FR."))
        return country

    def clean(self):
        cleaned = super().clean()
        postal_code = (cleaned.get("postal_code") or "").strip()
        if (
            cleaned.get("country") == "FR"
            and postal_code
            and not re.fullmatch(r"\d{5}", postal_code)
        ):
            self.add_error("postal_code", _("Un code postal français compte cinq chiffres."))
        return cleaned


class WallSettingsForm(forms.ModelForm):
    """How the donor appears on the supporters wall; staff approve each change."""

    # An SVG is sanitised (home/svg.py), and an unreadable one gets a French message.
    logo_file = SanitisedImageField(
        label=_("Logo"),
        required=False,
        help_text=_(
            "Image PNG, JPEG, WebP, AVIF ou SVG, 10 Mo au plus ; un SVG est nettoyé à l'envoi."
        ),
    )
    remove_logo = forms.BooleanField(label=_("Retirer le logo actuel"), required=False)

    class Meta:
        model = Donor
        fields = ["show_on_wall", "display_name"]
        labels = {
            "show_on_wall": _("Je souhaite apparaître sur le mur des soutiens"),
            "display_name": _("Nom affiché"),
        }
        help_texts = {
            "display_name": _("Le nom montré au public, qui peut différer de la raison sociale."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.is_company:
            # Logos are for companies; a person appears by name only.
            del self.fields["logo_file"]
            del self.fields["remove_logo"]
        elif not self.instance.logo_id:
            del self.fields["remove_logo"]
        self._initial_display_name = self.instance.display_name
        self._initial_logo_id = self.instance.logo_id

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("show_on_wall") and not (cleaned.get("display_name") or "").strip():
            self.add_error(
                "display_name", _("Indiquez le nom à afficher pour apparaître sur le mur.")
            )
        return cleaned

    def save(self, commit=True):
        donor = super().save(commit=False)
        upload = self.cleaned_data.get("logo_file")
        if upload:
            image = get_image_model()(
                title=f"Logo — {donor.display_name or donor.name}"[:255], file=upload
            )
            image._set_image_file_metadata()
            image.save()
            donor.logo = image
        elif self.cleaned_data.get("remove_logo"):
            donor.logo = None
        changed = (
            donor.display_name != self._initial_display_name
            or donor.logo_id != self._initial_logo_id
        )
        if changed:
            # A new name or logo is published only once staff have looked at it again.
            donor.wall_approved = False
        if commit:
            donor.save()
        return donor
