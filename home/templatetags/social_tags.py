from django import template

from ..social import social_meta as build_social_meta

register = template.Library()


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context):
    """Open Graph and X card tags of the current page (or of the site, without a page)."""
    return {
        "meta": build_social_meta(
            context.get("page"), context.get("site_identity"), context.get("request")
        )
    }
