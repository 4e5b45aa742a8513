"""Quotas and allocation numbers the German way ("2,345678"), from the rules' formatter."""

from decimal import Decimal

from django import template

from lotse.kernel.money import format_number

register = template.Library()


@register.filter
def number(value) -> str:
    if value is None or value == "":
        return "–"
    return format_number(Decimal(value))
