"""Content blocks shared by the home page, campaign pages and content pages.

Each block renders with its own template under templates/home/blocks/.
"""

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from partners.blocks import PartnerStripBlock, SupportersWallBlock, TestimonyBlock

from .fragment_cache import CachedRenderMixin
from .video import VIDEO_HOSTS, parse_video_url


def validate_link_address(value):
    """A path on this site ("/don/") or a full web or e-mail address."""
    if value.startswith("/") and not value.startswith("//"):
        return
    if value.startswith("mailto:"):
        EmailValidator(message=_("Adresse e-mail invalide après « mailto: »."))(
            value.removeprefix("mailto:")
        )
        return
    URLValidator(
        schemes=["http", "https"],
        message=_(
            "Saisissez une adresse du site commençant par « / » ou une adresse complète "
            "commençant par « https:// »."
        ),
    )(value)


class SiteOrWebAddressBlock(blocks.CharBlock):
    """A link target typed by an editor: a path of this site or an address elsewhere."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 500)
        super().__init__(validators=[validate_link_address], **kwargs)

    class Meta:
        icon = "link"


class PageOrAddressMixin:
    """For link blocks with a `page` and a `url`: one of the two must be given."""

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ValidationError(_("Choisissez une page ou indiquez une adresse."))
                }
            )
        return value


class LinkBlock(PageOrAddressMixin, blocks.StructBlock):
    """A button: an internal page or an external address, with its label."""

    label = blocks.CharBlock(label=_("texte du bouton"), max_length=60)
    page = blocks.PageChooserBlock(
        label=_("page du site"), required=False, help_text=_("Choisissez une page…")
    )
    url = SiteOrWebAddressBlock(
        label=_("ou adresse"),
        required=False,
        help_text=_("…ou une adresse : « /opportunites/proposer/ » ou « https://… »."),
    )
    style = blocks.ChoiceBlock(
        label=_("style"),
        choices=[("primary", _("principal")), ("secondary", _("secondaire"))],
        default="primary",
    )

    class Meta:
        icon = "link"
        label = _("bouton")


class HeroBlock(blocks.StructBlock):
    """The opening banner: a strong title, a sentence, an image and up to two buttons."""

    title = blocks.CharBlock(label=_("titre"), max_length=120)
    text = blocks.TextBlock(label=_("texte"), required=False, max_length=400)
    image = ImageBlock(label=_("image"), required=False)
    links = blocks.ListBlock(LinkBlock(), label=_("boutons"), max_num=2, min_num=0, default=[])

    class Meta:
        icon = "pick"
        label = _("bandeau d'ouverture")
        template = "home/blocks/hero.html"


class TextSectionBlock(blocks.StructBlock):
    """A titled section of formatted text."""

    heading = blocks.CharBlock(label=_("intertitre"), required=False, max_length=120)
    text = blocks.RichTextBlock(
        label=_("texte"), features=["bold", "italic", "link", "ol", "ul", "h3"]
    )

    class Meta:
        icon = "doc-full"
        label = _("texte")
        template = "home/blocks/text_section.html"


class CallToActionBlock(blocks.StructBlock):
    """An invitation to act: read and share CVs, recruit, give."""

    heading = blocks.CharBlock(label=_("titre"), max_length=120)
    text = blocks.TextBlock(label=_("texte"), required=False, max_length=400)
    audience = blocks.ChoiceBlock(
        label=_("public visé"),
        choices=[
            ("visitors", _("tout le monde : lire et partager des CV")),
            ("companies", _("entreprises : recruter")),
            ("donors", _("donateurs : soutenir le programme")),
        ],
        default="visitors",
        help_text=_("Change la couleur et l'icône de l'encart."),
    )
    links = blocks.ListBlock(LinkBlock(), label=_("boutons"), min_num=1, max_num=2)

    class Meta:
        icon = "pick"
        label = _("appel à l'action")
        template = "home/blocks/call_to_action.html"


class CallToActionGroupBlock(blocks.StructBlock):
    """Two or three calls to action side by side."""

    items = blocks.ListBlock(CallToActionBlock(), label=_("encarts"), min_num=1, max_num=3)

    class Meta:
        icon = "grip"
        label = _("appels à l'action côte à côte")
        template = "home/blocks/call_to_action_group.html"


def picked_cards(chosen_pages):
    """Cards of the CVs an editor picked, in the chosen order.

    for_cards() holds public CVs only: hidden or unpublished ones silently drop out.
    """
    from cv_pages.models import CVPage

    picked_ids = [page.id for page in chosen_pages if page]
    cards = CVPage.objects.for_cards().filter(id__in=picked_ids)
    order = {page_id: position for position, page_id in enumerate(picked_ids)}
    return sorted(cards, key=lambda cv: order[cv.id])


class CVSelectionBlock(CachedRenderMixin, blocks.StructBlock):
    """A handful of CV cards: the most recent ones, or CVs an editor picks."""

    # Cards show share counts, which move without bumping the page-cache version.
    render_cache_seconds = 60

    heading = blocks.CharBlock(label=_("titre"), max_length=120, default=_("Ils cherchent"))
    mode = blocks.ChoiceBlock(
        label=_("sélection"),
        choices=[("latest", _("les plus récents")), ("picked", _("choisis à la main"))],
        default="latest",
    )
    count = blocks.IntegerBlock(
        label=_("nombre de CV"),
        min_value=1,
        max_value=12,
        default=3,
        help_text=_("Pour « les plus récents » seulement."),
    )
    cvs = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="cv_pages.CVPage"),
        label=_("CV choisis"),
        required=False,
        max_num=12,
        help_text=_("Pour « choisis à la main » : les CV masqués ne s'affichent jamais."),
    )
    show_all_link = blocks.BooleanBlock(
        label=_("lien vers tous les CV"), required=False, default=True
    )

    class Meta:
        icon = "user"
        label = _("sélection de CV")
        template = "home/blocks/cv_selection.html"

    def get_context(self, value, parent_context=None):
        from cv_pages.models import CVIndexPage, CVPage

        context = super().get_context(value, parent_context=parent_context)
        if value["mode"] == "picked":
            cards = picked_cards(value["cvs"])
        else:
            cards = list(
                CVPage.objects.for_cards().order_by("-first_published_at")[: value["count"]]
            )
        context["cards"] = cards
        context["index_page"] = CVIndexPage.objects.live().first()
        return context


class CountersBlock(blocks.StructBlock):
    """Live figures of the programme, computed from the published CVs."""

    heading = blocks.CharBlock(label=_("titre"), required=False, max_length=120)
    counters = blocks.MultipleChoiceBlock(
        label=_("chiffres affichés"),
        choices=[
            ("published", _("CV publiés")),
            ("employed", _("candidats ayant retrouvé un emploi")),
            ("shared", _("partages de CV")),
        ],
        default=["published", "employed"],
    )

    class Meta:
        icon = "order"
        label = _("chiffres en direct")
        template = "home/blocks/counters.html"

    def get_context(self, value, parent_context=None):
        from cv_pages.stats import live_counters

        context = super().get_context(value, parent_context=parent_context)
        figures = live_counters()
        labels = dict(self.child_blocks["counters"].field.choices)
        context["figures"] = [
            {"key": key, "value": figures[key], "label": labels[key]} for key in value["counters"]
        ]
        return context


class QuoteBlock(blocks.StructBlock):
    """A short quotation with its author."""

    text = blocks.TextBlock(label=_("citation"), max_length=500)
    author = blocks.CharBlock(label=_("auteur"), max_length=120)
    role = blocks.CharBlock(label=_("rôle"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("citation")
        template = "home/blocks/quote.html"


class VideoEmbedBlock(blocks.StructBlock):
    """A video that loads nothing from its host until the visitor clicks play.

    Until then the page shows a poster and a play button served by the site; without
    JavaScript the button is a plain link to the video.
    """

    url = blocks.URLBlock(
        label=_("adresse de la vidéo"),
        help_text=_(
            "Adresse d'une vidéo YouTube, Vimeo ou Dailymotion, copiée depuis le navigateur."
        ),
    )
    title = blocks.CharBlock(
        label=_("titre de la vidéo"),
        max_length=120,
        help_text=_("Lu par les lecteurs d'écran et affiché sous l'aperçu."),
    )
    poster = ImageBlock(
        label=_("image d'aperçu"),
        required=False,
        help_text=_("Affichée avant le clic ; sans image, un fond uni aux couleurs du site."),
    )
    transcript = blocks.TextBlock(
        label=_("transcription ou résumé"),
        required=False,
        max_length=4000,
        help_text=_("Pour les personnes sourdes ou qui ne peuvent pas lancer la vidéo."),
    )

    class Meta:
        icon = "media"
        label = _("vidéo")
        template = "home/blocks/video_embed.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parsed = parse_video_url(value["url"]) if value.get("url") else None
        if parsed is None:
            # Saved before validation existed, or edited in the database: show nothing.
            context["video"] = None
        else:
            provider, embed_url, watch_url = parsed
            context["video"] = {
                "provider": provider,
                "host": {name.lower(): name for name in VIDEO_HOSTS}[provider],
                "embed_url": embed_url,
                "watch_url": watch_url,
            }
        return context

    def clean(self, value):
        value = super().clean(value)
        if value.get("url") and parse_video_url(value["url"]) is None:
            hosts = ", ".join(VIDEO_HOSTS)
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Adresse non reconnue : utilisez une vidéo de %(hosts)s.")
                        % {"hosts": hosts}
                    )
                }
            )
        return value


class FAQItemBlock(blocks.StructBlock):
    """One question and its answer."""

    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(
        label=_("réponse"), features=["bold", "italic", "link", "ol", "ul"]
    )

    class Meta:
        icon = "help"
        label = _("question")


class FAQBlock(blocks.StructBlock):
    """Questions and answers, each folded until the visitor opens it."""

    heading = blocks.CharBlock(label=_("titre"), required=False, max_length=120)
    items = blocks.ListBlock(FAQItemBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("questions fréquentes")
        template = "home/blocks/faq.html"


class CampaignFiguresBlock(blocks.StructBlock):
    """This campaign's live progress toward its goals: shares, hires, money raised."""

    heading = blocks.CharBlock(
        label=_("titre"), required=False, max_length=120, default=_("Où en est la campagne ?")
    )
    figures = blocks.MultipleChoiceBlock(
        label=_("chiffres affichés"),
        choices=[
            ("shares", _("partages des CV de la promotion")),
            ("hires", _("candidats de la promotion ayant retrouvé un emploi")),
            ("money", _("dons reçus pour la campagne")),
        ],
        default=["shares", "hires", "money"],
        help_text=_("Une barre de progression s'affiche pour chaque chiffre qui a un objectif."),
    )

    class Meta:
        icon = "order"
        label = _("chiffres de la campagne en direct")
        template = "home/blocks/campaign_figures.html"

    def get_context(self, value, parent_context=None):
        from .campaigns import campaign_figures_context

        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        context.update(campaign_figures_context(page, value["figures"]))
        context["heading"] = value["heading"]
        return context


