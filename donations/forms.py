"""The donation form: amount, frequency, who gives (company or person), opt-ins.

Both the company block and the person block are in the page (JavaScript shows only the
relevant one); only the fields of the chosen donor type are required and kept.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from PIL import Image
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siren, siret

from .amounts import format_euros_short, parse_euros
from .models import DonationFrequency, DonorKind

OTHER = "autre"
LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_FORMATS = {"PNG", "JPEG", "WEBP"}
COMPANY_REDUCTION = 60  # article 238 bis CGI, percent of the gift
INDIVIDUAL_REDUCTION = 66  # article 200 CGI

LEGAL_FORMS = [
    ("", _("Choisissez…")),
    ("SAS", "SAS"),
    ("SASU", "SASU"),
    ("SARL", "SARL"),
    ("EURL", "EURL"),
    ("SA", "SA"),
    ("SNC", "SNC"),
    ("SCI", "SCI"),
    ("SCOP", "SCOP"),
    ("SCIC", "SCIC"),
    ("EI", _("Entreprise individuelle (EI)")),
    ("Association", _("Association")),
    ("Fondation", _("Fondation")),
    (OTHER, _("Autre")),
]

COUNTRIES = [
    ("FR", _("France")),
    ("BE", _("Belgique")),
    ("LU", _("Luxembourg")),
    ("CH", _("Suisse")),
    ("MC", _("Monaco")),
    ("DE", _("Allemagne")),
    ("ES", _("Espagne")),
    ("IT", _("Italie")),
    ("NL", _("Pays-Bas")),
    ("GB", _("Royaume-Uni")),
]

COMPANY_FIELDS = ("legal_name", "legal_form", "siret", "contact_name")
INDIVIDUAL_FIELDS = ("first_name", "last_name")
ADDRESS_FIELDS = ("address_line1", "postal_code", "city")


def cost_after_reduction(cents, kind):
    rate = COMPANY_REDUCTION if kind == DonorKind.COMPANY else INDIVIDUAL_REDUCTION
    return cents - cents * rate // 100


class DonationForm(forms.Form):
    """What a donor types; `clean()` turns it into an amount in cents and donor details."""

    amount_choice = forms.ChoiceField(label=_("Montant"), widget=forms.RadioSelect, required=False)
    other_amount = forms.CharField(
        label=_("Autre montant (en euros)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    frequency = forms.ChoiceField(label=_("Fréquence"), widget=forms.RadioSelect)
    donor_kind = forms.ChoiceField(
        label=_("Vous donnez en tant que"),
        choices=[(DonorKind.COMPANY, _("Entreprise")), (DonorKind.INDIVIDUAL, _("Particulier"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Indiquez si vous donnez en tant qu'entreprise ou particulier.")
        },
    )
    # Company
    legal_name = forms.CharField(
        label=_("Raison sociale"), max_length=200, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )  # fmt: skip
    legal_form = forms.ChoiceField(label=_("Forme juridique"), choices=LEGAL_FORMS, required=False)
    legal_form_other = forms.CharField(
        label=_("Autre forme juridique"), max_length=60, required=False
    )
    siret = forms.CharField(
        label=_("SIREN ou SIRET"),
        max_length=20,
        required=False,
        help_text=_("9 chiffres (SIREN) ou 14 chiffres (SIRET) ; les espaces sont acceptés."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    contact_name = forms.CharField(
        label=_("Nom et prénom du contact"), max_length=200, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )  # fmt: skip
    # Individual
    first_name = forms.CharField(
        label=_("Prénom"), max_length=100, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )  # fmt: skip
    last_name = forms.CharField(
        label=_("Nom"), max_length=100, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )  # fmt: skip
    # Address and e-mail (both kinds: the tax receipt needs them)
    address_line1 = forms.CharField(
        label=_("Adresse"), max_length=200, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )  # fmt: skip
    address_line2 = forms.CharField(
        label=_("Complément d'adresse (facultatif)"), max_length=200, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )  # fmt: skip
    postal_code = forms.CharField(
        label=_("Code postal"), max_length=10, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )  # fmt: skip
    city = forms.CharField(
        label=_("Ville"), max_length=100, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )  # fmt: skip
    country = forms.ChoiceField(
        label=_("Pays"), choices=COUNTRIES, initial="FR",
        widget=forms.Select(attrs={"autocomplete": "country"}),
    )  # fmt: skip
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        max_length=254,
        help_text=_("Pour vous envoyer la confirmation et le reçu fiscal."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Indiquez votre adresse e-mail : le reçu fiscal y sera envoyé."),
            "invalid": _("Cette adresse e-mail n'est pas valide (exemple : nom@domaine.fr)."),
        },
    )
    # Opt-ins
    show_on_wall = forms.BooleanField(
        label=_("Je souhaite apparaître sur le mur des soutiens"), required=False
    )
    display_name = forms.CharField(
        label=_("Nom à afficher sur le mur"),
        max_length=120,
        required=False,
        help_text=_(
            "Par exemple le nom commercial de l'entreprise, ou votre prénom. Vide : la raison "
            "sociale, ou votre prénom et l'initiale de votre nom."
        ),
    )
    logo = forms.ImageField(
        label=_("Logo de l'entreprise (facultatif)"),
        required=False,
        help_text=_("PNG, JPEG ou WebP, 2 Mo au plus. Publié après vérification par l'équipe."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        error_messages={
            "invalid_image": _(
                "Ce fichier n'est pas une image lisible : choisissez un logo PNG, JPEG ou WebP."
            ),
        },
    )
    newsletter = forms.BooleanField(
        label=_("Je souhaite recevoir la lettre d'information (une fois par mois au plus)"),
        required=False,
    )
    yearly_receipt = forms.BooleanField(
        label=_(
            "Je préfère recevoir un seul reçu fiscal par an (en janvier) plutôt qu'un reçu par mois"
        ),
        required=False,
        help_text=_(
            "Un reçu récapitulatif de tous vos versements mensuels de l'année vous est envoyé "
            "par e-mail en janvier. Modifiable à tout moment dans votre espace donateur."
        ),
    )
    # A random key per displayed form: submitting it twice (double click, reload)
    # reuses the same donation and the same Stripe idempotency key.
    submission_key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, page, **kwargs):
        self.page = page
        super().__init__(*args, **kwargs)
        presets = page.presets
        self.fields["amount_choice"].choices = [
            (str(p["amount"]), format_euros_short(p["amount"] * 100)) for p in presets
        ] + [(OTHER, _("Autre montant"))]
        frequencies = page.frequencies
        self.fields["frequency"].choices = [(f.value, f.label) for f in frequencies]
        self.fields["frequency"].initial = frequencies[0].value
        self.fields["frequency"].error_messages["required"] = _("Choisissez une fréquence.")
        self.fields["frequency"].error_messages["invalid_choice"] = _(
            "Cette fréquence n'est pas proposée sur cette page."
        )
        if DonationFrequency.MONTHLY not in frequencies:
            # Only monthly payments can wait for a yearly summary.
            del self.fields["yearly_receipt"]
        if presets:
            # The middle suggestion is pre-selected: a gentle default, not the largest.
            self.fields["amount_choice"].initial = str(presets[(len(presets) - 1) // 2]["amount"])
        else:
            self.fields["amount_choice"].initial = OTHER

    # -- Field cleaning ----------------------------------------------------------

    def clean_siret(self):
        raw = self.cleaned_data.get("siret", "")
        return re.sub(r"[\s.\-]", "", raw)

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo:
            return None
        if logo.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(
                _("Ce logo pèse plus de 2 Mo : réduisez-le ou choisissez un autre fichier.")
            )
        logo.seek(0)
        try:
            with Image.open(logo) as image:
                image_format = image.format
        except Exception:  # noqa: BLE001 - Pillow raises many kinds on bad files
            image_format = None
        logo.seek(0)
        if image_format not in LOGO_FORMATS:
            raise forms.ValidationError(
                _("Ce format d'image n'est pas accepté : choisissez un logo PNG, JPEG ou WebP.")
            )
        return logo

    def clean(self):
        data = super().clean()
        self._clean_amount(data)
        kind = data.get("donor_kind")
        if kind == DonorKind.COMPANY:
            self._require(data, "legal_name", _("Indiquez la raison sociale de l'entreprise."))
            self._require(data, "contact_name", _("Indiquez le nom de la personne à contacter."))
            self._clean_legal_form(data)
            self._clean_company_number(data)
        elif kind == DonorKind.INDIVIDUAL:
            self._require(data, "first_name", _("Indiquez votre prénom."))
            self._require(data, "last_name", _("Indiquez votre nom."))
        if kind:
            self._clean_address(data)
        if not data.get("show_on_wall") or kind != DonorKind.COMPANY:
            data["logo"] = None
        return data

    def _require(self, data, name, message):
        if not (data.get(name) or "").strip() and name not in self.errors:
            self.add_error(name, message)

    def _clean_amount(self, data):
        choice = data.get("amount_choice") or ""
        typed = (data.get("other_amount") or "").strip()
        minimum, maximum = self.page.minimum_amount, self.page.maximum_amount
        # A typed amount wins over a preset: typing is the more deliberate act (without
        # JavaScript, a preset stays selected while the visitor types).
        if typed:
            field = "other_amount"
            cents = parse_euros(typed)
            if cents is None:
                self.add_error(
                    field,
                    _(
                        "« %(value)s » n'est pas un montant : saisissez un nombre en euros, "
                        "par exemple 50 ou 12,50."
                    )
                    % {"value": typed},
                )
                return
        elif choice and choice != OTHER:
            field = "amount_choice"
            cents = int(choice) * 100
        else:
            self.add_error(
                "other_amount", _("Choisissez un montant ou saisissez le montant de votre choix.")
            )
            return
        if cents <= 0:
            self.add_error(field, _("Le montant doit être supérieur à zéro."))
        elif cents < minimum * 100:
            self.add_error(
                field,
                _("Le don minimum en ligne est de %(min)s.")
                % {"min": format_euros_short(minimum * 100)},
            )
        elif cents > maximum * 100:
            self.add_error(
                field,
                _(
                    "Le don maximum en ligne est de %(max)s. Pour un don plus important, "
                    "contactez-nous : nous vous proposerons un virement."
                )
                % {"max": format_euros_short(maximum * 100)},
            )
        else:
            data["amount_cents"] = cents

    def _clean_legal_form(self, data):
        form = data.get("legal_form")
        if not form:
            self.add_error("legal_form", _("Choisissez la forme juridique de l'entreprise."))
        elif form == OTHER:
            other = (data.get("legal_form_other") or "").strip()
            if not other:
                self.add_error("legal_form_other", _("Précisez la forme juridique."))
            data["legal_form_value"] = other
        else:
            data["legal_form_value"] = form

    def _clean_company_number(self, data):
        number = data.get("siret", "")
        if "siret" in self.errors:
            return
        if not number:
            self.add_error(
                "siret", _("Indiquez le numéro SIREN ou SIRET : il figure sur le reçu fiscal.")
            )
            return
        if not number.isdigit():
            self.add_error(
                "siret",
                _("Le numéro SIREN ou SIRET ne contient que des chiffres (et des espaces)."),
            )
            return
        if len(number) not in (9, 14):
            self.add_error(
                "siret",
                _(
                    "Un numéro SIREN compte 9 chiffres et un SIRET 14 ; "
                    "celui-ci en compte %(count)s."
                )
                % {"count": len(number)},
            )
            return
        validator = siren if len(number) == 9 else siret
        try:
            validator.validate(number)
        except InvalidChecksum:
            self.add_error(
                "siret",
                _(
                    "Ce numéro %(kind)s n'existe pas : un chiffre est sans doute erroné (la clé "
                    "de contrôle ne correspond pas). Vérifiez-le sur un extrait Kbis ou "
                    "annuaire-entreprises.data.gouv.fr."
                )
                % {"kind": "SIREN" if len(number) == 9 else "SIRET"},
            )
        except StdnumError:
            self.add_error("siret", _("Ce numéro SIREN ou SIRET n'est pas valide."))

    def _clean_address(self, data):
        self._require(data, "address_line1", _("Indiquez l'adresse (numéro et rue)."))
        self._require(data, "city", _("Indiquez la ville."))
        postal_code = (data.get("postal_code") or "").strip().replace(" ", "")
        if not postal_code:
            self._require(data, "postal_code", _("Indiquez le code postal."))
        elif data.get("country") == "FR" and not re.fullmatch(r"\d{5}", postal_code):
            self.add_error(
                "postal_code", _("Un code postal français compte 5 chiffres, par exemple 75011.")
            )
        else:
            data["postal_code"] = postal_code

    # -- For the template ----------------------------------------------------------

    # Required for the donor type they belong to (the server checks them in clean()).
    marked_required = frozenset(
        {*COMPANY_FIELDS, *INDIVIDUAL_FIELDS, *ADDRESS_FIELDS, "country", "email"}
    )

    def amount_options(self):
        """The amount radios: each preset (with its impact block), then "Autre montant"."""
        if self.is_bound:
            selected = self.data.get(self.add_prefix("amount_choice"), "")
        else:
            selected = self.fields["amount_choice"].initial
        presets = {str(p["amount"]): p for p in self.page.presets}
        return [
            {
                "value": value,
                "id": f"{self['amount_choice'].auto_id}_{index}",
                "checked": value == selected,
                "preset": presets.get(value),
            }
            for index, (value, _label) in enumerate(self.fields["amount_choice"].choices)
        ]

    @property
    def logo_was_rejected(self):
        """Browsers never re-fill a file input: the page must say the logo is to be chosen again."""
        return self.is_bound and bool(self.files.get("logo")) and bool(self.errors)

    def current_amount_cents(self):
        """The amount shown in the tax hint: the typed or chosen one, else the default."""
        if self.is_bound:
            typed = parse_euros(self.data.get("other_amount", "") or "")
            if typed and typed > 0:
                return typed
            choice = self.data.get("amount_choice", "")
            if choice.isdigit():
                return int(choice) * 100
            return None
        initial = self.fields["amount_choice"].initial
        return int(initial) * 100 if initial and initial.isdigit() else None

    def current_kind(self):
        kind = self.data.get("donor_kind") if self.is_bound else None
        return kind if kind in DonorKind.values else DonorKind.COMPANY

    def tax_hint(self):
        cents = self.current_amount_cents()
        if not cents:
            return None
        kind = self.current_kind()
        return {
            "amount": format_euros_short(cents),
            "cost": format_euros_short(cost_after_reduction(cents, kind)),
            "rate": COMPANY_REDUCTION if kind == DonorKind.COMPANY else INDIVIDUAL_REDUCTION,
        }

    def company_fields(self):
        return [
            self[name]
            for name in ("legal_name", "legal_form", "legal_form_other", "siret", "contact_name")
        ]

    def individual_fields(self):
        return [self[name] for name in INDIVIDUAL_FIELDS]

    def address_fields(self):
        names = ("address_line1", "address_line2", "postal_code", "city", "country")
        return [self[name] for name in names]

    def donor_values(self):
        """The Donor fields from the cleaned data, for the chosen donor type only."""
        data = self.cleaned_data
        kind = data["donor_kind"]
        values = {
            "kind": kind,
            "email": data["email"],
            "address_line1": data["address_line1"].strip(),
            "address_line2": data["address_line2"].strip(),
            "postal_code": data["postal_code"],
            "city": data["city"].strip(),
            "country": data["country"],
            "show_on_wall": data["show_on_wall"],
            "newsletter": data["newsletter"],
            # The preference means nothing for a one-off gift (it always gets its receipt).
            "yearly_receipt": bool(
                data.get("yearly_receipt") and data["frequency"] == DonationFrequency.MONTHLY
            ),
        }
        if kind == DonorKind.COMPANY:
            values.update(
                legal_name=data["legal_name"].strip(),
                legal_form=data["legal_form_value"],
                siret=data["siret"],
                contact_name=data["contact_name"].strip(),
            )
            default_display = values["legal_name"]
        else:
            values.update(
                first_name=data["first_name"].strip(), last_name=data["last_name"].strip()
            )
            default_display = f"{values['first_name']} {values['last_name'][:1]}.".strip()
        if data["show_on_wall"]:
            values["display_name"] = data["display_name"].strip() or default_display
        return values
