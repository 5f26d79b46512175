from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from .taxonomy import get_taxonomy

SEARCH_MAX_LENGTH = 100


class CVFilterForm(forms.Form):
    """The listing's filters. They travel in the query string, so every state has a URL.

    Choices come from the cached taxonomy: rendering the form costs no query.
    """

    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Un métier, une compétence, une ville…")}
        ),
    )
    region = forms.ChoiceField(label=_("Région"), required=False)
    departement = forms.ChoiceField(label=_("Département"), required=False)
    secteur = forms.ChoiceField(label=_("Secteur"), required=False)
    contrat = forms.ChoiceField(label=_("Contrat"), required=False)
    masquer_en_emploi = forms.BooleanField(
        label=_("Masquer les candidats en emploi"), required=False
    )
    # Marks a submitted form: an unticked box sends nothing, and the box is ticked by
    # default, so "absent" alone cannot say whether the visitor unticked it.
    filtres = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("filtres"):
            data["masquer_en_emploi"] = "on"
        data["filtres"] = "1"
        super().__init__(data, *args, **kwargs)
        taxonomy = get_taxonomy()
        everything = [("", _("Tous"))]
        self.fields["region"].choices = everything + [
            (region["slug"], region["name"]) for region in taxonomy["regions"]
        ]
        self.fields["departement"].choices = everything + [
            (department["code"], f"{department['code']} — {department['name']}")
            for department in taxonomy["departments"]
        ]
        self.fields["secteur"].choices = everything + [
            (line["slug"], line["name"]) for line in taxonomy["business_lines"]
        ]
        self.fields["contrat"].choices = everything + [
            (contract["slug"], contract["name"]) for contract in taxonomy["contract_types"]
        ]

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    @property
    def active_filters(self):
        """Whether the visitor narrowed the list (used to word the empty state)."""
        if not self.is_valid():
            return False
        data = self.cleaned_data
        return any(data.get(name) for name in ("q", "region", "departement", "secteur", "contrat"))


class CVPageAdminForm(WagtailAdminPageForm):
    """The CV editor: the page address is made from the public name when left empty."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "Laissez vide : l'adresse est faite du prénom et de l'initiale (« amina-b »)."
            )

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.fields and not cleaned_data.get("slug"):
            first_name = cleaned_data.get("first_name") or ""
            last_name = cleaned_data.get("last_name") or ""
            base = slugify(f"{first_name} {last_name.strip()[:1]}")
            if base:
                cleaned_data["slug"] = self._available_slug(base)
        return cleaned_data

    def _available_slug(self, base):
        candidate, number = base, 1
        while not Page._slug_is_available(candidate, self.parent_page, self.instance):
            number += 1
            candidate = f"{base}-{number}"
        return candidate
