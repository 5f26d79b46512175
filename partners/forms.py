"""The public "Devenir partenaire" form, and the admin's form that routes an enquiry.

Same rules as the job proposal forms (cv_pages.opportunity_forms): clear French messages,
a honeypot for robots, the same phone number check.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cv_pages.opportunity_forms import HoneypotForm, clean_phone_number, required

from .models import EnquiryInterest, PartnerKind, PartnershipEnquiry
from .models.enquiries import MESSAGE_MAX_LENGTH

MESSAGE_MIN_LENGTH = 20


class PartnershipEnquiryForm(HoneypotForm, forms.ModelForm):
    """What an organisation tells us when it offers to support the programme."""

    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=150,
        error_messages={
            "required": _("Indiquez le nom de votre organisation."),
            "max_length": _(
                "Le nom de l'organisation ne doit pas dépasser %(limit_value)d caractères "
                "(il y en a %(show_value)d)."
            ),
        },
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    kind = forms.ChoiceField(
        label=_("Type d'organisation"),
        choices=[("", _("Choisissez un type")), *PartnerKind.choices],
        error_messages={
            "required": _("Choisissez le type de votre organisation."),
            "invalid_choice": _("Choisissez un type d'organisation de la liste."),
        },
    )
    interest = forms.ChoiceField(
        label=_("Vous souhaitez"),
        choices=EnquiryInterest.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Dites-nous ce que vous souhaitez faire avec nous."),
            "invalid_choice": _("Choisissez une des propositions de la liste."),
        },
    )
    contact_name = forms.CharField(
        label=_("Votre nom"),
        max_length=150,
        error_messages={
            "required": _("Indiquez votre nom."),
            "max_length": _(
                "Votre nom ne doit pas dépasser %(limit_value)d caractères "
                "(il y en a %(show_value)d)."
            ),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_role = forms.CharField(
        label=_("Votre fonction"),
        required=False,
        max_length=120,
        help_text=_("Facultatif. Par exemple « Déléguée générale de la fondation »."),
        error_messages={
            "max_length": _(
                "La fonction ne doit pas dépasser %(limit_value)d caractères "
                "(il y en a %(show_value)d)."
            ),
        },
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
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
        error_messages={
            "max_length": _("Le numéro ne doit pas dépasser %(limit_value)d caractères."),
        },
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    message = forms.CharField(
        label=_("Votre message"),
        min_length=MESSAGE_MIN_LENGTH,
        max_length=MESSAGE_MAX_LENGTH,
        help_text=_(
            "Votre projet, vos questions, ce qui vous a donné envie de nous rejoindre : "
            "%(max)s caractères au plus."
        )
        % {"max": MESSAGE_MAX_LENGTH},
        error_messages={
            "required": _("Écrivez-nous quelques phrases sur votre projet."),
            "min_length": _(
                "Écrivez au moins %(limit_value)d caractères (il y en a %(show_value)d)."
            ),
            "max_length": _(
                "Le message ne doit pas dépasser %(limit_value)d caractères "
                "(il y en a %(show_value)d)."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que l'association utilise ces coordonnées pour me recontacter au sujet "
            "de ce partenariat. Elles ne sont ni publiées ni cédées, et je peux demander leur "
            "suppression à tout moment."
        ),
        error_messages=required(_("Cochez cette case pour que nous puissions vous recontacter.")),
    )

    class Meta:
        model = PartnershipEnquiry
        fields = [
            "organisation",
            "kind",
            "interest",
            "contact_name",
            "contact_role",
            "email",
            "phone",
            "message",
            "consent",
        ]

    # Shown as groups in the template, in this order.
    organisation_fields = ("organisation", "kind", "interest")
    contact_fields = ("contact_name", "contact_role", "email", "phone")

    def clean_organisation(self):
        return self.cleaned_data["organisation"].strip()

    def clean_contact_name(self):
        return self.cleaned_data["contact_name"].strip()

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data["phone"])

    def clean_message(self):
        return self.cleaned_data["message"].strip()

    def field_groups(self):
        """(legend, bound fields) for the template."""
        return [
            (_("Votre organisation"), [self[name] for name in self.organisation_fields]),
            (_("Vous"), [self[name] for name in self.contact_fields]),
        ]


class PartnershipEnquiryAdminForm(WagtailAdminModelForm):
    """The admin's form: what the organisation wrote stays as it is; the status moves
    only along the allowed flow, and every move is logged."""

    new_status = forms.ChoiceField(
        label=_("Faire passer à"),
        required=False,
        help_text=_("Laissez vide pour ne pas changer le statut."),
    )
    status_note = forms.CharField(
        label=_("Remarque sur ce changement"),
        required=False,
        max_length=1000,
        help_text=_("Facultatif : gardée dans l'historique."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(status.value, status.label) for status in self.instance.allowed_next_statuses()]
        self.fields["new_status"].choices = [("", _("— statut inchangé —")), *choices]

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if commit and (new_status := self.cleaned_data.get("new_status")):
            instance.transition_to(
                new_status, user=self.for_user, note=self.cleaned_data.get("status_note", "")
            )
        return instance
