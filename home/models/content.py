"""Plain content pages: about, FAQ, legal notice, privacy policy."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import ContentStreamBlock
from ..caching import CachedViewRestrictionsMixin
from . import SocialImageMixin


class StandardPage(SocialImageMixin, CachedViewRestrictionsMixin, Page):  # noqa: DJ008
    """A content page (about, FAQ, legal notice, privacy policy) built from the shared blocks."""

    intro = models.TextField(
        _("chapeau"),
        max_length=400,
        blank=True,
        help_text=_("Quelques lignes sous le titre ; reprises comme description de la page."),
    )
    body = StreamField(
        ContentStreamBlock(),
        blank=True,
        verbose_name=_("contenu"),
        help_text=_("Texte, questions fréquentes, vidéo, logos partenaires…"),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = [*Page.promote_panels, *SocialImageMixin.social_panels]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("page de contenu")
        verbose_name_plural = _("pages de contenu")

    def get_meta_description(self):
        return self.search_description or self.intro
