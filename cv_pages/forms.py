from django import forms
from django.utils.translation import gettext_lazy as _

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
