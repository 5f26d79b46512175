"""Template filters of the donor space."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def cents_to_euros(cents):
    """12345 → "123,45 €" in the current language's number format."""
    if cents in (None, ""):
        return ""
    amount = Decimal(int(cents)) / 100
    return f"{number_format(amount, decimal_pos=2, force_grouping=True)}\u00a0€"
