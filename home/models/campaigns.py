"""Campaigns: each cohort ("promotion") is launched with a CV-sharing campaign."""

import html

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from ..blocks import CampaignStreamBlock, TextSectionBlock
from ..caching import CachedViewRestrictionsMixin
from . import SocialImageMixin


def rich_text_summary(source, words=40):
    """The first words of a rich text field, as plain text for a meta description."""
    return Truncator(html.unescape(strip_tags(source or "")).strip()).words(words)


class CampaignIndexPage(SocialImageMixin, CachedViewRestrictionsMixin, Page):  # noqa: DJ008
    """The list of campaigns: the ones running now first, then upcoming, then past ones."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Quelques lignes au-dessus de la liste des campagnes."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = [*Page.promote_panels, *SocialImageMixin.social_panels]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.CampaignPage"]
    max_count = 1

    class Meta:
        verbose_name = _("liste des campagnes")
        verbose_name_plural = _("listes des campagnes")

    def get_meta_description(self):
        return self.search_description or rich_text_summary(self.intro)

    def get_context(self, request, *args, **kwargs):
        from ..campaigns import campaign_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(campaign_index_context(self))
        return context


class CampaignPageQuerySet(PageQuerySet):
    def current(self, today=None):
        """Campaigns that have started and not ended (an open end means still running)."""
        today = today or timezone.localdate()
        return self.filter(start_date__lte=today).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today)
        )

    def upcoming(self, today=None):
        return self.filter(start_date__gt=today or timezone.localdate())

    def past(self, today=None):
        return self.filter(end_date__lt=today or timezone.localdate())


CampaignPageManager = PageManager.from_queryset(CampaignPageQuerySet)


class CampaignPage(SocialImageMixin, CachedViewRestrictionsMixin, Page):  # noqa: DJ008
    """A cohort's campaign: its dates, goals, live figures and the blocks editors arrange."""

    cohort = models.ForeignKey(
        "cv_pages.Cohort",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name=_("promotion"),
        help_text=_("Ses CV et ses embauches alimentent les chiffres de la campagne."),
    )
    start_date = models.DateField(_("début de la campagne"))
    end_date = models.DateField(
        _("fin de la campagne"),
        null=True,
        blank=True,
        help_text=_("Laissez vide pour une campagne sans date de fin."),
    )
    region = models.ForeignKey(
        "cv_pages.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("région"),
        help_text=_("Facultatif : la région de la promotion."),
    )
    intro = models.TextField(
        _("accroche"),
        max_length=300,
        blank=True,
        help_text=_(
            "Une ou deux phrases : reprises dans la liste des campagnes et en description."
        ),
    )
    goal_shares = models.PositiveIntegerField(
        _("objectif de partages"),
        null=True,
        blank=True,
        help_text=_("Partages des CV de la promotion pendant la campagne."),
    )
    goal_hires = models.PositiveIntegerField(
        _("objectif d'embauches"),
        null=True,
        blank=True,
        help_text=_("Candidats de la promotion ayant retrouvé un emploi."),
    )
    goal_amount = models.PositiveIntegerField(
        _("objectif de collecte (euros)"),
        null=True,
        blank=True,
        help_text=_(
            "Dons reçus pour cette campagne, remboursements déduits. Pour qu'un don compte, "
            "choisissez cette campagne dans le champ « Campagne » de la page de don."
        ),
    )
    donation_page = models.ForeignKey(
        "donations.DonationPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("page de don"),
        help_text=_("Le bouton « Faire un don » de la campagne y mène."),
    )
    body = StreamField(
        CampaignStreamBlock(),
        blank=True,
        verbose_name=_("contenu"),
        help_text=_(
            "Ajoutez et ordonnez les sections : bandeau, texte, chiffres en direct, CV de "
            "la promotion, appel à l'action, logos partenaires, vidéo, citation…"
        ),
    )

    objects = CampaignPageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("cohort"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("region"),
            ],
            heading=_("Promotion et dates"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("goal_shares"), FieldPanel("goal_hires"), FieldPanel("goal_amount")]
                ),
                FieldPanel("donation_page"),
            ],
            heading=_("Objectifs"),
        ),
        FieldPanel("body"),
    ]
    promote_panels = [*Page.promote_panels, *SocialImageMixin.social_panels]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.CampaignIndexPage"]
    subpage_types = ["home.CampaignNewsPage"]

    class Meta:
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La fin ne peut pas précéder le début.")})

    def get_meta_description(self):
        return self.search_description or self.intro

    def is_current(self, today=None):
        today = today or timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)

    def get_context(self, request, *args, **kwargs):
        from ..campaigns import campaign_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(campaign_page_context(self, request))
        return context


class CampaignNewsPage(SocialImageMixin, CachedViewRestrictionsMixin, Page):  # noqa: DJ008
    """A piece of news about a campaign; the campaign news feed (RSS/Atom) lists them."""

    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(
        _("résumé"),
        max_length=300,
        help_text=_("Deux phrases : reprises dans le flux d'actualités et en description."),
    )
    body = StreamField(
        [("text", TextSectionBlock())],
        blank=True,
        verbose_name=_("texte"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    promote_panels = [*Page.promote_panels, *SocialImageMixin.social_panels]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.CampaignPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("actualité de campagne")
        verbose_name_plural = _("actualités de campagne")

    def get_context(self, request, *args, **kwargs):
        from ..campaigns import campaign_news_context

        context = super().get_context(request, *args, **kwargs)
        context.update(campaign_news_context(self, request))
        return context

    def get_meta_description(self):
        return self.search_description or self.intro
