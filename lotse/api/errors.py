"""One error path for the whole API: every refusal answers ``{"detail": [ErrorItem, …]}``.

A rule refuses with ``lotse.kernel.errors.RuleViolation``; its ``details()`` lists
the problems (a subclass lists every finding or reason). The API turns that list
into ``ErrorOut`` in one place: uncaught, the handler in lotse/api/api.py answers
422; a router that has something to add (other names for fields, the 409 of an
edit conflict) catches it and calls ``refused``. A request that does not fit the
schema answers the same shape (``invalid_request``). 401, 403 and 404 answer a
plain ``{"detail": "…"}`` (``lotse.api.schemas.Message``).
"""

from collections.abc import Mapping

from ninja import Schema, Status
from pydantic import model_serializer

from lotse.kernel.errors import RuleViolation


class ErrorItem(Schema):
    """One problem. Keys a problem does not have are left out of the answer."""

    field: str  # the JSON key it concerns; "" for the object as a whole
    msg: str  # German, naming the rule where there is one
    code: str | None = None  # stable, for programs (grant and staff rules)
    source: str | None = None  # the legal source of a staff rule, null for a plausibility check
    loc: list[str] | None = None  # where: the path in the request, or file, line and column
    type: str | None = None  # the kind of schema error of a request that does not fit

    @model_serializer(mode="wrap")
    def _as_given(self, handler):
        # Only the keys given: a case refusal stays {field, msg}, a staff finding keeps
        # its "source": null. Optional keys are not padded with nulls.
        return {key: value for key, value in handler(self).items() if key in self.model_fields_set}


class ErrorOut(Schema):
    detail: list[ErrorItem]


_KEYS = frozenset(ErrorItem.model_fields) - {"field", "msg"}


def problems(
    violation: RuleViolation, *, fields: Mapping[str, str] | None = None, code: str | None = None
) -> list[dict]:
    """The ``detail`` list of a refusal. ``fields`` renames a service's field names to the
    API's (``{"municipality": "municipality_id"}``; ``""`` names the object as a whole);
    ``code`` is given to problems that carry none (the grant API answers ``rule``)."""
    renamed = fields or {}
    items = []
    for problem in violation.details():
        field = problem["field"] or ""
        item: dict[str, object] = {
            "field": renamed.get(field, field),
            "msg": str(problem["message"]),
        }
        item |= {key: value for key, value in problem.items() if key in _KEYS}
        if code and not item.get("code"):
            item["code"] = code
        items.append(item)
    return items


def refused(
    violation: RuleViolation,
    *,
    status: int = 422,
    fields: Mapping[str, str] | None = None,
    code: str | None = None,
    **more,
) -> Status:
    """The one refusal of a router: ``ErrorOut`` with ``status``; ``more`` adds keys beside
    ``detail`` (a 409's ``version`` and ``changes``, or the ``duplicates``)."""
    return Status(status, {"detail": problems(violation, fields=fields, code=code), **more})


def conflicted(violation: RuleViolation, *, version: int, changes: list[tuple[str, str]]) -> Status:
    """409 for a save over a stale version: what changed since, and the version to send next
    (an ``EditConflict`` of the client or the plan)."""
    return refused(
        violation,
        status=409,
        fields={"": "version"},
        version=version,
        changes=[{"field": label, "value": value} for label, value in changes],
    )


# Parts of ninja's location that name where a value came from, not the value itself.
_CONTAINERS = {"body", "query", "path", "payload", "data"}


def invalid_request(errors: list[dict]) -> list[dict]:
    """The ``detail`` list of a request that does not fit the schema (wrong type, impossible
    date, over-long text): every field named, with ninja's ``loc`` and ``type``."""
    items = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", [])]
        field = next((part for part in reversed(loc) if part not in _CONTAINERS), "")
        items.append(
            {"field": field, "loc": loc, "msg": error.get("msg", ""), "type": error.get("type", "")}
        )
    return items
