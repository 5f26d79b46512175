"""Plain content pages: about, FAQ, legal notice, privacy policy."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import ContentStreamBlock
from ..caching import CachedViewRestrictionsMixin, any_view_restriction
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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = self.breadcrumbs(request)
        context["child_pages"] = self.child_pages()
        return context

    def breadcrumbs(self, request):
        """The pages above this one, from the home page, for a page nested in another.

        A page right under the home page needs none; that case costs no query (the site
        root paths are cached).
        """
        roots = self._get_relevant_site_root_paths(request)
        if not roots:
            return []
        root_path = roots[0].root_path
        if self.url_path[len(root_path) :].count("/") < 2:
            return []
        return [
            page
            for page in self.get_ancestors().filter(url_path__startswith=root_path)
            if page.url_path != root_path
        ]

    def child_pages(self):
        """Live sub-pages, listed at the bottom; no query when there are none."""
        if not self.numchild:
            return []
        children = StandardPage.objects.child_of(self).live().defer_streamfields()
        if any_view_restriction():
            children = children.public()
        return list(children.order_by("path"))
