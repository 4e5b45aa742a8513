"""How a rule says no.

Every layer refuses in the same words: a pure rule, a service, an import, the
API. The message is for the person (German, naming the rule where there is one);
``field`` names the form field or JSON key it concerns, so a form can put it
beside the input and the API can answer 422 naming it. Subclasses exist only
where they carry more (every staff finding, the fields changed since a stale
read, the reason a payment is refused).
"""

from __future__ import annotations


class RuleViolation(ValueError):
    """A domain rule refused the input or the change."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field or None
