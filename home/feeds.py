"""RSS and Atom feeds of the campaigns' news (CampaignNewsPage).

Two queries whatever the number of items: the site, then the news with their campaign's
title picked by a subquery (a news page's parent is its campaign). The feed carries only
what the news pages show publicly: title, summary, date, campaign.
"""

import datetime
from types import SimpleNamespace

from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Page

from .caching import any_view_restriction, site_identity_for_request

MAX_ITEMS = 30


def latest_news(limit=MAX_ITEMS):
    """Live news of live campaigns, newest first, each with its campaign's title."""
    from .models import CampaignNewsPage

    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    campaigns = Page.objects.filter(path=parent_path)
    news = (
        CampaignNewsPage.objects.live()
        .defer_streamfields()
        .annotate(
            campaign_title=Subquery(campaigns.values("title")[:1]),
            campaign_live=Subquery(campaigns.values("live")[:1]),
        )
        .filter(campaign_live=True)
        .order_by("-date", "-first_published_at", "-pk")
    )
    if any_view_restriction():
        news = news.public()
    return list(news[:limit])


def campaign_index_url():
    from .context_processors import _first_live_page_url
    from .models import CampaignIndexPage

    return _first_live_page_url(CampaignIndexPage, "/")


class CampaignNewsRssFeed(Feed):
    """The latest campaign news as RSS 2.0."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, *args, **kwargs):
        # The feed object is shared between requests: per-request data travels in `obj`.
        return SimpleNamespace(request=request, identity=site_identity_for_request(request))

    def title(self, obj):
        name = obj.identity.organisation_name or "LinkedOut"
        return _("%(name)s — actualités des campagnes") % {"name": name}

    def description(self, obj):
        return _(
            "Les nouvelles des campagnes de partage de CV : candidats, embauches, partenaires."
        )

    def link(self, obj):
        return obj.request.build_absolute_uri(campaign_index_url())

    def feed_copyright(self, obj):
        return obj.identity.organisation_name or ""

    def items(self, obj):
        news = latest_news()
        for item in news:
            item.feed_url = item.get_full_url(obj.request)
        return news

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.feed_url

    def item_guid(self, item):
        return item.feed_url

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time.min))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return [item.campaign_title] if item.campaign_title else []


class CampaignNewsAtomFeed(CampaignNewsRssFeed):
    """The latest campaign news as Atom 1.0."""

    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
