"""Job proposals ("opportunités") companies send, and the staff's routing of them.

A proposal reaches nobody but staff until they validate it: only then is the
candidate's coach (and the candidate, in copy) told about it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "ALLOWED_TRANSITIONS",
    "OPEN_STATUSES",
    "Opportunity",
    "OpportunityStatus",
    "OpportunityStatusChange",
]

MAX_POSITIONS = 50
DESCRIPTION_MIN_LENGTH = 20
DESCRIPTION_MAX_LENGTH = 3000


class OpportunityStatus(models.TextChoices):
    NEW = "nouvelle", _("nouvelle")
    VALIDATED = "validee", _("validée")
    FORWARDED = "transmise", _("transmise")
    INTERVIEW = "entretien", _("entretien")
    HIRED = "embauche", _("embauche")
    REFUSED = "refusee", _("refusée")
    ARCHIVED = "archivee", _("archivée")


OPEN_STATUSES = (
    OpportunityStatus.NEW,
    OpportunityStatus.VALIDATED,
    OpportunityStatus.FORWARDED,
    OpportunityStatus.INTERVIEW,
)

# Spelled out rather than derived: staff can only move a proposal forward one step, and
# can turn it down or archive it while it is open. Closed proposals stay closed.
ALLOWED_TRANSITIONS = {
    OpportunityStatus.NEW: (
        OpportunityStatus.VALIDATED,
        OpportunityStatus.REFUSED,
        OpportunityStatus.ARCHIVED,
    ),
    OpportunityStatus.VALIDATED: (
        OpportunityStatus.FORWARDED,
        OpportunityStatus.REFUSED,
        OpportunityStatus.ARCHIVED,
    ),
    OpportunityStatus.FORWARDED: (
        OpportunityStatus.INTERVIEW,
        OpportunityStatus.REFUSED,
        OpportunityStatus.ARCHIVED,
    ),
    OpportunityStatus.INTERVIEW: (
        OpportunityStatus.HIRED,
        OpportunityStatus.REFUSED,
        OpportunityStatus.ARCHIVED,
    ),
    OpportunityStatus.HIRED: (),
    OpportunityStatus.REFUSED: (),
    OpportunityStatus.ARCHIVED: (),
}


class Opportunity(models.Model):
    """A job proposal from a company, for one candidate or for business lines and regions.

    Recruiters' contact details are personal data: they serve only to answer the
    proposal, as the consent box says.
    """

    cv_page = models.ForeignKey(
        "cv_pages.CVPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("CV concerné"),
        help_text=_("Vide pour une proposition générale, sans candidat précis."),
    )
    company = models.CharField(_("entreprise"), max_length=150)
    recruiter_name = models.CharField(_("nom du recruteur"), max_length=120)
    email = models.EmailField(_("e-mail du recruteur"))
    phone = models.CharField(_("téléphone du recruteur"), max_length=30, blank=True)
    job_title = models.CharField(_("poste proposé"), max_length=150)
    contract_type = models.ForeignKey(
        "cv_pages.ContractType",
        on_delete=models.PROTECT,
        related_name="opportunities",
        verbose_name=_("type de contrat"),
    )
    department = models.ForeignKey(
        "cv_pages.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("département"),
    )
    location = models.CharField(
        _("lieu de travail"),
        max_length=150,
        blank=True,
        help_text=_("Ville ou adresse du poste, telle que saisie par le recruteur."),
    )
    start_date = models.DateField(_("date de début souhaitée"), null=True, blank=True)
    hours = models.CharField(
        _("temps de travail"),
        max_length=100,
        blank=True,
        help_text=_("Par exemple « temps plein », « temps partiel » ou « 24 h par semaine »."),
    )
    description = models.TextField(_("description du poste"), max_length=DESCRIPTION_MAX_LENGTH)
    positions = models.PositiveSmallIntegerField(
        _("nombre de postes"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_POSITIONS)],
    )
    business_lines = models.ManyToManyField(
        "cv_pages.BusinessLine",
        blank=True,
        related_name="opportunities",
        verbose_name=_("secteurs visés"),
        help_text=_("Pour une proposition générale : les secteurs concernés."),
    )
    regions = models.ManyToManyField(
        "cv_pages.Region",
        blank=True,
        related_name="opportunities",
        verbose_name=_("régions visées"),
        help_text=_("Pour une proposition générale : les régions concernées."),
    )
    consent = models.BooleanField(
        _("accord pour être recontacté"),
        default=False,
        help_text=_("Le recruteur accepte que ses coordonnées servent à le recontacter."),
    )
    status = models.CharField(
        _("statut"),
        max_length=12,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.NEW,
        db_index=True,
    )
    # A keyed hash: enough to spot repeated abuse from one address, useless to find it.
    source_ip_hash = models.CharField(
        _("empreinte de l'adresse IP"), max_length=64, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("reçue le"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("opportunité")
        verbose_name_plural = _("opportunités")

    def __str__(self):
        return f"{self.job_title} — {self.company}"

    @property
    def is_general(self):
        return self.cv_page_id is None

    @property
    def location_label(self):
        parts = [self.location, str(self.department) if self.department_id else ""]
        return " — ".join(part for part in parts if part)

    def allowed_next_statuses(self):
        return ALLOWED_TRANSITIONS.get(OpportunityStatus(self.status), ())

    def transition_to(self, new_status, *, user=None, note="", mark_candidate_employed=False):
        """Move the proposal to `new_status`, record who did it, and notify if needed.

        Raises ValidationError for a move the flow does not allow.
        """
        new_status = OpportunityStatus(new_status)
        with transaction.atomic():
            # Locked so that two staff members clicking at once cannot both move it.
            current = type(self).objects.select_for_update().get(pk=self.pk)
            old_status = OpportunityStatus(current.status)
            if new_status not in ALLOWED_TRANSITIONS[old_status]:
                raise ValidationError(
                    _("Une opportunité « %(old)s » ne peut pas passer à « %(new)s ».")
                    % {"old": old_status.label, "new": new_status.label}
                )
            type(self).objects.filter(pk=self.pk).update(
                status=new_status, updated_at=timezone.now()
            )
            self.status = new_status
            change = OpportunityStatusChange.objects.create(
                opportunity=self,
                from_status=old_status,
                to_status=new_status,
                changed_by=user if user is not None and user.is_authenticated else None,
                note=note,
            )
            if new_status == OpportunityStatus.VALIDATED and self.cv_page_id:
                from ..opportunity_mail import send_validated_opportunity

                pk = self.pk
                transaction.on_commit(lambda: send_validated_opportunity(pk))
            if (
                new_status == OpportunityStatus.HIRED
                and mark_candidate_employed
                and self.cv_page_id
            ):
                from ..opportunity_hiring import mark_candidate_employed as mark_employed

                mark_employed(self.cv_page_id, user=user)
        return change


class OpportunityStatusChange(models.Model):
    """One step in a proposal's routing: who moved it, from which status to which, when."""

    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("opportunité"),
    )
    from_status = models.CharField(
        _("statut précédent"), max_length=12, choices=OpportunityStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("nouveau statut"), max_length=12, choices=OpportunityStatus.choices
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("par"),
    )
    changed_at = models.DateTimeField(_("le"), default=timezone.now)
    note = models.CharField(_("remarque"), max_length=500, blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("changement de statut")
        verbose_name_plural = _("changements de statut")

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

    def clean(self):
        if self.from_status and self.to_status == self.from_status:
            raise ValidationError(_("Le nouveau statut doit différer du précédent."))
