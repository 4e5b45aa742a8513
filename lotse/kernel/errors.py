"""How a rule says no.

Every layer refuses in the same words: a pure rule, a service, an import, the
API. The message is for the person (German, naming the rule where there is one);
``field`` names the form field or JSON key it concerns, so a form can put it
beside the input and the API can answer 422 naming it. Subclasses exist only
where they carry more (every staff finding, the fields changed since a stale
read, the reason a payment is refused); the ones that list several problems say
so in ``details()``, so nobody above has to know each subclass.
"""

from __future__ import annotations

from typing import Required, TypedDict


class Detail(TypedDict, total=False):
    """One problem of a refusal as plain data; ``field`` is "" for the object as a whole."""

    field: Required[str]
    message: Required[str]
    code: str  # stable, for programs
    source: str | None  # the legal source; None for a plain plausibility check
    loc: list[str]  # where, e.g. file, line and column


class RuleViolation(ValueError):
    """A domain rule refused the input or the change."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field or None

    def details(self) -> list[Detail]:
        """Every problem: here the one, a subclass that carries more lists each with
        what it knows. The API answers with this list (lotse/api/errors.py)."""
        return [{"field": self.field or "", "message": self.message}]
