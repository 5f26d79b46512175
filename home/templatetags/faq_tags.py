"""schema.org FAQPage data for the FAQ block, so search engines can show the answers."""

import html
import json

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

register = template.Library()

# JSON inside <script> must not be able to close the element or open a comment.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def plain_text(rich_text):
    # From the stored source: rendering page links again would cost queries.
    return html.unescape(strip_tags(getattr(rich_text, "source", str(rich_text)))).strip()


@register.simple_tag(takes_context=True)
def faq_json_ld(context, value):
    """A FAQPage JSON-LD script for the first FAQ block of the page, nothing for the others.

    Search engines expect a single FAQPage per page.
    """
    request = context.get("request")
    if request is None or getattr(request, "_faq_json_ld_done", False):
        return ""
    request._faq_json_ld_done = True
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": item["question"],
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(item["answer"])},
            }
            for item in value["items"]
        ],
    }
    payload = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308
