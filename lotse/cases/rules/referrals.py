"""Referral outcomes (KIM §3(2)d: continuous monitoring of referral results;
BW 4.1.4 c–d: passing on to mainstream services and civil society). Pure Python.
"""

from datetime import date, timedelta
from enum import StrEnum

from lotse.kernel.dates import format_date
from lotse.kernel.messages import Message, gettext_noop, label


class ReferralStatus(StrEnum):
    SENT = "sent"
    ACCEPTED = "accepted"
    WAITING = "waiting"
    DECLINED = "declined"
    NO_SHOW = "no_show"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    ReferralStatus.SENT: gettext_noop("vermittelt"),
    ReferralStatus.ACCEPTED: gettext_noop("angenommen"),
    ReferralStatus.WAITING: gettext_noop("Warteliste"),
    ReferralStatus.DECLINED: gettext_noop("abgelehnt"),
    ReferralStatus.NO_SHOW: gettext_noop("nicht wahrgenommen"),
    ReferralStatus.COMPLETED: gettext_noop("abgeschlossen"),
}

# Still without a result: the service has not answered, or the client waits for a place.
WITHOUT_OUTCOME = frozenset({ReferralStatus.SENT, ReferralStatus.WAITING})
# A result that ends the referral; only reopening (with a note) leads on.
FINAL = frozenset({ReferralStatus.DECLINED, ReferralStatus.NO_SHOW, ReferralStatus.COMPLETED})

NEXT = {
    ReferralStatus.SENT: frozenset(ReferralStatus) - {ReferralStatus.SENT},
    ReferralStatus.WAITING: frozenset(
        {
            ReferralStatus.ACCEPTED,
            ReferralStatus.DECLINED,
            ReferralStatus.NO_SHOW,
            ReferralStatus.COMPLETED,
        }
    ),
    ReferralStatus.ACCEPTED: frozenset(
        {ReferralStatus.DECLINED, ReferralStatus.NO_SHOW, ReferralStatus.COMPLETED}
    ),
}


def status_change_error(
    *, current: ReferralStatus, new: ReferralStatus, on: date, since: date, today: date
) -> tuple[str, str] | None:
    """(field, German message) if the referral cannot move from ``current`` to ``new``
    on ``on``; ``since`` is the date of the current status."""
    if current in FINAL:
        return (
            "status",
            Message(
                gettext_noop(
                    "Status: Die Vermittlung ist bereits „{status}“; sie kann nur mit einer "
                    "Notiz wiedereröffnet werden (KIM §3(2)d)."
                ),
                status=label(current.label),
            ),
        )
    if new not in NEXT.get(current, frozenset()):
        return (
            "status",
            Message(
                gettext_noop("Status: Von „{current}“ geht es nicht zu „{new}“."),
                current=label(current.label),
                new=label(new.label),
            ),
        )
    if on > today:
        return (
            "on",
            Message(gettext_noop("Datum: Der {day} liegt in der Zukunft."), day=format_date(on)),
        )
    if on < since:
        return (
            "on",
            Message(
                gettext_noop("Datum: Der {day} liegt vor dem letzten Stand vom {since}."),
                day=format_date(on),
                since=format_date(since),
            ),
        )
    return None


def referral_date_error(*, referred_on: date, today: date, initial: date | None) -> str | None:
    """German message for an impossible referral date, or None."""
    if referred_on > today:
        return Message(
            gettext_noop("Datum der Vermittlung: Der {day} liegt in der Zukunft."),
            day=format_date(referred_on),
        )
    if initial is not None and referred_on < initial:
        return Message(
            gettext_noop(
                "Datum der Vermittlung: Der {day} liegt vor dem "
                "Erstberatungsgespräch am {initial} (BW 4.1.4 a, c)."
            ),
            day=format_date(referred_on),
            initial=format_date(initial),
        )
    return None


def outcome_overdue(
    *, status: ReferralStatus, open_since: date, today: date, weeks: int
) -> date | None:
    """The day a referral without a result is due on the worklist, if that day has come
    (KIM §3(2)d: continuous monitoring of referral results)."""
    if status not in WITHOUT_OUTCOME:
        return None
    due = open_since + timedelta(weeks=weeks)
    return due if due <= today else None
