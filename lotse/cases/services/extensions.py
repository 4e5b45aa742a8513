"""Extension of the counseling period (BW 4.1.5)."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext

from lotse.accounts.models import User
from lotse.cases.models import (
    Client,
    CounselingExtension,
    Decision,
)
from lotse.cases.permissions import leads_team_of
from lotse.cases.rules.period import (
    Extension,
    ExtensionReason,
    extension_errors,
)
from lotse.cases.services.state import (
    _lock,
    _require_open,
    _require_processing,
    initial_consultation_date,
)
from lotse.cases.translation import translated
from lotse.core import clock
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object


@transaction.atomic
def extension_request(
    *,
    client: Client,
    reason: str,
    justification: str,
    until: date,
    by: User,
    today: date | None = None,
) -> CounselingExtension:
    """A case manager asks for up to one more year (BW 4.1.5); a team lead decides."""
    today = today or clock.today()
    client = _lock(client)
    _require_processing(client)
    _require_open(client)
    initial = initial_consultation_date(client)
    if initial is None:
        raise RuleViolation(
            gettext(
                "Der Beratungszeitraum beginnt mit dem Erstberatungsgespräch; ohne dieses gibt es "
                "nichts zu verlängern (BW 4.1.5)."
            )
        )
    if client.extensions.filter(decision=Decision.PENDING).exists():
        raise RuleViolation(
            gettext(
                "Es liegt bereits ein Antrag auf Verlängerung vor, über den die Teamleitung noch "
                "nicht entschieden hat."
            )
        )
    _check_extension(
        client=client,
        initial=initial,
        reason=reason,
        justification=justification,
        until=until,
        today=today,
    )
    extension = CounselingExtension.objects.create(
        organisation_id=client.organisation_id,
        client=client,
        reason=reason,
        justification=justification.strip(),
        until=until,
        requested_by=by,
        requested_on=today,
    )
    audit_object(
        actor=by, action=AuditAction.CREATE, obj=extension, purpose="Verlängerung beantragt"
    )
    return extension


def _check_extension(
    *, client: Client, initial: date, reason: str, justification: str, until: date, today: date
) -> None:
    try:
        parsed_reason = ExtensionReason(reason) if reason else None
    except ValueError:
        parsed_reason = None
    errors = extension_errors(
        initial=initial,
        extension=Extension(until=until, reason=parsed_reason, justification=justification),
        already_extended=client.extensions.filter(decision=Decision.APPROVED).exists(),
        requested_on=today,
        other_reason_allowed=settings.LOTSE_EXTENSION_OTHER_REASON,
    )
    if errors:
        field, message = next(iter(errors.items()))
        raise RuleViolation(translated(message), None if field == "__all__" else field)


@transaction.atomic
def extension_decide(
    *,
    extension: CounselingExtension,
    approve: bool,
    by: User,
    note: str = "",
    today: date | None = None,
) -> CounselingExtension:
    """The team lead approves or refuses (BW 4.1.5, SPEC §2.3)."""
    today = today or clock.today()
    client = _lock(extension.client)
    extension = CounselingExtension.objects.select_for_update().get(pk=extension.pk)
    if not leads_team_of(by, client.organisation_id):
        raise RuleViolation(
            gettext(
                "Über eine Verlängerung entscheidet die Teamleitung der fallführenden Stelle (BW "
                "4.1.5)."
            )
        )
    if extension.decision != Decision.PENDING:
        raise RuleViolation(
            gettext("Über diesen Antrag wurde bereits entschieden (%(get_decision_display)s).")
            % {"get_decision_display": extension.get_decision_display()}
        )
    if approve:
        _require_processing(client)
        initial = initial_consultation_date(client)
        _check_extension(
            client=client,
            initial=initial,
            reason=extension.reason,
            justification=extension.justification,
            until=extension.until,
            today=extension.requested_on,
        )
    elif not note.strip():
        raise RuleViolation(
            gettext(
                "Anmerkung zur Entscheidung: Bitte begründen, warum die Verlängerung abgelehnt "
                "wird."
            ),
            "decision_note",
        )
    extension.decision = Decision.APPROVED if approve else Decision.REFUSED
    extension.decided_by = by
    extension.decided_on = today
    extension.decision_note = note.strip()
    extension.save()
    audit_object(
        actor=by,
        action=AuditAction.UPDATE,
        obj=extension,
        purpose="Verlängerung genehmigt" if approve else "Verlängerung abgelehnt",
    )
    return extension
