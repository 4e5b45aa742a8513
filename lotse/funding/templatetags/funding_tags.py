"""Display helpers for grant pages: money and FTE the German way, from the rules' formatters."""

from decimal import Decimal

from django import template

from lotse.kernel.money import format_eur, format_fte

register = template.Library()


@register.filter
def eur(value) -> str:
    """1234.5 → "1.234,50 EUR"; empty stays a dash (a gap is shown elsewhere)."""
    if value is None or value == "":
        return "–"
    return format_eur(Decimal(value))


@register.filter
def fte(value) -> str:
    if value is None or value == "":
        return "–"
    return format_fte(Decimal(value))


@register.filter
def bar(value, maximum) -> int:
    """Width of a chart bar in per mille of the largest value (SVG attribute, no inline style)."""
    if not value or not maximum:
        return 0
    return int(Decimal(value) * 1000 / Decimal(maximum))
