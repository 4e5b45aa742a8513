"""Re-assessment and outcome monitoring (KIM §3(2)c: "fallbezogenes Re-Assessment und
Ergebnis-Monitoring"). Pure Python.

KIM names the duty but no scale or rhythm. Lotse rates each life area on a five-step
scale, at the start and now, and schedules the next review a settable number of
months after the last one (or after the initial consultation).
"""

from collections.abc import Iterable
from datetime import date

from lotse.kernel.dates import add_months, format_date
from lotse.kernel.messages import Message, gettext_noop

# The situation in a life area, 1 (worst) to 5 (best).
SCALE: dict[int, str] = {
    1: "1 – akuter Handlungsbedarf",
    2: "2 – deutlicher Unterstützungsbedarf",
    3: "3 – teilweise selbstständig, Unterstützung nötig",
    4: "4 – weitgehend selbstständig",
    5: "5 – selbstständig, kein Bedarf",
}


def next_reassessment_on(*, initial: date, last: date | None, months: int) -> date:
    """KIM §3(2)c: due ``months`` after the last re-assessment, or after the initial
    consultation (BW 4.1.4 a, the first needs assessment) if there was none."""
    return add_months(last or initial, months)


def reassessment_due_since(
    *, today: date, initial: date | None, last: date | None, months: int
) -> date | None:
    if initial is None:
        return None
    due = next_reassessment_on(initial=initial, last=last, months=months)
    return due if due <= today else None


def ratings_error(
    ratings: Iterable[tuple[str, str, int | None, int | None]],
) -> tuple[str | None, str] | None:
    """(field, German message) for incomplete or out-of-scale ratings, or None.

    ``ratings``: (field prefix, life area label, at start, now) per life area.
    """
    rated = 0
    for prefix, area, start, now in ratings:
        if start is None and now is None:
            continue
        for field, value in ((f"{prefix}_start", start), (f"{prefix}_now", now)):
            if value is None:
                return (
                    field,
                    Message(
                        gettext_noop(
                            "{area}: Bitte die Lage zu Beginn und heute einschätzen, nicht nur "
                            "eine davon (KIM §3(2)c)."
                        ),
                        area=area,
                    ),
                )
            if value not in SCALE:
                return (
                    field,
                    Message(
                        gettext_noop("{area}: Bitte eine Stufe von 1 bis 5 wählen."), area=area
                    ),
                )
        rated += 1
    if not rated:
        return (
            None,
            Message(
                gettext_noop(
                    "Bitte mindestens einen Lebensbereich einschätzen (KIM §3(2)c: Re-Assessment)."
                )
            ),
        )
    return None


def reassessment_date_error(*, day: date, today: date, initial: date | None) -> str | None:
    if initial is None:
        return Message(
            gettext_noop(
                "Datum: Ein Re-Assessment setzt das Erstberatungsgespräch voraus, die erste "
                "Bedarfsermittlung (BW 4.1.4 a)."
            )
        )
    if day > today:
        return Message(gettext_noop("Datum: Der {day} liegt in der Zukunft."), day=format_date(day))
    if day < initial:
        return Message(
            gettext_noop(
                "Datum: Der {day} liegt vor dem Erstberatungsgespräch am {initial} (BW 4.1.4 a)."
            ),
            day=format_date(day),
            initial=format_date(initial),
        )
    return None
