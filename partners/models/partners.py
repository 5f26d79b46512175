"""Partner organisations and the tiers that rank them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index


class PartnerKind(models.TextChoices):
    FOUNDATION = "foundation", _("fondation d'entreprise")
    COMPANY = "company", _("entreprise")
    PUBLIC = "public", _("institution publique")
    ASSOCIATION = "association", _("association")
    SPORTS_CLUB = "sports_club", _("club sportif")
    OTHER = "other", _("autre")


class PartnerTier(models.Model):
    """A level of partnership, ordered by staff ("Partenaires fondateurs", "Mécènes"…).

    Logos of one tier are drawn at the same visual weight: each logo gets the area of a
    square of `logo_size` pixels, whatever its shape.
    """

    name = models.CharField(_("nom"), max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(
        _("ordre d'affichage"),
        default=10,
        help_text=_("Les niveaux s'affichent du plus petit nombre au plus grand."),
    )
    logo_size = models.PositiveSmallIntegerField(
        _("taille des logos (pixels)"),
        default=64,
        validators=[MinValueValidator(24), MaxValueValidator(240)],
        help_text=_(
            "Côté d'un logo carré. Un logo allongé garde la même surface : il est plus large "
            "et moins haut, pour que tous les logos d'un niveau pèsent autant à l'œil."
        ),
    )
    supporter_minimum_amount = models.PositiveIntegerField(
        _("seuil pour le mur des soutiens (euros)"),
        null=True,
        blank=True,
        help_text=_(
            "Facultatif : un donateur du mur des soutiens dont le total des dons atteint ce "
            "montant est rangé dans ce niveau. Laissez vide si ce niveau ne concerne que les "
            "partenaires."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("logo_size")]),
        FieldPanel("supporter_minimum_amount"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("niveau de partenariat")
        verbose_name_plural = _("niveaux de partenariat")

    def __str__(self):
        return self.name


class PartnerQuerySet(models.QuerySet):
    def active(self, today=None):
        """Partners whose partnership covers `today` (open-ended dates always do)."""
        today = today or timezone.localdate()
        return self.filter(
            (Q(active_from__isnull=True) | Q(active_from__lte=today))
            & (Q(active_until__isnull=True) | Q(active_until__gte=today))
        )

    def for_display(self):
        """With tier and logos (and their renditions), in tier order then by name."""
        return (
            self.select_related("tier", "logo", "logo_monochrome")
            .prefetch_related("logo__renditions", "logo_monochrome__renditions")
            .order_by(models.F("tier__sort_order").asc(nulls_last=True), "name")
        )


class Partner(index.Indexed, models.Model):
    """An organisation that funds the programme or hires its candidates.

    Staff manage partners here; pages and blocks show them, so nothing is hard-coded.
    """

    name = models.CharField(_("nom"), max_length=120)
    slug = models.SlugField(
        _("identifiant d'adresse"),
        max_length=120,
        unique=True,
        help_text=_("Utilisé dans les adresses ; en minuscules, sans espaces ni accents."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=PartnerKind.choices)
    tier = models.ForeignKey(
        PartnerTier,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partners",
        verbose_name=_("niveau"),
    )
    logo = models.ForeignKey(
        "home.SiteImage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo en couleurs"),
        help_text=_(
            "PNG, JPEG, WebP ou SVG. Un SVG est nettoyé à l'envoi : scripts et liens "
            "externes sont retirés."
        ),
    )
    logo_monochrome = models.ForeignKey(
        "home.SiteImage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo monochrome"),
        help_text=_("Facultatif : utilisé dans les bandeaux discrets ; sinon le logo en couleurs."),
    )
    short_description = models.TextField(
        _("présentation courte"),
        max_length=400,
        blank=True,
        help_text=_("Deux ou trois phrases : qui est ce partenaire, ce qu'il apporte."),
    )
    website = models.URLField(_("site web"), blank=True)
    partner_since = models.PositiveSmallIntegerField(
        _("partenaire depuis (année)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    testimony_quote = models.TextField(
        _("témoignage"),
        max_length=600,
        blank=True,
        help_text=_("Une citation courte, entre guillemets dans la page."),
    )
    testimony_author = models.CharField(_("auteur du témoignage"), max_length=120, blank=True)
    testimony_role = models.CharField(
        _("fonction de l'auteur"),
        max_length=120,
        blank=True,
        help_text=_("Par exemple « Directrice de la fondation »."),
    )
    active_from = models.DateField(_("partenaire à partir du"), null=True, blank=True)
    active_until = models.DateField(
        _("jusqu'au"),
        null=True,
        blank=True,
        help_text=_("Laissez vide pour un partenariat en cours ; après cette date, il disparaît."),
    )
    has_hired = models.BooleanField(
        _("a recruté des candidats"),
        default=False,
        help_text=_("Cochez si ce partenaire a embauché des candidats du programme."),
    )
    funded_cohorts = models.ManyToManyField(
        "cv_pages.Cohort",
        blank=True,
        related_name="funding_partners",
        verbose_name=_("promotions financées"),
    )
    funded_campaigns = models.ManyToManyField(
        "home.CampaignPage",
        blank=True,
        related_name="funding_partners",
        verbose_name=_("campagnes financées"),
    )

    objects = PartnerQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("tier")]),
        FieldRowPanel([FieldPanel("logo"), FieldPanel("logo_monochrome")]),
        FieldPanel("short_description"),
        FieldRowPanel([FieldPanel("website"), FieldPanel("partner_since")]),
        MultiFieldPanel(
            [
                FieldPanel("testimony_quote"),
                FieldRowPanel([FieldPanel("testimony_author"), FieldPanel("testimony_role")]),
            ],
            heading=_("Témoignage"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("active_from"), FieldPanel("active_until")]),
                FieldPanel("has_hired"),
            ],
            heading=_("Partenariat"),
        ),
        MultiFieldPanel(
            [FieldPanel("funded_cohorts"), FieldPanel("funded_campaigns")],
            heading=_("Ce que ce partenaire finance"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.active_from and self.active_until and self.active_until < self.active_from:
            raise ValidationError(
                {"active_until": _("La fin du partenariat ne peut pas précéder son début.")}
            )
        if self.testimony_quote and not self.testimony_author:
            raise ValidationError({"testimony_author": _("Indiquez qui a prononcé ce témoignage.")})

    def is_active(self, today=None):
        today = today or timezone.localdate()
        return (self.active_from is None or self.active_from <= today) and (
            self.active_until is None or self.active_until >= today
        )

    @property
    def has_testimony(self):
        return bool(self.testimony_quote)
