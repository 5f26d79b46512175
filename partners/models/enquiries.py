"""Partnership enquiries ("Devenir partenaire") and the staff's routing of them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .partners import PartnerKind

MESSAGE_MAX_LENGTH = 3000


class EnquiryInterest(models.TextChoices):
    FUND_COHORT = "fund_cohort", _("financer une promotion ou une campagne")
    HIRE = "hire", _("recruter des candidats")
    SKILLS = "skills", _("mécénat de compétences (coachs bénévoles)")
    OTHER = "other", _("autre")


class EnquiryStatus(models.TextChoices):
    NEW = "nouvelle", _("nouvelle")
    IN_PROGRESS = "en_cours", _("en discussion")
    PARTNER = "partenaire", _("devenu partenaire")
    DECLINED = "sans_suite", _("sans suite")
    ARCHIVED = "archivee", _("archivée")


ENQUIRY_TRANSITIONS = {
    EnquiryStatus.NEW: (EnquiryStatus.IN_PROGRESS, EnquiryStatus.DECLINED, EnquiryStatus.ARCHIVED),
    EnquiryStatus.IN_PROGRESS: (
        EnquiryStatus.PARTNER,
        EnquiryStatus.DECLINED,
        EnquiryStatus.ARCHIVED,
    ),
    EnquiryStatus.PARTNER: (),
    EnquiryStatus.DECLINED: (),
    EnquiryStatus.ARCHIVED: (),
}


class PartnershipEnquiry(models.Model):
    """An organisation offering to support the programme; staff follow it up."""

    organisation = models.CharField(_("organisation"), max_length=150)
    kind = models.CharField(_("type d'organisation"), max_length=20, choices=PartnerKind.choices)
    interest = models.CharField(_("souhait"), max_length=20, choices=EnquiryInterest.choices)
    contact_name = models.CharField(_("nom du contact"), max_length=150)
    contact_role = models.CharField(_("fonction"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    consent = models.BooleanField(_("accord pour être recontacté"), default=False)
    status = models.CharField(
        _("statut"),
        max_length=12,
        choices=EnquiryStatus.choices,
        default=EnquiryStatus.NEW,
        db_index=True,
    )
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enquiries",
        verbose_name=_("fiche partenaire créée"),
    )
    # A keyed hash: enough to spot repeated abuse from one address, useless to find it.
    source_ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("reçue le"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("demande de partenariat")
        verbose_name_plural = _("demandes de partenariat")

    def __str__(self):
        return f"{self.organisation} — {self.contact_name}"

    def allowed_next_statuses(self):
        return ENQUIRY_TRANSITIONS.get(EnquiryStatus(self.status), ())

    def transition_to(self, new_status, *, user=None, note=""):
        """Move the enquiry to `new_status` and record who did it; refuses other moves."""
        new_status = EnquiryStatus(new_status)
        with transaction.atomic():
            current = PartnershipEnquiry.objects.select_for_update().get(pk=self.pk)
            old_status = EnquiryStatus(current.status)
            if new_status not in ENQUIRY_TRANSITIONS[old_status]:
                raise ValidationError(
                    _("Impossible de passer de « %(old)s » à « %(new)s ».")
                    % {"old": old_status.label, "new": new_status.label}
                )
            PartnershipEnquiry.objects.filter(pk=self.pk).update(
                status=new_status, updated_at=timezone.now()
            )
            self.status = new_status
            PartnershipEnquiryStatusChange.objects.create(
                enquiry=self, from_status=old_status, to_status=new_status, user=user, note=note
            )


class PartnershipEnquiryStatusChange(models.Model):
    """One step in an enquiry's follow-up: who moved it, from which status to which, when."""

    enquiry = models.ForeignKey(
        PartnershipEnquiry, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=12, choices=EnquiryStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=EnquiryStatus.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("changement de statut")
        verbose_name_plural = _("changements de statut")

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