class FeaturedCVsBlock(CachedRenderMixin, blocks.StructBlock):
    """CVs of the campaign's cohort, chosen automatically, or picked by hand."""

    # Cards show share counts, which move without bumping the page-cache version.
    render_cache_seconds = 60

    heading = blocks.CharBlock(
        label=_("titre"), max_length=120, default=_("Les candidats de la promotion")
    )
    mode = blocks.ChoiceBlock(
        label=_("sélection"),
        choices=[
            ("cohort", _("automatique : les candidats de la promotion de la campagne")),
            ("picked", _("choisis à la main")),
        ],
        default="cohort",
    )
    count = blocks.IntegerBlock(
        label=_("nombre de CV"),
        min_value=1,
        max_value=24,
        default=6,
        help_text=_("Pour la sélection automatique : ceux qui cherchent encore passent d'abord."),
    )
    cvs = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="cv_pages.CVPage"),
        label=_("CV choisis"),
        required=False,
        max_num=24,
        help_text=_(
            "Pour « choisis à la main » : les CV masqués ou dépubliés ne s'affichent jamais."
        ),
    )
    show_all_link = blocks.BooleanBlock(
        label=_("lien vers tous les CV"), required=False, default=True
    )

    class Meta:
        icon = "user"
        label = _("CV de la campagne")
        template = "home/blocks/featured_cvs.html"

    def get_context(self, value, parent_context=None):

        from .campaigns import cohort_cards

        context = super().get_context(value, parent_context=parent_context)
        if value["mode"] == "picked":
            cards = picked_cards(value["cvs"])
        else:
            page = (parent_context or {}).get("page")
            cohort_id = getattr(page, "cohort_id", None)
            cards = cohort_cards(cohort_id, value["count"]) if cohort_id else []
        context["cards"] = cards
        return context


