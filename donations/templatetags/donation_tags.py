"""Template filters of the donation pages."""

from django import template

from ..amounts import format_euros_short

register = template.Library()


@register.filter
def euros(cents):
    """Cents as French euros: 150000 → "1 500 €", 1250 → "12,50 €"."""
    if cents in (None, ""):
        return ""
    return format_euros_short(cents)


@register.filter
def whole_euros(euros_amount):
    """Whole euros as French text: 10000 → "10 000 €"."""
    if euros_amount in (None, ""):
        return ""
    return format_euros_short(int(euros_amount) * 100)
