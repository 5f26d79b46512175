import os
import uuid

from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page
from wagtail.search import index

from ..blocks import ContentStreamBlock
from ..caching import CachedViewRestrictionsMixin
from ..svg import looks_like_svg_name, sanitise_svg


class SiteImage(AbstractImage):
    """An image of the media library, stored under a random file name.

    Uploaded file names often carry a person's full name ("portrait-dupont.jpg"); the
    name would then travel in every rendition URL, so it is replaced on upload.
    """

    # AbstractImage declares no editable fields; Wagtail's stock Image holds the list.
    admin_form_fields = Image.admin_form_fields

    def get_upload_to(self, filename):
        extension = os.path.splitext(filename)[1].lower()[:5]
        return f"original_images/{uuid.uuid4().hex}{extension}"

    def save(self, *args, **kwargs):
        self.sanitise_svg_file()
        super().save(*args, **kwargs)

    def sanitise_svg_file(self):
        """Sanitise a new SVG file before it is stored (see home.svg).

        The admin's image form already did it; this catches images created in code (demo
        content, imports). Raises ValueError (French message) for an unreadable SVG.
        """
        file = self.file
        if not file or not looks_like_svg_name(file.name):
            return
        if not file._committed:
            file.seek(0)
            data = file.read()
            clean = sanitise_svg(data)
            if clean != data:
                self.file = ContentFile(clean, name=os.path.basename(file.name))
                self._set_image_file_metadata()
            else:
                file.seek(0)
        elif self._state.adding:
            # Wagtail's multiple upload may store a file before creating its image.
            with file.open("rb"):
                data = file.read()
            clean = sanitise_svg(data)
            if clean != data:
                old_name = file.name
                base_name = os.path.basename(old_name)
                # Named, so that the dimensions are read again from the new content.
                file.save(base_name, ContentFile(clean, name=base_name), save=False)
                file.storage.delete(old_name)
                self._set_image_file_metadata()

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")


class SiteRendition(AbstractRendition):
    """A resized copy of a SiteImage; its name derives from the random original name."""

    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """The association's public identity, shown in the header, footer and page metadata."""

    organisation_name = models.CharField(
        _("nom de l'association"),
        max_length=120,
        default="LinkedOut",
        help_text=_("Affiché dans l'en-tête, le pied de page et le titre des onglets."),
    )
    tagline = models.CharField(
        _("slogan"),
        max_length=160,
        blank=True,
        default="Partagez un CV, changez une vie.",
        help_text=_("Une phrase courte sous le nom, dans le pied de page."),
    )
    contact_email = models.EmailField(
        _("e-mail de contact public"),
        blank=True,
        help_text=_("Adresse générale de l'association (jamais celle d'un candidat)."),
    )

    default_social_image = models.ForeignKey(
        "home.SiteImage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image de partage par défaut"),
        help_text=_(
            "Affichée quand une page du site est partagée sur un réseau social et qu'elle "
            "n'a pas d'image propre. Recadrée en 1200 × 630 pixels : gardez l'essentiel "
            "au centre."
        ),
    )

    default_share_text = models.CharField(
        _("texte de partage par défaut"),
        max_length=200,
        blank=True,
        default="Je soutiens LinkedOut : partagez un CV, changez une vie. #LinkedOut",
        help_text=_(
            "Proposé quand un visiteur partage une page qui n'est pas un CV (campagne, "
            "actualité…). Le texte de partage des CV se règle dans « Partage des CV »."
        ),
    )
    linkedin_url = models.URLField(_("page LinkedIn"), blank=True)
    facebook_url = models.URLField(_("page Facebook"), blank=True)
    instagram_url = models.URLField(_("compte Instagram"), blank=True)
    x_url = models.URLField(_("compte X"), blank=True)
    youtube_url = models.URLField(_("chaîne YouTube"), blank=True)

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("tagline"),
        FieldPanel("contact_email"),
        FieldPanel("default_social_image"),
        FieldPanel("default_share_text"),
        MultiFieldPanel(
            [
                FieldPanel("linkedin_url"),
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("x_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Réseaux sociais de l'association"),
            help_text=_(
                "Liens affichés dans le pied de page ; laissez vide ceux que vous n'utilisez pas."
            ),
        ),
    ]

    SOCIAL_NETWORKS = (
        ("linkedin_url", "LinkedIn"),
        ("facebook_url", "Facebook"),
        ("instagram_url", "Instagram"),
        ("x_url", "X"),
        ("youtube_url", "YouTube"),
    )

    @property
    def social_links(self):
        """(network name, address) for each network the association filled in."""
        return [
            (name, getattr(self, field))
            for field, name in self.SOCIAL_NETWORKS
            if getattr(self, field)
        ]

    class Meta:
        verbose_name = _("identité du site")


class SocialImageMixin(models.Model):
    """The image social networks show when a page is shared (Open Graph, X cards).

    Without one, the site's default share image (SiteIdentity) is used.
    """

    social_image = models.ForeignKey(
        "home.SiteImage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image de partage"),
        help_text=_(
            "Affichée quand la page est partagée sur un réseau social. Recadrée en "
            "1200 × 630 pixels ; laissée vide, l'image de partage du site est utilisée."
        ),
    )

    social_panels = [
        MultiFieldPanel([FieldPanel("social_image")], heading=_("Partage sur les réseaux"))
    ]

    class Meta:
        abstract = True


class HomePage(SocialImageMixin, CachedViewRestrictionsMixin, Page):  # noqa: DJ008 (Page has it)
    """The site's front page: editors arrange its sections from the shared blocks."""

    intro = models.CharField(
        _("description pour les moteurs de recherche"),
        max_length=200,
        blank=True,
        help_text=_("Une ou deux phrases ; reprises comme description de la page."),
    )
    body = StreamField(
        ContentStreamBlock(),
        blank=True,
        verbose_name=_("contenu"),
        help_text=_("Ajoutez et ordonnez les sections de la page d'accueil."),
    )

    featured_campaign = models.ForeignKey(
        "home.CampaignPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("campagne à la une"),
        help_text=_(
            "Facultatif : mise en avant en haut de la page d'accueil, avec ses chiffres en "
            "direct. Une campagne dépubliée disparaît d'elle-même."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("featured_campaign"),
        FieldPanel("body"),
    ]
    promote_panels = [
        MultiFieldPanel([FieldPanel("intro")], heading=_("Description")),
        *Page.promote_panels,
        *SocialImageMixin.social_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cv_pages.CVIndexPage",
        "donations.DonationPage",
        "home.CampaignIndexPage",
        "home.StandardPage",
        "partners.PartnerIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    def get_meta_description(self):
        return self.search_description or self.intro


# Below the shared classes they build on.
from .campaigns import CampaignIndexPage, CampaignNewsPage, CampaignPage  # noqa: E402
from .content import StandardPage  # noqa: E402
from .navigation import NavigationSettings  # noqa: E402

__all__ = [
    "CampaignIndexPage",
    "CampaignNewsPage",
    "CampaignPage",
    "HomePage",
    "NavigationSettings",
    "SiteIdentity",
    "SiteImage",
    "SiteRendition",
    "SocialImageMixin",
    "StandardPage",
]
