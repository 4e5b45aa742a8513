"""Rules of the organisation tree as pure functions (no ORM).

The tree and the money chain follow BW 3.2 and SPEC §1:

    state ─ granting authority ─ county (grant recipient)
        county → association | municipality | welfare organisation
        association → member municipality (final recipient) | welfare organisation
        municipality → welfare organisation (final recipient)
"""

import itertools
from dataclasses import dataclass
from datetime import date

STATE = "state"
AUTHORITY = "authority"
COUNTY = "county"
ASSOCIATION = "association"
MUNICIPALITY = "municipality"
WELFARE = "welfare"

KIND_LABELS = {
    STATE: "Land",
    AUTHORITY: "Bewilligungsstelle",
    COUNTY: "Stadt- oder Landkreis",
    ASSOCIATION: "Verbund",
    MUNICIPALITY: "Stadt oder Gemeinde",
    WELFARE: "Träger der freien Wohlfahrtspflege",
}

# The nodes that keep case files (where case managers work, SPEC §1).
CASE_KEEPERS = frozenset({MUNICIPALITY, ASSOCIATION, WELFARE})

# Which kind of node may hang below which (structural tree).
ALLOWED_CHILDREN: dict[str, frozenset[str]] = {
    STATE: frozenset({AUTHORITY}),
    AUTHORITY: frozenset({COUNTY}),
    COUNTY: frozenset({ASSOCIATION, MUNICIPALITY, WELFARE}),
    ASSOCIATION: frozenset({WELFARE}),
    MUNICIPALITY: frozenset({WELFARE}),
    WELFARE: frozenset(),
}

# BW 3.2: money passes from the county at most two steps down.
MAX_PASS_THROUGH_STEPS = 2

# BW 3.2: who may pass money on to whom. Members receive from their association.
MONEY_MAY_FLOW_TO: dict[str, frozenset[str]] = {
    COUNTY: frozenset({ASSOCIATION, MUNICIPALITY, WELFARE}),
    ASSOCIATION: frozenset({MUNICIPALITY, WELFARE}),
    MUNICIPALITY: frozenset({WELFARE}),
    WELFARE: frozenset(),
}


class RuleViolation(ValueError):
    """A domain rule refused the change; the message is for the user (German)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def pass_through_chain_error(kinds: list[str]) -> str | None:
    """Why a money chain [county, …, final recipient] is not allowed, or None.

    BW 3.2: recipient → municipality/association → (member or welfare organisation
    as final recipient); "Die Weitergabe der Zuwendung an weitere Empfänger ist
    ausgeschlossen."
    """
    if not kinds or kinds[0] != COUNTY:
        return "Zuwendungen werden vom Stadt- oder Landkreis als Zuwendungsempfänger weitergegeben (BW 3.1, 3.2)."
    if len(kinds) - 1 > MAX_PASS_THROUGH_STEPS:
        return (
            "Eine Weitergabe über mehr als zwei Stufen unterhalb des Kreises ist ausgeschlossen: "
            "Letztempfänger dürfen die Mittel nicht weitergeben (BW 3.2)."
        )
    for payer, payee in itertools.pairwise(kinds):
        if payee not in MONEY_MAY_FLOW_TO.get(payer, frozenset()):
            return (
                f"Eine Weitergabe von {KIND_LABELS.get(payer, payer)} an "
                f"{KIND_LABELS.get(payee, payee)} ist nicht vorgesehen; "
                "zulässig sind Kreis → Gemeinde/Verbund/Wohlfahrtsträger und "
                "Gemeinde/Verbund → Mitglied oder Wohlfahrtsträger als Letztempfänger (BW 3.2)."
            )
    return None


def child_kind_error(
    parent_kind: str | None, child_kind: str, depth_below_county: int
) -> str | None:
    """Why a node of ``child_kind`` may not hang below ``parent_kind``, or None.

    ``depth_below_county`` is the new node's distance from its county (0 if none).
    """
    if parent_kind is None:
        if child_kind != STATE:
            return "Nur ein Land kann ohne übergeordnete Organisation angelegt werden."
        return None
    if depth_below_county > MAX_PASS_THROUGH_STEPS:
        return (
            "Unterhalb des Kreises sind höchstens zwei Ebenen möglich, weil Zuwendungen "
            "nur zweimal weitergegeben werden dürfen (BW 3.2)."
        )
    if child_kind not in ALLOWED_CHILDREN[parent_kind]:
        if parent_kind == WELFARE:
            return (
                "Ein Träger der freien Wohlfahrtspflege ist Letztempfänger; unter ihm kann "
                "keine weitere Organisation angelegt werden (BW 3.2)."
            )
        return "Diese Art von Organisation kann hier nicht eingeordnet werden."
    return None


@dataclass(frozen=True)
class Period:
    start: date
    end: date | None  # None: open-ended

    def overlaps(self, other: "Period") -> bool:
        self_end = self.end or date.max
        other_end = other.end or date.max
        return self.start <= other_end and other.start <= self_end

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def period_error(start: date | None, end: date | None) -> str | None:
    if start is None:
        return "Bitte ein Anfangsdatum angeben."
    if end is not None and end < start:
        return "Das Enddatum liegt vor dem Anfangsdatum."
    return None
