import hashlib
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import BigIntegerField, ExpressionWrapper, F, Prefetch, Q, Value
from django.db.models.functions import Cast, Mod, TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index
from wagtail.url_routing import RouteResult

from home.caching import CachedViewRestrictionsMixin
from home.models import SocialImageMixin

from ..blocks import (
    ExperiencesBlock,
    LanguagesBlock,
    PassionsBlock,
    RecommendationsBlock,
    SkillsBlock,
    StrengthsBlock,
    TrainingsBlock,
)
from ..forms import CVPageAdminForm
from ..search import fold

PDF_COMPONENT = "cv.pdf"
CATCHPHRASE_MAX_LENGTH = 80
STORY_MAX_LENGTH = 1500
MAX_CAREER_PATHS = 2
STREAM_FIELD_NAMES = (
    "strengths",
    "skills",
    "passions",
    "languages",
    "experiences",
    "trainings",
    "recommendations",
)

# ---------------------------------------------------------------------------
# Reference data staff edit as snippets
# ---------------------------------------------------------------------------


class Region(models.Model):
    """A French region; candidates are filtered by region or by département."""

    code = models.CharField(_("code INSEE"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("région")
        verbose_name_plural = _("régions")

    def __str__(self):
        return self.name


class Department(models.Model):
    """A French département, inside its region."""

    code = models.CharField(
        _("numéro"), max_length=3, unique=True, help_text=_("Par exemple 75, 2A ou 971.")
    )
    name = models.CharField(_("nom"), max_length=80)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="departments", verbose_name=_("région")
    )

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("region")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")
        verbose_name_plural = _("départements")

    def __str__(self):
        return f"{self.name} ({self.code})"


class BusinessLine(models.Model):
    """A business line (secteur) candidates aim at, e.g. logistics or catering."""

    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=80, unique=True)
    in_phrase = models.CharField(
        _("dans une phrase"),
        max_length=120,
        help_text=_(
            "Comment le secteur se lit dans le parcours d'un candidat : "
            "« dans la logistique », « dans le bâtiment »…"
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("in_phrase")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("secteur d'activité")
        verbose_name_plural = _("secteurs d'activité")

    def __str__(self):
        return self.name


class ContractType(models.Model):
    """A kind of contract a candidate is open to (CDI, CDD, intérim, PMSMP…)."""

    name = models.CharField(_("nom"), max_length=60, unique=True)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=60, unique=True)
    description = models.CharField(
        _("explication"),
        max_length=200,
        blank=True,
        help_text=_("Affichée au survol pour les sigles, par exemple pour la PMSMP."),
    )
    sort_order = models.PositiveSmallIntegerField(_("ordre d'affichage"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("type de contrat")
        verbose_name_plural = _("types de contrat")

    def __str__(self):
        return self.name


class Coach(models.Model):
    """A volunteer coach, paired with one or more candidates.

    Only the first name is ever shown publicly; contact details are for staff.
    """

    first_name = models.CharField(_("prénom"), max_length=60)
    last_name = models.CharField(_("nom"), max_length=80, help_text=_("Jamais affiché en public."))
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Jamais affiché en public."))
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coach_profile",
        verbose_name=_("compte d'accès à l'administration"),
        help_text=_("Le compte avec lequel ce coach relit et soumet les CV."),
    )

    panels = [
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("user"),
    ]

    class Meta:
        ordering = ["first_name", "last_name"]
        verbose_name = _("coach bénévole")
        verbose_name_plural = _("coachs bénévoles")

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class Cohort(models.Model):
    """A promotion: candidates launched together, around one sharing campaign."""

    name = models.CharField(
        _("nom"), max_length=100, unique=True, help_text=_("Par exemple « Promotion 2 — Lille ».")
    )
    slug = models.SlugField(_("identifiant d'adresse"), max_length=100, unique=True)
    start_date = models.DateField(_("date de lancement"), null=True, blank=True)
    end_date = models.DateField(_("date de fin"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=1000)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La fin ne peut pas précéder le lancement.")})


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


class EmploymentStatus(models.TextChoices):
    LOOKING = "looking", _("en recherche")
    EMPLOYED = "employed", _("a retrouvé un emploi")
    HIDDEN = "hidden", _("masqué (n'apparaît plus sur le site)")


def daily_shuffle_parameters(day):
    """A multiplier and an offset that change every day and stay put within the day."""
    digest = hashlib.sha256(day.isoformat().encode()).hexdigest()
    prime = CVPageQuerySet.SHUFFLE_PRIME
    multiplier = 1 + int(digest[:12], 16) % (prime - 1)
    offset = int(digest[12:24], 16) % prime
    return multiplier, offset


class CVPageQuerySet(PageQuerySet):
    # (id × multiplier + offset) mod prime is a permutation of the ids for any non-zero
    # multiplier, so every day gets its own order, computed by the database.
    SHUFFLE_PRIME = 1_000_003

    def public(self):
        """CVs any visitor may see: published and not hidden."""
        return self.live().exclude(employment_status=EmploymentStatus.HIDDEN)

    @staticmethod
    def employed_q(today=None):
        today = today or timezone.localdate()
        return Q(employment_status=EmploymentStatus.EMPLOYED) & (
            Q(employed_until__isnull=True) | Q(employed_until__gte=today)
        )

    def currently_employed(self, today=None):
        return self.filter(self.employed_q(today))

    def looking(self, today=None):
        return self.exclude(self.employed_q(today))

    # A card needs none of these; leaving them out keeps the listing's sort narrow, and
    # keeps private details out of the process serving the public pages.
    CARD_DEFERRED_FIELDS = (
        *STREAM_FIELD_NAMES,
        "story",
        "email",
        "phone",
        "postal_address",
        "search_description",
    )

    def with_card_relations(self):
        """Photo and renditions, career path and locations, in a fixed number of queries."""
        return self.select_related("photo").prefetch_related(
            "photo__renditions",
            Prefetch(
                "career_path",
                queryset=CareerPathItem.objects.select_related("business_line").order_by(
                    "sort_order"
                ),
            ),
            Prefetch("locations", queryset=Department.objects.select_related("region")),
        )

    def for_cards(self):
        """Public CVs with everything a card shows."""
        return self.public().defer(*self.CARD_DEFERRED_FIELDS).with_card_relations()

    def fair_order(self, day=None):
        """Newest update month first; within a month least shared first, shuffled daily."""
        multiplier, offset = daily_shuffle_parameters(day or timezone.localdate())
        shuffle_key = ExpressionWrapper(
            Mod(
                Cast(F("page_ptr_id"), BigIntegerField()) * Value(multiplier) + Value(offset),
                Value(self.SHUFFLE_PRIME),
            ),
            output_field=BigIntegerField(),
        )
        return self.annotate(
            update_month=TruncMonth("last_published_at"), shuffle_key=shuffle_key
        ).order_by(F("update_month").desc(nulls_last=True), "share_count", "shuffle_key", "pk")


CVPageManager = PageManager.from_queryset(CVPageQuerySet)


class CVIndexPage(SocialImageMixin, CachedViewRestrictionsMixin, Page):
    """The public listing of CVs, with filters and search; its children are the CVs."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("Quelques phrases au-dessus de la liste des candidats."),
    )
    empty_message = models.CharField(
        _("message quand aucun CV ne correspond"),
        max_length=200,
        blank=True,
        help_text=_("Laissé vide, un message standard est affiché (traduit pour les visiteurs)."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("empty_message")]
    promote_panels = [*Page.promote_panels, *SocialImageMixin.social_panels]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["cv_pages.CVPage"]

    class Meta:
        verbose_name = _("liste des CV")
        verbose_name_plural = _("listes des CV")

    def route(self, request, path_components):
        # "<cv>/cv.pdf" is the CV's PDF: same lookup, same answer when it is not public.
        wants_pdf = len(path_components) == 2 and path_components[1] == PDF_COMPONENT
        if len(path_components) != 1 and not wants_pdf:
            return super().route(request, path_components)
        # One query for the CV and its parts instead of Wagtail's child lookup + specific().
        candidate = (
            CVPage.objects.child_of(self)
            .filter(slug=path_components[0])
            .with_card_relations()
            .select_related("coach", "cohort")
            .prefetch_related("contract_types")
            .first()
        )
        # A draft that was never published has no public address yet.
        if candidate is None or candidate.first_published_at is None:
            raise Http404
        candidate._cached_parent_obj = self
        if candidate.is_public:
            return RouteResult(candidate, kwargs={"as_pdf": True} if wants_pdf else None)
        return RouteResult(self, kwargs={"unavailable_cv": candidate})

    def serve(self, request, *args, unavailable_cv=None, **kwargs):
        if unavailable_cv is not None:
            from ..views import good_news

            return good_news(request, self, unavailable_cv)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..listing import build_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(build_listing(self, request))
        return context


class CareerPathItem(Orderable):
    """One step of the career path: a business line and the job aimed at in it."""

    page = ParentalKey("CVPage", on_delete=models.CASCADE, related_name="career_path")
    business_line = models.ForeignKey(
        BusinessLine, on_delete=models.PROTECT, related_name="+", verbose_name=_("secteur")
    )
    target_job = models.CharField(
        _("métier visé"),
        max_length=80,
        help_text=_("Par exemple « cariste » ou « commis de cuisine »."),
    )

    panels = [FieldPanel("business_line"), FieldPanel("target_job")]

    class Meta(Orderable.Meta):
        verbose_name = _("parcours visé")
        verbose_name_plural = _("parcours visés")

    def __str__(self):
        return f"{self.business_line.in_phrase} comme {self.target_job}"


class CVPage(CachedViewRestrictionsMixin, Page):
    """A candidate's public CV: dignified, short, and never showing private details.

    The page title is the public name (first name + last-name initial), computed on
    save; the last name, e-mail, phone and address stay in the admin.
    """

    first_name = models.CharField(_("prénom"), max_length=60)
    last_name = models.CharField(
        _("nom de famille"),
        max_length=80,
        help_text=_("Privé : seule l'initiale apparaît sur le site (« Amina B. »)."),
    )
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
        help_text=_(
            "Portrait, cadré sur le visage. Ne l'ajoutez qu'avec l'accord écrit du candidat."
        ),
    )
    photo_consent = models.BooleanField(
        _("le candidat accepte que sa photo soit publiée"),
        default=False,
        help_text=_("Sans cet accord, la photo n'est jamais affichée."),
    )
    catchphrase = models.CharField(
        _("accroche"),
        max_length=CATCHPHRASE_MAX_LENGTH,
        help_text=_("Ce que le candidat peut apporter, en une phrase de 80 caractères au plus."),
    )
    story = models.TextField(
        _("mon histoire"),
        blank=True,
        validators=[MaxLengthValidator(STORY_MAX_LENGTH)],
        help_text=_("Son parcours, à la première personne ; 1 500 caractères au plus."),
    )
    strengths = StreamField(
        StrengthsBlock(),
        blank=True,
        verbose_name=_("atouts"),
        help_text=_("Six au plus, de 40 caractères chacun (« Ponctuel », « Esprit d'équipe »)."),
    )
    skills = StreamField(
        SkillsBlock(), blank=True, verbose_name=_("compétences"), help_text=_("Dix au plus.")
    )
    passions = StreamField(
        PassionsBlock(),
        blank=True,
        verbose_name=_("passions"),
        help_text=_("Six au plus, de 40 caractères chacune."),
    )
    locations = ParentalManyToManyField(
        Department,
        blank=True,
        related_name="cvs",
        verbose_name=_("départements où chercher"),
        help_text=_("Les départements où le candidat peut travailler."),
    )
    contract_types = ParentalManyToManyField(
        ContractType, blank=True, related_name="cvs", verbose_name=_("contrats recherchés")
    )
    languages = StreamField(LanguagesBlock(), blank=True, verbose_name=_("langues"))
    availability = models.CharField(
        _("disponibilité"),
        max_length=120,
        blank=True,
        help_text=_("Par exemple « Immédiate » ou « À partir de mars, à temps plein »."),
    )
    has_driving_licence = models.BooleanField(_("permis B"), default=False)
    mobility = models.CharField(
        _("mobilité"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple « Transports en commun, jusqu'à 1 h de trajet »."),
    )
    experiences = StreamField(ExperiencesBlock(), blank=True, verbose_name=_("expériences"))
    trainings = StreamField(TrainingsBlock(), blank=True, verbose_name=_("formations"))
    recommendations = StreamField(
        RecommendationsBlock(),
        blank=True,
        verbose_name=_("ils me recommandent"),
        help_text=_("Trois recommandations au plus."),
    )
    coach = models.ForeignKey(
        Coach,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cvs",
        verbose_name=_("coach bénévole"),
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cvs",
        verbose_name=_("promotion"),
    )
    employment_status = models.CharField(
        _("situation"),
        max_length=10,
        choices=EmploymentStatus.choices,
        default=EmploymentStatus.LOOKING,
        db_index=True,
        help_text=_(
            "« Masqué » retire le CV du site : son adresse affiche alors « Bonne nouvelle ! »."
        ),
    )
    employed_until = models.DateField(
        _("en emploi jusqu'au"),
        null=True,
        blank=True,
        help_text=_(
            "Facultatif : fin du contrat ; le candidat redevient ensuite « en recherche »."
        ),
    )
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Privé."))
    phone = models.CharField(_("téléphone"), max_length=30, blank=True, help_text=_("Privé."))
    postal_address = models.TextField(
        _("adresse postale"), blank=True, max_length=300, help_text=_("Privé.")
    )
    share_count = models.PositiveIntegerField(
        _("nombre de partages"), default=0, editable=False, db_index=True
    )
    # The preview card for social feeds, drawn on publication (cv_pages/share_image.py).
    # A path under MEDIA_ROOT rather than a FileField: the page reads it without a query
    # and nothing else (forms, revisions) should ever touch it.
    share_image = models.CharField(
        _("image de partage"), max_length=200, blank=True, default="", editable=False
    )
    share_image_fingerprint = models.CharField(
        _("empreinte de l'image de partage"),
        max_length=64,
        blank=True,
        default="",
        editable=False,
    )

    objects = CVPageManager()

    content_panels = [
        HelpPanel(
            content=_(
                "<p>Le CV est relu par le coach puis validé par l'équipe avant d'être publié. "
                "Le nom de famille et les coordonnées ne sont <strong>jamais</strong> "
                "affichés sur le site.</p>"
            )
        ),
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")], heading=_("Identité")),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_consent")], heading=_("Photo")),
        FieldPanel("catchphrase"),
        InlinePanel(
            "career_path",
            heading=_("Parcours visé"),
            label=_("secteur et métier"),
            min_num=1,
            max_num=MAX_CAREER_PATHS,
            help_text=_("Un ou deux couples secteur + métier visé."),
        ),
        FieldPanel("story"),
        FieldPanel("strengths"),
        FieldPanel("skills"),
        FieldPanel("passions"),
        FieldPanel("experiences"),
        FieldPanel("trainings"),
        FieldPanel("languages"),
        FieldPanel("recommendations"),
    ]
    search_panels = [
        FieldPanel("locations"),
        FieldPanel("contract_types", widget=forms.CheckboxSelectMultiple),
        FieldPanel("availability"),
        FieldRowPanel([FieldPanel("has_driving_licence"), FieldPanel("mobility")]),
    ]
    programme_panels = [
        FieldRowPanel([FieldPanel("coach"), FieldPanel("cohort")]),
        FieldRowPanel([FieldPanel("employment_status"), FieldPanel("employed_until")]),
    ]
    private_panels = [
        HelpPanel(content=_("<p>Ces coordonnées restent dans l'administration.</p>")),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("postal_address"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("CV")),
            ObjectList(search_panels, heading=_("Recherche d'emploi")),
            ObjectList(programme_panels, heading=_("Programme")),
            ObjectList(private_panels, heading=_("Coordonnées privées")),
            ObjectList(Page.promote_panels, heading=_("Référencement")),
            ObjectList(Page.settings_panels, heading=_("Publication")),
        ]
    )

    # The last name and contact details are deliberately not indexed: a search for a
    # family name must not reveal that a candidate has it.
    search_fields = [
        *Page.search_fields,
        index.SearchField("search_document"),
        index.FilterField("employment_status"),
    ]

    parent_page_types = ["cv_pages.CVIndexPage"]
    subpage_types = []
    base_form_class = CVPageAdminForm

    # The search document reads the career path and locations, which modelcluster
    # writes after post_save; the automatic update would index the previous version.
    search_auto_update = False

    class Meta:
        verbose_name = _("CV")
        verbose_name_plural = _("CV")

    og_type = "profile"  # Open Graph type of the page's preview card

    # Kept from the database when a revision is restored: the card fields describe files
    # made from the published page, and share_count is a live counter that publishing an
    # older revision must not wind back.
    REVISION_INDEPENDENT_FIELDS = ("share_image", "share_image_fingerprint", "share_count")
    # A copy draws its own card and starts its own count; it must not share (and delete)
    # this one's card.
    exclude_fields_in_copy = [*REVISION_INDEPENDENT_FIELDS]

    def with_content_json(self, content):
        page = super().with_content_json(content)
        for field_name in self.REVISION_INDEPENDENT_FIELDS:
            setattr(page, field_name, getattr(self, field_name))
        return page

    # -- public identity ----------------------------------------------------

    @property
    def public_name(self):
        initial = self.last_name.strip()[:1].upper()
        return f"{self.first_name.strip()} {initial}." if initial else self.first_name.strip()

    def get_admin_display_title(self):
        return f"{self.first_name} {self.last_name}".strip() or super().get_admin_display_title()

    def _set_core_field_defaults(self):
        # Runs before every validation, full or minimal (drafts): the title is never typed.
        if self.first_name:
            self.title = self.public_name
            self.draft_title = self.title
        super()._set_core_field_defaults()

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        index.insert_or_update_object(self)
        return result

    # -- state --------------------------------------------------------------

    @property
    def is_currently_employed(self):
        if self.employment_status != EmploymentStatus.EMPLOYED:
            return False
        return self.employed_until is None or self.employed_until >= timezone.localdate()

    @property
    def is_public(self):
        return self.live and self.employment_status != EmploymentStatus.HIDDEN

    @property
    def portrait_alt(self):
        return _("Portrait de %(name)s") % {"name": self.public_name}

    @property
    def visible_photo(self):
        # An SVG is a logo or a drawing, never a portrait; the PDF and the share card
        # could not draw it either.
        if not self.photo_consent or self.photo is None or self.photo.is_svg():
            return None
        return self.photo

    # -- what the CV says ---------------------------------------------------

    @cached_property
    def career_steps(self):
        return list(self.career_path.all())

    @property
    def career_sentence(self):
        """ "dans la logistique comme cariste et dans la vente comme employé libre-service"."""
        parts = [
            f"{step.business_line.in_phrase} comme {step.target_job}" for step in self.career_steps
        ]
        return " et ".join(parts)

    @cached_property
    def location_list(self):
        return sorted(self.locations.all(), key=lambda department: department.code)

    @property
    def locations_label(self):
        return ", ".join(department.name for department in self.location_list)

    @property
    def region_names(self):
        return sorted({department.region.name for department in self.location_list})

    def search_document(self):
        """Everything public on the CV as one accent-free text, for the search index."""
        texts = [
            self.public_name,
            self.catchphrase,
            self.story,
            self.availability,
            self.mobility,
        ]
        texts += [f"{step.business_line.name} {step.target_job}" for step in self.career_path.all()]
        texts += [f"{d.name} {d.code} {d.region.name}" for d in self.locations.all()]
        texts += [contract.name for contract in self.contract_types.all()]
        texts += [stream_text(getattr(self, name)) for name in STREAM_FIELD_NAMES]
        return fold(" ".join(text for text in texts if text))

    # -- validation ---------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.photo_id and not self.photo_consent:
            errors["photo_consent"] = _(
                "Cochez l'accord du candidat pour publier sa photo, ou retirez la photo."
            )
        if self.employed_until and self.employment_status != EmploymentStatus.EMPLOYED:
            errors["employed_until"] = _(
                "Une date de fin d'emploi n'a de sens que pour un candidat en emploi."
            )
        if len(self.career_path.all()) > MAX_CAREER_PATHS:
            errors["__all__"] = _("Le parcours visé compte deux secteurs au plus.")
        last_name_slug = slugify(self.last_name or "")
        if len(last_name_slug) > 1 and re.search(
            rf"(^|-){re.escape(last_name_slug)}(-|$)", self.slug or ""
        ):
            errors["slug"] = _(
                "L'adresse de la page ne doit pas contenir le nom de famille du candidat."
            )
        for field_name in STREAM_FIELD_NAMES:
            value = getattr(self, field_name)
            try:
                value.stream_block.clean(value)
            except ValidationError as error:
                errors[field_name] = stream_error_messages(error)
        if errors:
            raise ValidationError(errors)

    def get_meta_description(self):
        return self.search_description or self.catchphrase

    def get_sitemap_urls(self, request=None):
        if not self.is_public:
            return []
        return super().get_sitemap_urls(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index_page"] = self.get_parent()
        return context

    def serve(self, request, *args, as_pdf=False, **kwargs):
        if as_pdf:
            from ..pdf import serve_cv_pdf

            return serve_cv_pdf(request, self)
        return super().serve(request, *args, **kwargs)

    # -- previews -----------------------------------------------------------

    @property
    def social_title(self):
        """The title of the preview card in social feeds."""
        if self.career_sentence and not self.is_currently_employed:
            return _("%(name)s cherche un emploi %(career)s") % {
                "name": self.public_name,
                "career": self.career_sentence,
            }
        return self.public_name

    @property
    def share_image_alt(self):
        return _("%(name)s : « %(catchphrase)s »") % {
            "name": self.public_name,
            "catchphrase": self.catchphrase,
        }


def stream_text(stream):
    """The plain text of a StreamField value, for indexing."""
    words = []

    def collect(value):
        if isinstance(value, str):
            words.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                collect(item)

    for child in stream:
        collect(child.block.get_prep_value(child.value))
    return " ".join(words)


def stream_error_messages(error):
    """Readable French messages out of a StreamField validation error."""
    messages = [str(message) for message in getattr(error, "non_block_errors", [])]
    for position, block_error in sorted(getattr(error, "block_errors", {}).items()):
        for message in _flatten_messages(block_error):
            messages.append(f"Élément {position + 1} : {message}")
    return messages or list(error.messages)


def _flatten_messages(error):
    if hasattr(error, "block_errors"):
        block_errors = error.block_errors
        items = block_errors.items() if isinstance(block_errors, dict) else enumerate(block_errors)
        for _key, child in items:
            yield from _flatten_messages(child)
        for message in getattr(error, "non_block_errors", []):
            yield str(message)
    elif isinstance(error, ValidationError):
        yield from (str(message) for message in error.messages)
    elif isinstance(error, (list, tuple)):
        for child in error:
            yield from _flatten_messages(child)
    else:
        yield str(error)


from .opportunities import *  # noqa: E402, F403
from .sharing import *  # noqa: E402, F403
