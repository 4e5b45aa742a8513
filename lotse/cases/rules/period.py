"""The counseling period, the integration plan deadline and impossible dates.

Pure functions over ``date`` values; the Django layer loads the case, calls
these, and shows the German message next to the named field. "Today" is always
passed in (STYLE: time is explicit).

BW 4.1.5: "Die Integrationsmanagerinnen und Integrationsmanager beraten die
Geflüchteten jeweils über einen Zeitraum von maximal drei Jahren nach dem ersten
Beratungsgespräch. In begründeten Einzelfällen, insbesondere bei
Analphabetismus, nachgewiesenen psychischen Erkrankungen, chronischen
Erkrankungen und Behinderungen sowie Multiproblemlagen […] kann der
Beratungszeitraum um bis zu einem weiteren Jahr verlängert werden."

How the period is counted (see dates.py): "nach dem ersten Beratungsgespräch"
is a period that starts with an event, so the day of the initial consultation
is not counted and the period ends with the day bearing the same date three
years later (§§ 187 (1), 188 (2) BGB): initial consultation 15.03.2024 → last
day of counseling 15.03.2027. From 29 February the period ends on 28 February
(§ 188 (3) BGB). An extension runs on from the end of the regular period
(§ 190 BGB), so "up to one further year" ends at the latest on the same date
one year after the regular end: 29.02.2024 → 28.02.2027 → at most 28.02.2028.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from lotse.cases.rules.dates import PartialDate
from lotse.kernel.dates import add_years, format_date
from lotse.kernel.messages import Message, gettext_noop, label

# BW 4.1.5: "maximal drei Jahren nach dem ersten Beratungsgespräch".
PERIOD_YEARS = 3
# BW 4.1.5: "um bis zu einem weiteren Jahr verlängert".
MAX_EXTENSION_YEARS = 1
# SPEC §2.4: the worklist warns this many days before the period ends.
ENDING_SOON_DAYS = 90
# Plausibility, not law: nobody counselled is older than this.
OLDEST_PLAUSIBLE_AGE = 120


class ExtensionReason(StrEnum):
    """Why a counseling period may be extended (BW 4.1.5).

    The source lists the five reasons after "insbesondere", so the list is not
    exhaustive: OTHER is a sixth choice that the Django layer offers only when
    the setting for it is on (``other_reason_allowed``).
    """

    ILLITERACY = "illiteracy"
    MENTAL_ILLNESS = "mental_illness"
    CHRONIC_ILLNESS = "chronic_illness"
    DISABILITY = "disability"
    MULTIPLE_PROBLEMS = "multiple_problems"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _REASON_LABELS[self]


# Marked for translation; the model's choices translate them where they are shown.
_REASON_LABELS = {
    ExtensionReason.ILLITERACY: gettext_noop("Analphabetismus"),
    ExtensionReason.MENTAL_ILLNESS: gettext_noop("Nachgewiesene psychische Erkrankung"),
    ExtensionReason.CHRONIC_ILLNESS: gettext_noop("Chronische Erkrankung"),
    ExtensionReason.DISABILITY: gettext_noop("Behinderung"),
    ExtensionReason.MULTIPLE_PROBLEMS: gettext_noop(
        "Multiproblemlage (Häufung sozialer, psychischer, medizinischer "
        "beziehungsweise ökonomischer Probleme)"
    ),
    ExtensionReason.OTHER: gettext_noop("Anderer begründeter Einzelfall"),
}

# BW 4.1.5: the reasons the source names.
LISTED_REASONS = frozenset(ExtensionReason) - {ExtensionReason.OTHER}


@dataclass(frozen=True, slots=True)
class Extension:
    """An extension of the counseling period: the new last day, why, and in words why.

    Only an approved extension is passed to :func:`period_end`; the approval
    (team lead, SPEC §2.3) is the Django layer's business.
    """

    until: date
    reason: ExtensionReason | None
    justification: str


def regular_period_end(*, initial: date) -> date:
    """Last day of counseling without extension (BW 4.1.5; counted as in the module docstring)."""
    return add_years(initial, PERIOD_YEARS)


def latest_extension_end(*, initial: date) -> date:
    """The furthest an extension may reach: one year after the regular end (BW 4.1.5, § 190 BGB)."""
    return add_years(regular_period_end(initial=initial), MAX_EXTENSION_YEARS)


def period_end(*, initial: date, extension: Extension | None = None) -> date:
    """Last day on which counseling may take place (BW 4.1.5).

    An extension can only lengthen the period and never beyond one further
    year; an out-of-range ``until`` is clamped here and refused by
    :func:`extension_errors`.
    """
    end = regular_period_end(initial=initial)
    if extension is None:
        return end
    return min(max(extension.until, end), latest_extension_end(initial=initial))


def extension_errors(
    *,
    initial: date,
    extension: Extension,
    already_extended: bool = False,
    requested_on: date | None = None,
    other_reason_allowed: bool = True,
) -> dict[str, str]:
    """What is wrong with a requested extension, by field (``until``, ``reason``,
    ``justification``, ``__all__`` for the case as a whole); empty if it may be approved.

    BW 4.1.5: once ("um bis zu einem weiteren Jahr"; SPEC §2.3 "extendable
    once"), by at most one year, in a justified individual case. An extension
    must be asked for while the period runs (our choice: an ended period is
    due for closure, SPEC §2.3).
    """
    errors: dict[str, str] = {}
    regular_end = regular_period_end(initial=initial)
    latest = latest_extension_end(initial=initial)
    if already_extended:
        errors["__all__"] = Message(
            gettext_noop(
                "Der Beratungszeitraum wurde bereits verlängert; eine zweite Verlängerung "
                "ist nicht möglich (BW 4.1.5)."
            )
        )
    elif requested_on is not None and requested_on > regular_end:
        errors["__all__"] = Message(
            gettext_noop(
                "Der Beratungszeitraum endete am {end}; eine Verlängerung "
                "muss vor seinem Ende beantragt werden (BW 4.1.5)."
            ),
            end=format_date(regular_end),
        )
    if extension.reason is None:
        errors["reason"] = Message(
            gettext_noop(
                "Grund: Bitte einen Grund für die Verlängerung auswählen, zum Beispiel "
                "Analphabetismus oder eine Multiproblemlage (BW 4.1.5)."
            )
        )
    elif extension.reason not in LISTED_REASONS and not other_reason_allowed:
        listed = tuple(
            label(reason.label) for reason in ExtensionReason if reason in LISTED_REASONS
        )
        errors["reason"] = Message(
            gettext_noop(
                "Grund: Verlängert werden kann nur aus einem dieser Gründe: {listed} (BW 4.1.5)."
            ),
            listed=listed,
        )
    if not extension.justification.strip():
        errors["justification"] = Message(
            gettext_noop(
                "Begründung: Bitte begründen, warum der Einzelfall eine Verlängerung "
                "erfordert (BW 4.1.5: „in begründeten Einzelfällen“)."
            )
        )
    if extension.until <= regular_end:
        errors["until"] = Message(
            gettext_noop(
                "Verlängert bis: Das Datum muss nach dem regulären Ende des "
                "Beratungszeitraums am {end} liegen (BW 4.1.5)."
            ),
            end=format_date(regular_end),
        )
    elif extension.until > latest:
        errors["until"] = Message(
            gettext_noop(
                "Verlängert bis: Der Beratungszeitraum kann um höchstens ein Jahr verlängert "
                "werden, also längstens bis zum {latest} (BW 4.1.5)."
            ),
            latest=format_date(latest),
        )
    return errors


def extension_error(
    *,
    initial: date,
    extension: Extension,
    already_extended: bool = False,
    requested_on: date | None = None,
    other_reason_allowed: bool = True,
) -> str | None:
    """The first reason a requested extension is refused, or None (BW 4.1.5)."""
    errors = extension_errors(
        initial=initial,
        extension=extension,
        already_extended=already_extended,
        requested_on=requested_on,
        other_reason_allowed=other_reason_allowed,
    )
    return next(iter(errors.values()), None)


def consultation_allowed_on(
    *, day: date, initial: date, extension: Extension | None = None
) -> str | None:
    """Why no consultation can be recorded for ``day``, or None (BW 4.1.5).

    The consultation's own date counts, not the day it is typed in: a talk held
    on the last day may still be entered afterwards.
    """
    end = period_end(initial=initial, extension=extension)
    if day > end:
        return Message(
            gettext_noop(
                "Der Beratungszeitraum endete am {end}; es kann kein Gespräch "
                "mehr erfasst werden (BW 4.1.5)."
            ),
            end=format_date(end),
        )
    return None


def period_ended(*, today: date, initial: date, extension: Extension | None = None) -> bool:
    """Whether the case is due for closure because its period is over (BW 4.1.5, SPEC §2.3)."""
    return today > period_end(initial=initial, extension=extension)


def days_left(*, today: date, initial: date, extension: Extension | None = None) -> int:
    """Days of counseling left after today (0 on the last day, negative once ended)."""
    return (period_end(initial=initial, extension=extension) - today).days


def ends_within(
    *,
    today: date,
    initial: date,
    extension: Extension | None = None,
    days: int = ENDING_SOON_DAYS,
) -> bool:
    """Whether the period is still running but ends within ``days`` days (SPEC §2.4
    worklist; BW 4.1.5). An ended period is not "ending": see :func:`period_ended`."""
    return 0 <= days_left(today=today, initial=initial, extension=extension) <= days


def plan_due_on(*, consultation_dates: Iterable[date]) -> date | None:
    """The day the integration plan is due: the second consultation (BW 4.1.4 f:
    "spätestens im Rahmen des zweiten Beratungsgesprächs").

    ``consultation_dates`` includes the initial consultation, which is the
    "erste Beratungsgespräch" of BW 4.1.5. Two consultations on one day are two.
    """
    ordered = sorted(consultation_dates)
    return ordered[1] if len(ordered) >= 2 else None


def plan_due(*, consultation_dates: Iterable[date], plan_exists: bool) -> bool:
    """Whether the worklist shows the red "Integrationsplan fehlt" item (BW 4.1.4 f):
    a second consultation has been recorded and there is no plan yet."""
    return not plan_exists and plan_due_on(consultation_dates=consultation_dates) is not None


# Impossible dates. Each returns a German message that names the field, or None.


def consultation_date_error(
    *, day: date, initial: date, today: date, extension: Extension | None = None
) -> str | None:
    """Why ``day`` cannot be the date of a (follow-up) consultation, or None."""
    if day > today:
        return Message(
            gettext_noop(
                "Datum: Das Gespräch am {day} liegt in der Zukunft; erfasst werden "
                "nur geführte Gespräche (für Termine: „Nächster Termin“)."
            ),
            day=format_date(day),
        )
    if day < initial:
        return Message(
            gettext_noop(
                "Datum: Das Gespräch am {day} liegt vor dem Erstberatungsgespräch "
                "am {initial}, mit dem die Beratung beginnt (BW 4.1.4 a, 4.1.5)."
            ),
            day=format_date(day),
            initial=format_date(initial),
        )
    allowed = consultation_allowed_on(day=day, initial=initial, extension=extension)
    return Message(gettext_noop("Datum: {reason}"), reason=allowed) if allowed else None


def initial_consultation_date_error(
    *, day: date, today: date, first_followup: date | None = None
) -> str | None:
    """Why ``day`` cannot be the date of the initial consultation, or None."""
    if day > today:
        return Message(
            gettext_noop(
                "Datum des Erstberatungsgesprächs: Der {day} liegt in der Zukunft; "
                "erfasst werden nur geführte Gespräche."
            ),
            day=format_date(day),
        )
    if first_followup is not None and first_followup < day:
        return Message(
            gettext_noop(
                "Datum des Erstberatungsgesprächs: Es gibt bereits ein Gespräch am "
                "{followup}; das Erstberatungsgespräch kann nicht danach "
                "liegen (BW 4.1.4 a)."
            ),
            followup=format_date(first_followup),
        )
    return None


def plan_review_date_error(*, review: date, plan_start: date) -> str | None:
    """Why ``review`` cannot be the date of a plan review, or None (BW 4.1.4 g, 4.1.6.2 g)."""
    if review < plan_start:
        return Message(
            gettext_noop(
                "Überprüfungsdatum: Die Überprüfung am {review} liegt vor dem "
                "Beginn des Integrationsplans am {start} (BW 4.1.6.2 g)."
            ),
            review=format_date(review),
            start=format_date(plan_start),
        )
    return None


def birth_date_error(*, birth: PartialDate, today: date) -> str | None:
    """Why ``birth`` cannot be a client's date of birth, or None.

    A partial date is in the future only if all of it is (the current year is
    fine in January); the upper age bound is plausibility, not law.
    """
    if birth.earliest() > today:
        return Message(
            gettext_noop("Geburtsdatum: Der Wert {birth} liegt in der Zukunft."), birth=str(birth)
        )
    if birth.age_range_on(today)[0] > OLDEST_PLAUSIBLE_AGE:
        return Message(
            gettext_noop(
                "Geburtsdatum: Der Wert {birth} liegt mehr als {years} Jahre zurück; bitte prüfen."
            ),
            birth=str(birth),
            years=OLDEST_PLAUSIBLE_AGE,
        )
    return None
