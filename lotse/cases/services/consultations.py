"""Consultations; the first is the initial one (BW 4.1.4 a, 4.1.5)."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils.translation import gettext

from lotse.accounts.models import User
from lotse.cases.models import (
    Client,
    Consultation,
    ConsultationTopic,
)
from lotse.cases.rules.period import (
    consultation_date_error,
    initial_consultation_date_error,
)
from lotse.cases.services.state import (
    _lock,
    _require_open,
    _require_processing,
    approved_extension,
    initial_consultation_date,
)
from lotse.cases.translation import translated
from lotse.core import clock
from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object


@transaction.atomic
def consultation_record(
    *,
    client: Client,
    held_on: date,
    duration_minutes: int,
    channel: str,
    by: User,
    place: str = "",
    language: str = "",
    interpreter: bool = False,
    topics: Iterable[ConsultationTopic] = (),
    notes: str = "",
    next_steps: str = "",
    next_appointment: date | None = None,
    today: date | None = None,
) -> Consultation:
    """Record a consultation. The first is the initial consultation, the needs
    assessment (BW 4.1.4 a), and starts the counseling period (BW 4.1.5)."""
    today = today or clock.today()
    client = _lock(client)
    _require_processing(client)
    _require_open(client)
    initial = initial_consultation_date(client)
    if initial is None:
        first_followup = (
            client.consultations.order_by("held_on").values_list("held_on", flat=True).first()
        )
        error = initial_consultation_date_error(
            day=held_on, today=today, first_followup=first_followup
        )
    else:
        error = consultation_date_error(
            day=held_on, initial=initial, today=today, extension=approved_extension(client)
        )
    if error:
        raise RuleViolation(translated(error), "held_on")
    if not 1 <= duration_minutes <= 600:
        raise RuleViolation(
            gettext("Dauer in Minuten: Bitte eine Dauer zwischen 1 und 600 Minuten angeben."),
            "duration_minutes",
        )
    if next_appointment is not None and next_appointment < held_on:
        raise RuleViolation(
            gettext(
                "Nächster Termin: Der %(next_appointment)s liegt vor dem Gespräch am %(held_on)s."
            )
            % {"next_appointment": format_date(next_appointment), "held_on": format_date(held_on)},
            "next_appointment",
        )
    consultation = Consultation.objects.create(
        organisation_id=client.organisation_id,
        client=client,
        is_initial=initial is None,
        held_on=held_on,
        duration_minutes=duration_minutes,
        place=place.strip(),
        channel=channel,
        language=language.strip(),
        interpreter=interpreter,
        notes=notes,
        next_steps=next_steps,
        next_appointment=next_appointment,
        recorded_by=by,
    )
    consultation.topics.set(topics)
    audit_object(
        actor=by,
        action=AuditAction.CREATE,
        obj=consultation,
        purpose="Erstberatungsgespräch erfasst" if consultation.is_initial else "Gespräch erfasst",
    )
    return consultation
