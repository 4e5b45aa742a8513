"""Which required data an open case lacks for the indicators (issue 6 item 4, BW 9.1.9).

A missing gender or year of birth does not stop the report: the person is counted
as "nicht angegeben". The case manager gets a hint on the worklist to fill it in.
An explicit "keine Angabe" is an answer, not a gap.
"""

from __future__ import annotations

GENDER = "gender"
BIRTH_YEAR = "birth_year"

LABELS = {GENDER: "Geschlecht", BIRTH_YEAR: "Geburtsjahr"}


def missing_for_indicators(*, gender: str | None, birth_year: int | None) -> list[str]:
    """The required fields that are empty, in form order."""
    missing = []
    if not gender:
        missing.append(GENDER)
    if not birth_year:
        missing.append(BIRTH_YEAR)
    return missing
