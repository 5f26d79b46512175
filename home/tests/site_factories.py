"""Small factories for content pages, campaigns, their news and the editors' menus."""

import datetime
import json
import uuid

from django.utils import timezone
from wagtail.models import Site

from home.models import (
    CampaignIndexPage,
    CampaignNewsPage,
    CampaignPage,
    NavigationSettings,
    StandardPage,
)


def publish_child(parent, page, publish=True):
    page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return type(page).objects.get(pk=page.pk)


def stream(*blocks):
    """StreamField JSON from (block type, value) pairs."""
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def text_block(text, heading=""):
    return ("text", {"heading": heading, "text": f"<p>{text}</p>"})


def faq_block(pairs, heading="Questions fréquentes"):
    items = [{"question": question, "answer": f"<p>{answer}</p>"} for question, answer in pairs]
    return ("faq", {"heading": heading, "items": items})


def make_standard_page(parent, title, *, intro="", body=(), publish=True, **fields):
    fields.setdefault("slug", title.lower().replace(" ", "-").replace("'", "-"))
    page = StandardPage(title=title, intro=intro, body=stream(*body), **fields)
    return publish_child(parent, page, publish)


def make_campaign_index(home_page):
    index = CampaignIndexPage(title="Nos campagnes", slug="campagnes", intro="<p>Toutes.</p>")
    return publish_child(home_page, index)


def make_campaign(index, title="Campagne de Lille", *, publish=True, **fields):
    fields.setdefault("slug", title.lower().replace(" ", "-"))
    fields.setdefault("start_date", timezone.localdate() - datetime.timedelta(days=30))
    fields.setdefault("intro", f"{title} : partagez les CV de la promotion.")
    return publish_child(index, CampaignPage(title=title, **fields), publish)


def make_news(campaign, title, date, *, publish=True, **fields):
    fields.setdefault("slug", title.lower().replace(" ", "-"))
    fields.setdefault("intro", f"{title}, en deux mots.")
    return publish_child(campaign, CampaignNewsPage(title=title, date=date, **fields), publish)


def link(label, page=None, url=""):
    return {"label": label, "page": page.pk if page else None, "url": url}


def set_navigation(main_menu=(), footer_columns=(), legal_links=()):
    """Saves the default site's menus; footer_columns: (heading, [links]) pairs."""
    settings = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.main_menu = json.dumps([{"type": "link", "value": value} for value in main_menu])
    settings.footer_columns = json.dumps(
        [
            {
                "type": "column",
                "value": {
                    "heading": heading,
                    # ListBlock items need an id to be read as items, not as values.
                    "links": [
                        {"type": "item", "value": value, "id": str(uuid.uuid4())} for value in links
                    ],
                },
            }
            for heading, links in footer_columns
        ]
    )
    settings.legal_links = json.dumps([{"type": "link", "value": value} for value in legal_links])
    settings.save()
    return settings
