"""The public forms companies use to propose a job, and the admin's routing form."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import BusinessLine, ContractType, Department, Opportunity, Region
from .models.opportunities import (
    DESCRIPTION_MAX_LENGTH,
    DESCRIPTION_MIN_LENGTH,
    MAX_POSITIONS,
    OpportunityStatus,
    OpportunityStatusChange,
)

HONEYPOT_FIELD = "site_web"
PHONE_SEPARATORS = re.compile(r"[\s.\-()/]")
FRENCH_PHONE = re.compile(r"^(?:0|\+33|0033)[1-9]\d{8}$")
INTERNATIONAL_PHONE = re.compile(r"^(?:\+|00)[1-9]\d{6,14}$")


def required(message):
    return {"required": message}


def clean_phone_number(phone):
    """A French or international number, as typed (separators allowed), or "" if empty.

    Shared by the public forms that ask for a phone number (partners' enquiries too).
    """
    phone = phone.strip()
    if not phone:
        return ""
    compact = PHONE_SEPARATORS.sub("", phone)
    if not (FRENCH_PHONE.match(compact) or INTERNATIONAL_PHONE.match(compact)):
        raise forms.ValidationError(
            _(
                "Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78 "
                "ou +33 6 12 34 56 78."
            )
        )
    return phone


class HoneypotForm(forms.Form):
    """A public form with a trap field for robots; `is_spam` says a robot filled it in."""

    # Hidden from people (CSS, aria-hidden, out of the tab order); robots fill it in.
    site_web = forms.CharField(
        label=_("Laissez ce champ vide"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD))


class OpportunityForm(HoneypotForm, forms.ModelForm):
    """What a recruiter tells us about a job, checked with clear French messages."""

    company = forms.CharField(
        label=_("Entreprise"),
        max_length=150,
        error_messages=required(_("Indiquez le nom de votre entreprise.")),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    recruiter_name = forms.CharField(
        label=_("Votre nom"),
        max_length=120,
        error_messages=required(_("Indiquez votre nom.")),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Votre e-mail"),
        max_length=254,
        error_messages={
            "required": _("Indiquez votre adresse e-mail."),
            "invalid": _("Saisissez une adresse e-mail valide, par exemple nom@entreprise.fr."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Votre téléphone"),
        required=False,
        max_length=30,
        help_text=_("Facultatif. Par exemple 06 12 34 56 78 ou +33 6 12 34 56 78."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    job_title = forms.CharField(
        label=_("Poste proposé"),
        max_length=150,
        error_messages=required(_("Indiquez le poste proposé.")),
        help_text=_("Par exemple « Préparateur de commandes » ou « Commis de cuisine »."),
    )
    contract_type = forms.ModelChoiceField(
        label=_("Type de contrat"),
        queryset=ContractType.objects.all(),
        empty_label=_("Choisissez un contrat"),
        error_messages={
            "required": _("Choisissez le type de contrat."),
            "invalid_choice": _("Choisissez un type de contrat de la liste."),
        },
    )
    location = forms.CharField(
        label=_("Lieu de travail"),
        required=False,
        max_length=150,
        help_text=_("La ville ou l'adresse du poste."),
    )
    department = forms.ModelChoiceField(
        label=_("Département"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("Choisissez un département"),
        error_messages={"invalid_choice": _("Choisissez un département de la liste.")},
    )
    start_date = forms.DateField(
        label=_("Date de début souhaitée"),
        required=False,
        help_text=_("Facultatif. Au format jj/mm/aaaa."),
        error_messages={"invalid": _("Saisissez une date valide, par exemple 15/09/2026.")},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"],
    )
    hours = forms.CharField(
        label=_("Temps de travail"),
        required=False,
        max_length=100,
        help_text=_("Facultatif. Par exemple « temps plein », « temps partiel, 24 h »."),
    )
    positions = forms.IntegerField(
        label=_("Nombre de postes"),
        initial=1,
        min_value=1,
        max_value=MAX_POSITIONS,
        error_messages={
            "required": _("Indiquez le nombre de postes."),
            "invalid": _("Indiquez le nombre de postes en chiffres."),
            "min_value": _("Indiquez au moins un poste."),
            "max_value": _("Indiquez %(limit_value)s postes au plus ; écrivez-nous au-delà."),
        },
    )
    description = forms.CharField(
        label=_("Description du poste"),
        min_length=DESCRIPTION_MIN_LENGTH,
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_("Missions, horaires, conditions : %(max)s caractères au plus.")
        % {"max": DESCRIPTION_MAX_LENGTH},
        error_messages={
            "required": _("Décrivez le poste en quelques phrases."),
            "min_length": _(
                "Décrivez le poste en %(limit_value)d caractères au moins "
                "(il y en a %(show_value)d)."
            ),
            "max_length": _(
                "La description ne doit pas dépasser %(limit_value)d caractères "
                "(il y en a %(show_value)d)."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que l'association utilise ces coordonnées pour me recontacter au sujet "
            "de cette proposition. Elles ne sont ni publiées ni cédées, et je peux demander "
            "leur suppression à tout moment."
        ),
        error_messages=required(_("Cochez cette case pour que nous puissions vous recontacter.")),
    )

    class Meta:
        model = Opportunity
        fields = [
            "company",
            "recruiter_name",
            "email",
            "phone",
            "job_title",
            "contract_type",
            "location",
            "department",
            "start_date",
            "hours",
            "positions",
            "description",
            "consent",
        ]

    # Shown as groups in the template, in this order.
    contact_fields = ("company", "recruiter_name", "email", "phone")
    job_fields = (
        "job_title",
        "contract_type",
        "location",
        "department",
        "start_date",
        "hours",
        "positions",
        "description",
    )
    target_fields = ()

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data["phone"])

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        if start and start < timezone.localdate():
            raise forms.ValidationError(
                _("La date de début ne peut pas être passée : choisissez aujourd'hui ou après.")
            )
        return start

    def clean_description(self):
        return self.cleaned_data["description"].strip()

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("location") and not cleaned_data.get("department"):
            self.add_error(
                "location",
                _("Indiquez où se situe le poste : une ville ou un département."),
            )
        return cleaned_data

    def field_groups(self):
        """(legend, bound fields) for the template."""
        groups = [
            (_("Vous et votre entreprise"), [self[name] for name in self.contact_fields]),
            (_("Le poste"), [self[name] for name in self.job_fields]),
        ]
        if self.target_fields:
            groups.append(
                (_("Les candidats recherchés"), [self[name] for name in self.target_fields])
            )
        return groups


class GeneralOpportunityForm(OpportunityForm):
    """A proposal for no one in particular: the business lines and regions it fits."""

    business_lines = forms.ModelMultipleChoiceField(
        label=_("Secteurs d'activité concernés"),
        queryset=BusinessLine.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Cochez au moins un secteur d'activité."),
            "invalid_choice": _("Choisissez des secteurs de la liste."),
            "invalid_pk_value": _("Choisissez des secteurs de la liste."),
        },
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Régions concernées"),
        queryset=Region.objects.all(),
        required=False,
        help_text=_("Laissez vide si le poste peut convenir partout en France."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Choisissez des régions de la liste."),
            "invalid_pk_value": _("Choisissez des régions de la liste."),
        },
    )

    class Meta(OpportunityForm.Meta):
        fields = [*OpportunityForm.Meta.fields, "business_lines", "regions"]

    target_fields = ("business_lines", "regions")


class OpportunityAdminForm(WagtailAdminModelForm):
    """The admin's form: the status moves only along the allowed flow, and is logged."""

    new_status = forms.ChoiceField(
        label=_("Faire passer à"),
        required=False,
        help_text=_(
            "Laissez vide pour ne pas changer le statut. « Validée » envoie la proposition "
            "au coach du candidat (le candidat en copie)."
        ),
    )
    status_note = forms.CharField(
        label=_("Remarque sur ce changement"),
        required=False,
        max_length=500,
        help_text=_("Facultatif : gardée dans l'historique."),
    )
    mark_candidate_employed = forms.BooleanField(
        label=_("Marquer le candidat en emploi"),
        required=False,
        help_text=_("Avec « embauche » : publie le CV avec la mention « a retrouvé un emploi »."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.creating = instance.pk is None
        if instance.pk:
            choices = [(status.value, status.label) for status in instance.allowed_next_statuses()]
            self.fields["new_status"].choices = [("", _("— statut inchangé —")), *choices]
        else:
            self.fields["new_status"].choices = [("", _("— nouvelle —"))]

    def clean(self):
        cleaned_data = super().clean()
        new_status = cleaned_data.get("new_status")
        if cleaned_data.get("mark_candidate_employed"):
            if new_status != OpportunityStatus.HIRED:
                self.add_error(
                    "mark_candidate_employed",
                    _("Cette case ne vaut que pour un passage à « embauche »."),
                )
            elif not cleaned_data.get("cv_page", self.instance.cv_page):
                self.add_error(
                    "mark_candidate_employed",
                    _("Aucun CV n'est lié à cette proposition."),
                )
        return cleaned_data

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if not commit:
            return instance
        if self.creating:
            OpportunityStatusChange.objects.create(
                opportunity=instance,
                to_status=instance.status,
                changed_by=self.for_user,
                note=self.cleaned_data.get("status_note") or _("Saisie dans l'administration."),
            )
        elif new_status := self.cleaned_data.get("new_status"):
            instance.transition_to(
                new_status,
                user=self.for_user,
                note=self.cleaned_data.get("status_note", ""),
                mark_candidate_employed=self.cleaned_data.get("mark_candidate_employed"),
            )
        return instance
