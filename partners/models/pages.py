"""The partners' pages: the index grouped by tier and kind, and one page per foundation."""

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from home.caching import CachedViewRestrictionsMixin
from home.models import SocialImageMixin

ENQUIRY_FALLBACK_PATH = "/partenaires/devenir-partenaire/"


class PartnerIndexPage(SocialImageMixin, CachedViewRestrictionsMixin, Page):  # noqa: DJ008
    """Every active partner, grouped by tier then kind, with their testimonies."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Quelques lignes au-dessus des logos : pourquoi ces partenaires comptent."),
    )
    become_partner_text = RichTextField(
        _("texte « Devenir partenaire »"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Affiché au-dessus du formulaire de demande de partenariat."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("become_partner_text")]
    promote_panels = [*Page.promote_panels, *SocialImageMixin.social_panels]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["partners.PartnerPage"]
    max_count = 1

    class Meta:
        verbose_name = _("page des partenaires")
        verbose_name_plural = _("pages des partenaires")

    def get_meta_description(self):
        from home.models.campaigns import rich_text_summary

        return self.search_description or rich_text_summary(self.intro)

    def get_context(self, request, *args, **kwargs):
        from ..display import active_partners, attach_page_urls, group_by_tier_and_kind

        context = super().get_context(request, *args, **kwargs)
        partners = attach_page_urls(active_partners(), request)
        context["tier_groups"] = group_by_tier_and_kind(partners)
        context["testimonies"] = [
            partner
            for group in context["tier_groups"]
            for partner in group.partners
            if partner.has_testimony
        ]
        context["enquiry_url"] = enquiry_url()
        return context


def enquiry_url():
    """The "Devenir partenaire" form's address (its view lives in partners.urls)."""
    try:
        return reverse("partners:enquiry")
    except NoReverseMatch:
        return ENQUIRY_FALLBACK_PATH


class PartnerQuoteBlock(blocks.StructBlock):
    """A quote about the partnership, from the partner, a coach or a candidate."""

    text = blocks.TextBlock(label=_("citation"), max_length=500)
    author = blocks.CharBlock(label=_("auteur"), max_length=120)
    role = blocks.CharBlock(label=_("rôle"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("citation")
        template = "partners/blocks/partner_quote.html"


class PartnerPage(SocialImageMixin, CachedViewRestrictionsMixin, Page):  # noqa: DJ008
    """A partner foundation's page: its story, what it funds and what that led to."""

    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("partenaire"),
        help_text=_("Logo, site web, témoignage et financements viennent de sa fiche."),
    )
    story = RichTextField(
        _("histoire du partenariat"),
        blank=True,
        features=["h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_("Comment le partenariat est né, ce qu'il change pour les candidats."),
    )
    quotes = StreamField(
        [("quote", PartnerQuoteBlock())],
        blank=True,
        verbose_name=_("citations"),
        help_text=_("Paroles de la fondation, de coachs ou de candidats."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("partner"),
        FieldPanel("story"),
        FieldPanel("quotes"),
    ]
    promote_panels = [*Page.promote_panels, *SocialImageMixin.social_panels]

    parent_page_types = ["partners.PartnerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("page d'un partenaire")
        verbose_name_plural = _("pages de partenaires")

    def get_meta_description(self):
        return self.search_description or self.partner.short_description

    def get_context(self, request, *args, **kwargs):
        from .partners import Partner

        context = super().get_context(request, *args, **kwargs)
        partner = Partner.objects.for_display().get(pk=self.partner_id)
        cohorts = list(partner.funded_cohorts.all())
        campaigns = list(
            partner.funded_campaigns.live()
            .select_related("cohort")
            .order_by("-start_date", "title")
        )
        context.update(
            partner=partner,
            funded_cohorts=cohorts,
            funded_campaigns=campaigns,
            employed_count=employed_in_cohorts(
                {cohort.pk for cohort in cohorts}
                | {campaign.cohort_id for campaign in campaigns if campaign.cohort_id}
            ),
        )
        return context


def employed_in_cohorts(cohort_ids):
    """How many published candidates of these cohorts found a job (each counted once)."""
    from cv_pages.models import CVPage, EmploymentStatus

    if not cohort_ids:
        return 0
    return (
        CVPage.objects.live()
        .filter(cohort_id__in=cohort_ids, employment_status=EmploymentStatus.EMPLOYED)
        .count()
    )