class ContentStreamBlock(blocks.StreamBlock):
    """Every section an editor can place on the home page and on content pages."""

    hero = HeroBlock()
    text = TextSectionBlock()
    call_to_action = CallToActionBlock()
    call_to_action_group = CallToActionGroupBlock()
    cv_selection = CVSelectionBlock()
    counters = CountersBlock()
    quote = QuoteBlock()
    video = VideoEmbedBlock()
    faq = FAQBlock()
    partner_strip = PartnerStripBlock()
    testimony = TestimonyBlock()
    supporters_wall = SupportersWallBlock()


class CampaignStreamBlock(ContentStreamBlock):
    """The sections of a campaign page: the shared ones, plus its figures and its CVs."""

    campaign_figures = CampaignFiguresBlock()
    featured_cvs = FeaturedCVsBlock()


class MenuLinkBlock(PageOrAddressMixin, blocks.StructBlock):
    """A menu entry: a page of the site or an external address, with its label."""

    label = blocks.CharBlock(label=_("libellé"), max_length=40)
    page = blocks.PageChooserBlock(label=_("page du site"), required=False)
    url = SiteOrWebAddressBlock(
        label=_("ou adresse"),
        required=False,
        help_text=_(
            "Une adresse du site (« /espace-donateur/ ») ou d'un autre site (« https://… »)."
        ),
    )

    class Meta:
        icon = "link"
        label = _("lien")


class FooterColumnBlock(blocks.StructBlock):
    """A column of the footer: a heading and its links."""

    heading = blocks.CharBlock(label=_("titre de la colonne"), max_length=60)
    links = blocks.ListBlock(MenuLinkBlock(), label=_("liens"), min_num=1, max_num=8)

    class Meta:
        icon = "list-ul"
        label = _("colonne")
