"""Template helpers for forms: the error summary (lotse/form_errors.html)."""

import re

from django import template

register = template.Library()

# "Datum: Das Gespräch …" – a short name before the first colon, no sentence before it.
_NAMED = re.compile(r"^[^:;.!?]{1,80}: ")


@register.filter
def names_its_field(error) -> bool:
    """Whether a message already begins with the field's name (the services' messages
    do, and import errors start with "Zeile 3, Spalte …: "), so the error summary does
    not put the label in front a second time."""
    return bool(_NAMED.match(str(error)))
