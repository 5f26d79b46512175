"""The header's main menu and the footer's menus, from the editors' navigation settings."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from ..navigation import current_state, menus_for_request

register = template.Library()


def fallback_menu(context):
    """The links the header showed before editors could set a menu."""
    links = [
        {"label": _("Les candidats"), "url": str(context.get("cv_index_url") or "/")},
        {"label": _("Proposer un emploi"), "url": reverse("cv_pages:opportunity_general")},
    ]
    donation_url = str(context.get("donation_url") or "")
    if donation_url:
        links.append({"label": _("Faire un don"), "url": donation_url})
    return links


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The header's links, the current page's one marked with aria-current.

    Rendered on every request from cached data (no query): only aria-current differs
    from one page to the next, and a loop over a few links costs next to nothing.
    """
    request = context.get("request")
    links = menus_for_request(request)["main_menu"] if request else []
    if not links:
        links = fallback_menu(context)
    path = request.path if request else ""
    return {"links": [{**link, "current": current_state(link["url"], path)} for link in links]}


@register.inclusion_tag("includes/footer_menus.html", takes_context=True)
def footer_menus(context):
    """The footer's columns, social links and contact address.

    base.html caches the rendered fragment per host, language and page cache version.
    """
    request = context.get("request")
    menus = menus_for_request(request) if request else {}
    return {
        "columns": menus.get("footer_columns", []),
        "site_identity": context.get("site_identity"),
    }


@register.inclusion_tag("includes/footer_legal_links.html", takes_context=True)
def footer_legal_links(context):
    """The legal links at the very bottom (after the language form, in reading order)."""
    request = context.get("request")
    menus = menus_for_request(request) if request else {}
    return {"legal_links": menus.get("legal_links", [])}
