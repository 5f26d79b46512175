"""Blocks whose HTML is kept in the cache until what they show changes.

A partner strip or a supporters wall renders hundreds of logos and names: rebuilding it
for every logged-in visitor (the page cache serves only anonymous ones) would dominate
the page's cost. The key carries the page-cache version, which every publication and
every change to partners, tiers, wall-approved donors and their gifts bumps, plus the day
(partnerships start and end with dates), the language, the page and the block's value.
"""

import hashlib
import json

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation
from django.utils.safestring import mark_safe


class CachedRenderMixin:
    """Caches a block's rendered HTML; see the module docstring for what renews it."""

    # Blocks showing CV cards also show share counts, which do not bump the version:
    # such blocks set a shorter lifetime.
    render_cache_seconds = 60 * 60

    def render_cache_key(self, value, context):
        from .page_cache import current_version

        page = context.get("page")
        prepared = json.dumps(self.get_prep_value(value), sort_keys=True, cls=DjangoJSONEncoder)
        digest = hashlib.sha1(prepared.encode(), usedforsecurity=False).hexdigest()
        return ":".join(
            [
                "block-html",
                str(current_version()),
                timezone.localdate().isoformat(),
                translation.get_language() or "",
                type(self).__name__,
                str(getattr(page, "pk", "")),
                digest,
            ]
        )

    def render(self, value, context=None):
        request = (context or {}).get("request")
        if context is None or getattr(request, "is_preview", False):
            return super().render(value, context)
        key = self.render_cache_key(value, context)
        html = cache.get(key)
        if html is None:
            html = str(super().render(value, context))
            cache.set(key, html, self.render_cache_seconds)
        return mark_safe(html)  # noqa: S308 (our own template's output, cached as is)
