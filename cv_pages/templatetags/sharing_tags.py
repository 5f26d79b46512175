from django import template
from django.urls import reverse

from ..sharing import share_links

register = template.Library()


@register.simple_tag(takes_context=True)
def cv_share_links(context, cv):
    """Share links of a CV, built from the cached sharing settings (no query per card)."""
    request = context.get("request")
    links = share_links(cv, request)
    links["endpoint"] = reverse("cv_pages:share")
    links["view_endpoint"] = reverse("cv_pages:view")
    return links
