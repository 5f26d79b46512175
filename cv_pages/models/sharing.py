"""Sharing a CV: the editors' share text, and the counts of shares and page views.

Shares and page views are counted apart: the public figure "partagé N fois" is made of
share clicks only, never of visits.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

__all__ = [
    "CVShare",
    "CVShareDaily",
    "CVViewDaily",
    "ShareChannel",
    "SharingSettings",
]

PLACEHOLDERS = ("prenom", "metier")


class ShareChannel(models.TextChoices):
    """Where a visitor shared a CV."""

    LINKEDIN = "linkedin", "LinkedIn"
    FACEBOOK = "facebook", "Facebook"
    X = "x", "X"
    WHATSAPP = "whatsapp", "WhatsApp"
    EMAIL = "email", _("e-mail")
    COPY = "copy", _("lien copié")
    NATIVE = "native", _("partage du téléphone")


def validate_placeholders(text):
    """Only the documented placeholders, with balanced braces."""
    try:
        text.format(**dict.fromkeys(PLACEHOLDERS, ""))
    except (KeyError, IndexError, ValueError) as error:
        raise ValidationError(
            _(
                "Le texte contient un repère inconnu ou une accolade isolée (%(error)s). "
                "Repères possibles : {prenom} et {metier}."
            ),
            params={"error": error},
        ) from error


@register_setting(icon="link")
class SharingSettings(BaseSiteSetting):
    """The text visitors share with a CV, the campaign name and the thank-you message."""

    share_text = models.TextField(
        _("texte de partage"),
        max_length=240,
        validators=[validate_placeholders],
        default=(
            "{prenom} cherche un emploi ({metier}). Votre réseau peut tout changer : "
            "partagez son CV ! #LinkedOut"
        ),
        help_text=_(
            "Repris par X, WhatsApp et l'e-mail (LinkedIn et Facebook n'affichent que "
            "l'aperçu de la page). Repères remplacés pour chaque CV : {prenom} (prénom du "
            "candidat) et {metier} (métiers visés). Gardez le mot-dièse du programme."
        ),
    )
    email_subject = models.CharField(
        _("objet de l'e-mail"),
        max_length=120,
        validators=[validate_placeholders],
        default="Un CV à partager : {prenom}",
        help_text=_("Mêmes repères que le texte : {prenom} et {metier}."),
    )
    utm_campaign = models.SlugField(
        _("nom de campagne (utm_campaign)"),
        max_length=60,
        default="partage-cv",
        help_text=_(
            "Ajouté aux liens partagés avec la source (utm_source = le réseau) pour "
            "mesurer les visites venues des partages. Lettres, chiffres et tirets."
        ),
    )
    thank_you_text = models.CharField(
        _("remerciement après un partage"),
        max_length=200,
        default="Merci pour ce partage ! Vous pouvez aussi soutenir le programme.",
        help_text=_("Affiché discrètement près des boutons, après un partage."),
    )
    thank_you_link_label = models.CharField(
        _("texte du lien de remerciement"),
        max_length=60,
        blank=True,
        default="Faire un don",
    )
    thank_you_link = models.CharField(
        _("adresse du lien de remerciement"),
        max_length=200,
        blank=True,
        default="/don/",
        help_text=_("Page du don ou de la lettre d'information, par exemple « /don/ »."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("share_text"), FieldPanel("email_subject"), FieldPanel("utm_campaign")],
            heading=_("Texte partagé"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("thank_you_text"),
                FieldPanel("thank_you_link_label"),
                FieldPanel("thank_you_link"),
            ],
            heading=_("Remerciement"),
        ),
    ]

    class Meta:
        verbose_name = _("partage des CV")


class CVShare(models.Model):
    """One visitor's share of one CV on one channel, on one day (for deduplication).

    The visitor is a keyed hash of address + browser + day that changes every day: it
    cannot be traced back to a person, nor followed from one day to the next. Rows
    older than a couple of days only serve the daily totals and can be purged
    (``manage.py purge_share_visitors``).
    """

    cv = models.ForeignKey(
        "cv_pages.CVPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("CV")
    )
    channel = models.CharField(_("canal"), max_length=10, choices=ShareChannel.choices)
    day = models.DateField(_("jour"))
    visitor = models.CharField(_("visiteur (empreinte anonyme du jour)"), max_length=64)

    class Meta:
        verbose_name = _("partage")
        verbose_name_plural = _("partages")
        constraints = [
            models.UniqueConstraint(
                fields=["cv", "channel", "day", "visitor"], name="cv_share_once_per_visitor_day"
            )
        ]
        indexes = [models.Index(fields=["day"], name="cv_share_day")]

    def __str__(self):
        return f"{self.cv_id} {self.channel} {self.day}"


class CVShareDaily(models.Model):
    """Unique shares of a CV per channel and day: what the reports read."""

    cv = models.ForeignKey(
        "cv_pages.CVPage",
        on_delete=models.CASCADE,
        related_name="daily_shares",
        verbose_name=_("CV"),
    )
    channel = models.CharField(_("canal"), max_length=10, choices=ShareChannel.choices)
    day = models.DateField(_("jour"))
    count = models.PositiveIntegerField(_("partages"), default=0)

    class Meta:
        verbose_name = _("partages du jour")
        verbose_name_plural = _("partages par jour")
        constraints = [
            models.UniqueConstraint(fields=["cv", "channel", "day"], name="cv_share_daily_unique")
        ]
        indexes = [models.Index(fields=["day", "channel"], name="cv_share_daily_day")]
        permissions = [("view_share_report", _("Peut consulter le rapport des partages"))]

    def __str__(self):
        return f"{self.cv_id} {self.channel} {self.day}: {self.count}"


class CVViewDaily(models.Model):
    """Views of a CV page per day, counted apart from shares.

    Counted by a beacon the page's script sends (the page cache serves most views
    without running any view code), once per visitor and day: browsers without
    JavaScript and robots are not counted.
    """

    cv = models.ForeignKey(
        "cv_pages.CVPage",
        on_delete=models.CASCADE,
        related_name="daily_views",
        verbose_name=_("CV"),
    )
    day = models.DateField(_("jour"))
    views = models.PositiveIntegerField(_("vues"), default=0)

    class Meta:
        verbose_name = _("vues du jour")
        verbose_name_plural = _("vues par jour")
        constraints = [models.UniqueConstraint(fields=["cv", "day"], name="cv_view_daily_unique")]

    def __str__(self):
        return f"{self.cv_id} {self.day}: {self.views}"
