"""The integration plan's rules (BW 4.1.4 f–g, 4.1.6.2, 4.1.6.3): pure Python.

The plan has seven minimum contents a–g (BW 4.1.6.2). Plans written before the
regulation may still be used but missing contents must be added (BW 4.1.6.3),
so the case page always shows which letters are still empty.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from lotse.cases.rules.period import plan_review_date_error
from lotse.kernel.dates import format_date
from lotse.kernel.messages import Message, gettext_noop, label

# BW 4.1.6.2 a–g, in the words of the regulation.
SECTIONS: dict[str, str] = {
    "a": "a) Persönliche Angaben",
    "b": "b) Sprachkompetenz",
    "c": "c) Bildung und Ausbildung",
    "d": "d) Arbeitssituation",
    "e": "e) Wohnsituation",
    "f": "f) Schritte im Integrationsprozess, konkrete Ziele und deren Erfüllung",
    "g": "g) Beginn, Verlaufsstand und Beendigung des Integrationsplans",
}


@dataclass(frozen=True)
class PlanContents:
    """What is filled in, as plain values (the Django layer fills it from the rows)."""

    personal: str = ""
    language_level: str = ""
    language: str = ""
    education: str = ""
    work: str = ""
    housing: str = ""
    # One (goal text, steps text) pair per goal.
    goals: tuple[tuple[str, str], ...] = ()
    started_on: date | None = None
    progress: str = ""


def _filled(text: str) -> bool:
    return bool(text and text.strip())


def missing_sections(contents: PlanContents) -> list[str]:
    """The letters of BW 4.1.6.2 that are still empty, in order (BW 4.1.6.3: to be completed).

    f needs at least one goal with its steps; g needs the start date and a
    progress status (the end is recorded when the plan ends).
    """
    filled = {
        "a": _filled(contents.personal),
        "b": _filled(contents.language_level) or _filled(contents.language),
        "c": _filled(contents.education),
        "d": _filled(contents.work),
        "e": _filled(contents.housing),
        "f": any(_filled(goal) and _filled(steps) for goal, steps in contents.goals),
        "g": contents.started_on is not None and _filled(contents.progress),
    }
    return [letter for letter in SECTIONS if not filled[letter]]


def plan_dates_error(
    *,
    started_on: date,
    today: date,
    review_on: date | None,
    ended_on: date | None,
) -> tuple[str, str] | None:
    """(field, German message) for impossible plan dates, or None (BW 4.1.6.2 g)."""
    if started_on > today:
        return (
            "started_on",
            Message(
                gettext_noop(
                    "Beginn des Plans: Der {day} liegt in der Zukunft; der Plan beginnt, wenn "
                    "er mit der Klientin oder dem Klienten erstellt wird (BW 4.1.6.2 g)."
                ),
                day=format_date(started_on),
            ),
        )
    if review_on is not None:
        review_error = plan_review_date_error(review=review_on, plan_start=started_on)
        if review_error:
            return ("review_on", review_error)
    if ended_on is not None and ended_on < started_on:
        return (
            "ended_on",
            Message(
                gettext_noop(
                    "Beendigung des Plans: Der {day} liegt vor dem Beginn am {start} "
                    "(BW 4.1.6.2 g)."
                ),
                day=format_date(ended_on),
                start=format_date(started_on),
            ),
        )
    if ended_on is not None and ended_on > today:
        return (
            "ended_on",
            Message(
                gettext_noop(
                    "Beendigung des Plans: Der {day} liegt in der Zukunft; "
                    "eingetragen wird die tatsächliche Beendigung (BW 4.1.6.2 g)."
                ),
                day=format_date(ended_on),
            ),
        )
    return None


def goal_dates_error(
    *, plan_started_on: date, due_on: date | None, review_on: date | None
) -> tuple[str, str] | None:
    """(field, German message) for a goal dated before its plan began, or None."""
    for field, field_label, day in (
        ("due_on", label(gettext_noop("Zieldatum")), due_on),
        ("review_on", label(gettext_noop("Überprüfung am")), review_on),
    ):
        if day is not None and day < plan_started_on:
            return (
                field,
                Message(
                    gettext_noop(
                        "{field}: Der {day} liegt vor dem Beginn des Integrationsplans am "
                        "{start} (BW 4.1.6.2 f–g)."
                    ),
                    field=field_label,
                    day=format_date(day),
                    start=format_date(plan_started_on),
                ),
            )
    return None


def review_overdue_since(
    *, today: date, review_dates: Iterable[date | None], ended: bool
) -> date | None:
    """The earliest review date that has passed, or None (BW 4.1.4 g: plans are reviewed
    and carried forward in regular consultations). An ended plan is not reviewed."""
    if ended:
        return None
    passed = [day for day in review_dates if day is not None and day < today]
    return min(passed) if passed else None


def changed_fields(before: Mapping[str, object], after: Mapping[str, object]) -> list[str]:
    """Keys whose values differ between two snapshots, in the order of ``after``."""
    keys = list(after) + [key for key in before if key not in after]
    return [key for key in keys if before.get(key) != after.get(key)]
