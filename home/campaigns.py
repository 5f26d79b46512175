"""Campaign progress: shares, hires and money raised, computed from real data and cached.

Three figures per campaign, each compared with the campaign's goal:

- shares: shares of the cohort's CVs (cv_pages CVShareDaily) from the campaign's first
  day to its last (or today while it runs), whatever happened to the CV since;
- hires: published CVs of the cohort whose candidate is currently employed;
- money: successful payments of donations made for the campaign, net of refunds.

Caching, so that a page pays at most three queries for any number of campaigns, CVs,
shares or donations, and none once warm:

- shares and hires come from one query and are cached together for a minute. Shares
  move all day long: like cv_pages.sharing.total_shares, the figure may be a minute old
  rather than emptying the cache on every share. Their key also carries the page-cache
  version (home.page_cache), which every publication, unpublication, move or deletion
  of a page bumps — a CV published, hidden or hired (the hiring shortcut updates the row
  and bumps that version itself), a campaign page republished with another cohort or
  other dates: their figures are recomputed at once;
- money is cached per campaign until a Payment or Refund of that campaign is saved or
  deleted (see connect_signals), with a ten-minute safety net for writes that send no
  signal. Such a change also bumps the page cache, so anonymous visitors see the new
  amount on the very next request instead of waiting for the cached page to expire.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, FilteredRelation, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .page_cache import bump_version, current_version

CACHE_PREFIX = "home:campaign-progress:v1"
COHORT_FIGURES_SECONDS = 60
MONEY_SECONDS = 10 * 60
FIGURE_KEYS = ("shares", "hires", "money")
FIGURE_TITLES = {
    # Short names of the figures, as the campaign figures block lists them.
    "shares": gettext_lazy("partages des CV de la promotion"),
    "hires": gettext_lazy("candidats de la promotion ayant retrouvé un emploi"),
    "money": gettext_lazy("dons reçus pour la campagne"),
}


def _grouped(number):
    """12400 → "12 400" in French (the active language's grouping)."""
    return number_format(number, force_grouping=True)


def _euros(cents):
    """Whole euros, French style whatever the language, like the donation page: "12 400 €"."""
    from donations.amounts import format_euros_short

    return format_euros_short(int(cents) // 100 * 100)


@dataclass(frozen=True)
class Figure:
    """One figure of a campaign: its value, its goal (None without one) and how far it got.

    Money is in cents (value and goal); the other figures are counts.
    """

    key: str
    value: int
    goal: int | None

    @property
    def has_goal(self):
        return bool(self.goal)

    @property
    def percent(self):
        """The real share of the goal reached, above 100 when the goal is exceeded."""
        if not self.goal:
            return None
        return round(self.value * 100 / self.goal)

    @property
    def bar_percent(self):
        """The same, capped at 100: how full the progress bar is."""
        return None if self.percent is None else min(100, self.percent)

    @property
    def display_value(self):
        return _euros(self.value) if self.key == "money" else _grouped(self.value)

    @property
    def display_goal(self):
        if not self.goal:
            return ""
        return _euros(self.goal) if self.key == "money" else _grouped(self.goal)

    @property
    def label(self):
        """What the number counts, agreeing with it: "partages des CV de la promotion"."""
        if self.key == "shares":
            return ngettext(
                "partage des CV de la promotion", "partages des CV de la promotion", self.value
            )
        if self.key == "hires":
            return ngettext(
                "candidat de la promotion a retrouvé un emploi",
                "candidats de la promotion ont retrouvé un emploi",
                self.value,
            )
        return _("reçus en dons pour la campagne")

    @property
    def summary(self):
        """The progress bar in words: "312 partages sur 500 visés"."""
        if self.key == "shares":
            text = (
                ngettext(
                    "%(value)s partage sur %(goal)s visés",
                    "%(value)s partages sur %(goal)s visés",
                    self.value,
                )
                if self.goal
                else ngettext("%(value)s partage", "%(value)s partages", self.value)
            )
        elif self.key == "hires":
            text = (
                ngettext(
                    "%(value)s embauche sur %(goal)s visées",
                    "%(value)s embauches sur %(goal)s visées",
                    self.value,
                )
                if self.goal
                else ngettext("%(value)s embauche", "%(value)s embauches", self.value)
            )
        else:
            text = (
                _("%(value)s collectés sur %(goal)s visés")
                if self.goal
                else _("%(value)s collectés")
            )
        return text % {"value": self.display_value, "goal": self.display_goal}


def _cohort_key(campaign, version):
    # The cohort and dates are in the key: a preview with other ones never reads the
    # published figures, and a republished campaign starts afresh.
    return (
        f"{CACHE_PREFIX}:{version}:{campaign.pk}:cohort:{campaign.cohort_id}:"
        f"{campaign.start_date}:{campaign.end_date}"
    )


def _money_key(campaign_id):
    return f"{CACHE_PREFIX}:{campaign_id}:money"


def _share_range(campaign, today):
    last = min(campaign.end_date, today) if campaign.end_date else today
    return campaign.start_date, last


def _compute_cohort_figures(campaigns, today):
    """{campaign pk: (shares, hires)} for campaigns with a cohort, in one query."""
    from cv_pages.models import CVPage, CVPageQuerySet

    ranges = {campaign.pk: _share_range(campaign, today) for campaign in campaigns}
    first = min(start for start, _last in ranges.values())
    last = max(end for _start, end in ranges.values())
    employed = CVPageQuerySet.employed_q(today)
    aggregates = {}
    for campaign in campaigns:
        start, end = ranges[campaign.pk]
        aggregates[f"shares_{campaign.pk}"] = Coalesce(
            Sum(
                "campaign_shares__count",
                filter=Q(
                    cohort_id=campaign.cohort_id,
                    campaign_shares__day__gte=start,
                    campaign_shares__day__lte=end,
                ),
            ),
            0,
        )
        aggregates[f"hires_{campaign.pk}"] = Count(
            "pk", distinct=True, filter=Q(cohort_id=campaign.cohort_id, live=True) & employed
        )
    # The daily rows outside every campaign's dates stay out of the join (the condition
    # is in its ON clause); a CV without shares still counts for the hires.
    figures = (
        CVPage.objects.filter(cohort_id__in={campaign.cohort_id for campaign in campaigns})
        .annotate(
            campaign_shares=FilteredRelation(
                "daily_shares",
                condition=Q(daily_shares__day__gte=first, daily_shares__day__lte=last),
            )
        )
        .aggregate(**aggregates)
    )
    return {
        campaign.pk: (figures[f"shares_{campaign.pk}"], figures[f"hires_{campaign.pk}"])
        for campaign in campaigns
    }


def _compute_money(campaign_ids):
    """{campaign pk: cents kept}: successful payments minus their refunds, in two queries."""
    from donations.models import Payment, Refund

    if None in campaign_ids:
        # A new campaign previewed before its first save: nothing can be given to it yet
        # (and `campaign_id=None` would match every donation made without a campaign).
        return {None: 0, **_compute_money([pk for pk in campaign_ids if pk is not None])}
    if not campaign_ids:
        return {}
    if len(campaign_ids) == 1:
        (campaign_id,) = campaign_ids
        return {
            campaign_id: Payment.objects.filter(donation__campaign_id=campaign_id).net_total_cents()
        }
    # Several campaigns (the campaign index): the same sums as net_total_cents, grouped.
    succeeded = Payment.objects.succeeded().filter(donation__campaign_id__in=campaign_ids)
    paid = dict(
        succeeded.order_by()
        .values("donation__campaign_id")
        .annotate(total=Sum("amount_cents"))
        .values_list("donation__campaign_id", "total")
    )
    refunded = dict(
        Refund.objects.filter(payment__in=succeeded.order_by().values("pk"))
        .order_by()
        .values("payment__donation__campaign_id")
        .annotate(total=Sum("amount_cents"))
        .values_list("payment__donation__campaign_id", "total")
    )
    return {pk: paid.get(pk, 0) - refunded.get(pk, 0) for pk in campaign_ids}


def campaigns_progress(campaigns, today=None):
    """{campaign pk: {"shares"|"hires"|"money": Figure}} for any number of campaigns.

    At most three queries whatever the number of campaigns, CVs or donations; none when
    the cache is warm.
    """
    campaigns = list(campaigns)
    if not campaigns:
        return {}
    today = today or timezone.localdate()
    version = current_version()
    cohort_keys = {c.pk: _cohort_key(c, version) for c in campaigns if c.cohort_id}
    money_keys = {c.pk: _money_key(c.pk) for c in campaigns}
    found = cache.get_many([*cohort_keys.values(), *money_keys.values()])

    missing = [c for c in campaigns if c.cohort_id and cohort_keys[c.pk] not in found]
    if missing:
        computed = _compute_cohort_figures(missing, today)
        fresh = {cohort_keys[pk]: figures for pk, figures in computed.items()}
        cache.set_many(fresh, COHORT_FIGURES_SECONDS)
        found.update(fresh)
    missing_money = [c.pk for c in campaigns if money_keys[c.pk] not in found]
    if missing_money:
        fresh = {money_keys[pk]: cents for pk, cents in _compute_money(missing_money).items()}
        cache.set_many(fresh, MONEY_SECONDS)
        found.update(fresh)

    progress = {}
    for campaign in campaigns:
        shares, hires = found.get(cohort_keys.get(campaign.pk), (0, 0))
        progress[campaign.pk] = {
            "shares": Figure("shares", shares, campaign.goal_shares),
            "hires": Figure("hires", hires, campaign.goal_hires),
            "money": Figure(
                "money",
                found[money_keys[campaign.pk]],
                campaign.goal_amount * 100 if campaign.goal_amount else None,
            ),
        }
    return progress


def campaign_progress(campaign, today=None):
    """{"shares"|"hires"|"money": Figure} for one campaign (see campaigns_progress)."""
    return campaigns_progress([campaign], today=today)[campaign.pk]


def figures_to_show(campaign, progress, keys=None, *, goals_only=False):
    """The figures of `keys` (all three by default) worth showing, in that order.

    Shares and hires mean nothing without a cohort; summaries (campaign cards, the home
    page) pass goals_only to show only the figures the campaign aims at.
    """
    shown = []
    for key in keys or FIGURE_KEYS:
        figure = progress.get(key)
        if figure is None:
            continue
        if key in ("shares", "hires") and not campaign.cohort_id:
            continue
        if goals_only and not figure.has_goal:
            continue
        shown.append(figure)
    return shown


# ---------------------------------------------------------------------------
# What the campaign templates and blocks show
# ---------------------------------------------------------------------------


def is_campaign(page):
    from .models import CampaignPage

    return isinstance(page, CampaignPage)


def memoized_progress(campaign):
    """campaign_progress, kept on the page object: its blocks and template share it."""
    if not hasattr(campaign, "_campaign_progress"):
        campaign._campaign_progress = campaign_progress(campaign)
    return campaign._campaign_progress


def live_donation_page(campaign):
    """The campaign's donation page if it is published, else None (one query, once)."""
    if not hasattr(campaign, "_live_donation_page"):
        page = None
        if campaign.donation_page_id:
            page = campaign.donation_page
            if not page.live:
                page = None
        campaign._live_donation_page = page
    return campaign._live_donation_page


def campaign_figures_context(campaign, keys=None, *, goals_only=False):
    """What templates/home/blocks/campaign_figures.html needs; no figures off a campaign."""
    if not is_campaign(campaign):
        return {"figures": [], "donation_url": ""}
    figures = figures_to_show(campaign, memoized_progress(campaign), keys, goals_only=goals_only)
    donation_page = None
    if any(figure.key == "money" for figure in figures):
        donation_page = live_donation_page(campaign)
    return {"figures": figures, "donation_url": donation_page.url if donation_page else ""}


def cohort_cards(cohort_id, count, today=None):
    """Up to `count` public CVs of the cohort, with everything a card shows.

    Candidates still looking come first, in the listing's fair order (least shared
    first, shuffled daily); those back in work follow, with their card's banner.
    Hidden and unpublished CVs never appear. A fixed number of queries.
    """
    from django.db.models import Case, IntegerField, Value, When

    from cv_pages.models import CVPage, CVPageQuerySet

    cards = (
        CVPage.objects.for_cards()
        .filter(cohort_id=cohort_id)
        .fair_order(today)
        .annotate(
            employed_rank=Case(
                When(CVPageQuerySet.employed_q(today), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    )
    return list(cards.order_by("employed_rank", *cards.query.order_by)[:count])


def visible_pages(queryset):
    """Live pages a visitor may see (pages behind a password or login left out)."""
    from .caching import any_view_restriction

    queryset = queryset.live()
    if any_view_restriction():
        queryset = queryset.public()
    return queryset


def share_links(page, request, text):
    """Plain share links of a campaign page or news: no script from the networks."""
    from cv_pages.sharing import (
        CHANNEL_LABELS,
        EMAIL_CHANNELS,
        LINK_CHANNELS,
        network_url,
        with_utm,
    )

    page_url = page.get_full_url(request)
    if not page_url:
        return []  # not routable (yet): a preview of a page never saved
    links = []
    for channel in LINK_CHANNELS:
        label, accessible = CHANNEL_LABELS[channel]
        new_tab = channel not in EMAIL_CHANNELS
        links.append(
            {
                "channel": channel.value,
                "label": label,
                "accessible_label": accessible,
                "url": network_url(
                    channel, with_utm(page_url, channel, page.slug), text, page.title
                ),
                "new_tab": new_tab,
            }
        )
    return links


def campaign_page_context(page, request):
    """The campaign page: its figures, donation page, news and share links."""
    from .caching import site_identity_for_request
    from .models import CampaignNewsPage

    identity = site_identity_for_request(request)
    return {
        "campaign_progress": memoized_progress(page),
        "donation_page": live_donation_page(page),
        "news_items": list(
            visible_pages(CampaignNewsPage.objects.child_of(page)).order_by(
                "-date", "-first_published_at"
            )
        ),
        "share_links": share_links(page, request, identity.default_share_text or page.title),
        "today": timezone.localdate(),
    }


def campaign_news_context(news, request):
    """A campaign's news: the campaign it belongs to (if visible) and share links."""
    from .caching import site_identity_for_request
    from .models import CampaignPage

    identity = site_identity_for_request(request)
    return {
        "campaign": visible_pages(CampaignPage.objects.parent_of(news)).first(),
        "share_links": share_links(news, request, identity.default_share_text or news.title),
    }


def campaign_index_context(index_page, today=None):
    """Running campaigns (latest started first), upcoming (soonest first), then past
    ones (latest ended first), each with the figures it aims at: four queries at most."""
    from .models import CampaignPage

    today = today or timezone.localdate()
    campaigns = list(
        visible_pages(CampaignPage.objects.child_of(index_page)).select_related("cohort", "region")
    )
    progress = campaigns_progress(campaigns, today=today)
    for campaign in campaigns:
        campaign.summary_figures = figures_to_show(campaign, progress[campaign.pk], goals_only=True)
    current = [c for c in campaigns if c.is_current(today)]
    upcoming = [c for c in campaigns if c.start_date > today]
    past = [c for c in campaigns if c.end_date and c.end_date < today]
    return {
        "current_campaigns": sorted(current, key=lambda c: c.start_date, reverse=True),
        "upcoming_campaigns": sorted(upcoming, key=lambda c: c.start_date),
        "past_campaigns": sorted(past, key=lambda c: c.end_date, reverse=True),
        "today": today,
    }


def featured_campaign(home_page):
    """The home page's featured campaign with its figures, or None when it is not live."""
    from .models import CampaignPage

    campaign_id = getattr(home_page, "featured_campaign_id", None)
    if not campaign_id:
        return None
    campaign = (
        visible_pages(CampaignPage.objects.filter(pk=campaign_id))
        .select_related("cohort", "region", "donation_page")
        .first()
    )
    if campaign is None:
        return None
    context = campaign_figures_context(campaign, goals_only=True)
    context["campaign"] = campaign
    return context


# ---------------------------------------------------------------------------
# Invalidation
# ---------------------------------------------------------------------------


def forget_campaign_money(campaign_id):
    """A payment or refund of this campaign changed: forget its money, and cached pages."""
    from donations.models.pages import PROGRESS_CACHE_KEY

    cache.delete_many(
        [
            _money_key(campaign_id),
            # The donation page's own bar for this campaign: keep both figures equal.
            PROGRESS_CACHE_KEY.format(kind="campaign", pk=campaign_id),
        ]
    )
    bump_version()


def _after_money_change(campaign_id):
    if campaign_id is None:
        return
    forget_campaign_money(campaign_id)
    # Once more after the commit: a visitor who recomputed the figure between the write
    # and the commit cannot leave the old amount in the cache.
    transaction.on_commit(lambda: forget_campaign_money(campaign_id))


# Ledger rows are saved several times per Stripe event (a receipt attached, a Stripe
# reference recorded): only a change of what a payment counts for moves the money, and
# only such a change empties the cached pages.
_MONEY_FIELDS = ("status", "amount_cents", "donation_id")
_UNKNOWN = object()


def _money_state(payment):
    values = payment.__dict__
    return tuple(values.get(name, _UNKNOWN) for name in _MONEY_FIELDS)


def _remember_money_state(sender, instance, **kwargs):
    instance._campaign_money_state = _money_state(instance)


def _moves_money(before, after):
    from donations.models import PaymentStatus

    if before == after:
        return False
    states = [state for state in (before, after) if state is not None]
    return any(_UNKNOWN in state or state[0] == PaymentStatus.SUCCEEDED for state in states)


def _payment_changed(sender, instance, raw=False, created=False, **kwargs):
    from django.db.models.signals import post_delete

    from donations.models import Donation

    if raw:
        return
    before = None if created else getattr(instance, "_campaign_money_state", _UNKNOWN)
    after = _money_state(instance)
    instance._campaign_money_state = after
    if kwargs.get("signal") is post_delete:
        before, after = after, None
    if not _moves_money(before if before is not _UNKNOWN else (_UNKNOWN,), after):
        return
    donation = instance._state.fields_cache.get("donation")
    if donation is not None:
        campaign_id = donation.campaign_id
    else:
        campaign_id = (
            Donation.objects.filter(pk=instance.donation_id)
            .values_list("campaign_id", flat=True)
            .first()
        )
    _after_money_change(campaign_id)


def _refund_changed(sender, instance, raw=False, **kwargs):
    from donations.models import Donation

    if raw:
        return
    campaign_id = (
        Donation.objects.filter(payments=instance.payment_id)
        .values_list("campaign_id", flat=True)
        .first()
    )
    _after_money_change(campaign_id)


def connect_signals():
    from django.db.models.signals import post_delete, post_init, post_save

    from donations.models import Payment, Refund

    post_init.connect(_remember_money_state, sender=Payment, dispatch_uid="campaign-money-init")
    post_save.connect(_payment_changed, sender=Payment, dispatch_uid="campaign-money-payment-s")
    post_delete.connect(_payment_changed, sender=Payment, dispatch_uid="campaign-money-payment-d")
    post_save.connect(_refund_changed, sender=Refund, dispatch_uid="campaign-money-refund-s")
    post_delete.connect(_refund_changed, sender=Refund, dispatch_uid="campaign-money-refund-d")
