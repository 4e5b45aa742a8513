"""Marking deadlines done, and sending reminders exactly once (issue 5 item 9)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.accounts.permissions import Role
from lotse.accounts.scope import organisation_ids_for
from lotse.core import clock
from lotse.core.tenancy import Area
from lotse.deadlines.models import DeadlineDone, Reminder
from lotse.deadlines.selectors import Deadline, Level, deadlines_for
from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_record


def parse_key(key: str) -> tuple[int, int, date]:
    """``organisation:deadline:YYYY-MM-DD`` as posted by the worklist."""
    try:
        organisation_id, deadline_id, due = key.split(":")
        return int(organisation_id), int(deadline_id), date.fromisoformat(due)
    except (ValueError, AttributeError) as exc:
        raise RuleViolation(_("Diese Frist gibt es nicht."), "key") from exc


def deadline_mark_done(*, by, key: str, note: str = "", today: date | None = None) -> DeadlineDone:
    """Mark one open deadline done (also before it is due: a proof sent early is done).

    Only deadlines of organisations the by may change (Area.GRANTS write).
    """
    today = today or clock.today()
    organisation_id, deadline_id, due = parse_key(key)
    if organisation_id not in organisation_ids_for(by, Area.GRANTS, write=True):
        raise PermissionDenied
    # The deadline must exist for this organisation (and not be older than the window).
    open_keys = {item.key for item in deadlines_for([organisation_id], today=today, until=due)}
    if key not in open_keys:
        raise RuleViolation(
            _("Diese Frist ist nicht (mehr) offen. Bitte laden Sie die Seite neu."), "key"
        )
    try:
        with transaction.atomic():
            done = DeadlineDone.objects.create(
                organisation_id=organisation_id,
                deadline_id=deadline_id,
                due=due,
                done_on=today,
                by=by,
                note=note[:300],
            )
            audit_record(
                actor=by,
                action=AuditAction.UPDATE,
                object_type="deadlines.deadlinedone",
                object_id=done.pk,
                organisation_id=organisation_id,
                purpose="Frist als erledigt markiert",
            )
    except IntegrityError as exc:
        raise RuleViolation(_("Diese Frist ist schon als erledigt markiert."), "key") from exc
    return done


# --- Reminders -------------------------------------------------------------------------


def lead_days() -> list[int]:
    """Days before a deadline on which a reminder goes out (LOTSE_REMINDER_DAYS, e.g. 30,7)."""
    return sorted({int(day) for day in getattr(settings, "LOTSE_REMINDER_DAYS", [30, 7])})


def applicable_lead(days_left: int, leads: list[int]) -> int | None:
    """The smallest lead time already reached: a run missed on day 30 still sends on day 29."""
    reached = [lead for lead in leads if 0 <= days_left <= lead]
    return min(reached) if reached else None


def _recipients(organisation_ids: set[int], on: date) -> dict[int, list]:
    """Grants officers at the organisation itself, else at its nearest ancestor that has one."""
    from django.db.models import Q

    from lotse.accounts.models import Membership
    from lotse.organisations.models import Organisation

    paths = dict(Organisation.objects.filter(id__in=organisation_ids).values_list("id", "path"))
    chains = {
        organisation_id: [int(part) for part in path.strip("/").split("/") if part][::-1]
        for organisation_id, path in paths.items()
    }
    wanted = {node for chain in chains.values() for node in chain}
    officers: dict[int, list] = {}
    memberships = (
        Membership.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on),
            role=Role.GRANTS_OFFICER,
            organisation_id__in=wanted,
            valid_from__lte=on,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )
    for membership in memberships:
        people = officers.setdefault(membership.organisation_id, [])
        if membership.user not in people:
            people.append(membership.user)
    result = {}
    for organisation_id, chain in chains.items():
        for node in chain:  # self first, then upwards
            if node in officers:
                result[organisation_id] = officers[node]
                break
    return result


def _message(deadline: Deadline) -> tuple[str, str]:
    subject = ngettext(
        "Frist in %(days)s Tag: %(name)s", "Frist in %(days)s Tagen: %(name)s", deadline.days_left
    ) % {"days": deadline.days_left, "name": deadline.name}
    if deadline.days_left == 0:
        subject = _("Frist heute: %(name)s") % {"name": deadline.name}
    base = getattr(settings, "LOTSE_BASE_URL", "").rstrip("/")
    body = "\n".join(
        [
            _("Guten Tag,"),
            "",
            _("diese Frist steht in Lotse an:"),
            "",
            f"{deadline.name} ({deadline.citation})",
            _("Programm: %(programme)s") % {"programme": deadline.programme},
            _("Organisation: %(organisation)s") % {"organisation": deadline.organisation_name},
            ngettext(
                "fällig am %(day)s, noch %(days)s Tag",
                "fällig am %(day)s, noch %(days)s Tage",
                deadline.days_left,
            )
            % {"day": format_date(deadline.due), "days": deadline.days_left},
            "",
            _("Fristenliste: %(url)s") % {"url": f"{base}{reverse('deadlines:worklist')}"},
            "",
            _("Diese Nachricht hat Lotse automatisch geschickt (lotse remind)."),
        ]
    )
    return subject[:200], body


@dataclass
class ReminderRun:
    planned: int = 0
    sent: int = 0
    failed: int = 0
    skipped: int = 0  # claimed by another run


def plan_reminders(*, today: date) -> int:
    """Insert a row for every reminder due today; rows that exist already are left alone."""
    leads = lead_days()
    if not leads:
        return 0
    items = [
        item
        for item in deadlines_for(None, today=today, until=today + timedelta(days=max(leads)))
        if item.level != Level.OVERDUE
    ]
    recipients = _recipients({item.organisation_id for item in items}, today)
    rows = []
    for item in items:
        lead = applicable_lead(item.days_left, leads)
        if lead is None:
            continue
        subject, body = _message(item)
        for person in recipients.get(item.organisation_id, []):
            rows.append(
                Reminder(
                    key=f"deadline:{item.key}:{lead}:{person.pk}",
                    recipient=person,
                    organisation_id=item.organisation_id,
                    subject=subject,
                    body=body,
                    due=item.due,
                )
            )
    before = Reminder.objects.count()
    Reminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return Reminder.objects.count() - before


def reminders_send(*, today: date) -> ReminderRun:
    """Plan, claim and send. Overlapping runs never send one reminder twice.

    The claim is one conditional UPDATE: under PostgreSQL's READ COMMITTED a row
    claimed by a concurrent run no longer matches ``claimed_at IS NULL`` when
    this run's UPDATE reaches it; SQLite serialises writers. A failed send
    releases its claim, so the next run tries again; a run that dies between
    sending and recording leaves the row claimed and unsent, which the command
    reports instead of risking a second e-mail.
    """
    run = ReminderRun(planned=plan_reminders(today=today))
    token = secrets.token_hex(16)
    Reminder.objects.filter(claimed_at__isnull=True, sent_at__isnull=True).update(
        claimed_at=clock.now(), claim=token
    )
    claimed = list(
        Reminder.objects.filter(claim=token, sent_at__isnull=True).select_related("recipient")
    )
    if not claimed:
        return run
    connection = get_connection()
    for reminder in claimed:
        message = EmailMessage(
            subject=reminder.subject,
            body=reminder.body,
            to=[reminder.recipient.email],
            connection=connection,
        )
        try:
            message.send()
        except Exception as exc:  # any transport error: release the claim, try next run
            Reminder.objects.filter(pk=reminder.pk, claim=token).update(
                claimed_at=None, claim="", error=type(exc).__name__[:300]
            )
            run.failed += 1
            continue
        Reminder.objects.filter(pk=reminder.pk, claim=token).update(sent_at=clock.now(), error="")
        run.sent += 1
    return run


def stuck_reminders() -> int:
    """Claimed long ago and never recorded as sent: the operator checks these by hand."""
    return Reminder.objects.filter(
        sent_at__isnull=True,
        claimed_at__lt=clock.now() - timedelta(hours=1),
    ).count()
