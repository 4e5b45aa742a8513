"""Closing and reopening a case (SPEC §2.2 no. 7; issue 3 item 9)."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext

from lotse.accounts.models import User
from lotse.cases.models import (
    Client,
    Closure,
    ClosureReason,
)
from lotse.cases.permissions import leads_team_of
from lotse.cases.rules.period import (
    period_end,
)
from lotse.cases.services.state import (
    _lock,
    approved_extension,
    initial_consultation_date,
    open_closure,
)
from lotse.core import clock
from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object


@transaction.atomic
def case_close(
    *,
    client: Client,
    reason: ClosureReason,
    closed_on: date,
    by: User,
    today: date | None = None,
) -> Closure:
    """Close a case with a reason from the catalogue (SPEC §2.2 no. 7)."""
    today = today or clock.today()
    client = _lock(client)
    closure = open_closure(client)
    if closure is not None:
        raise RuleViolation(
            gettext("Der Fall ist bereits seit dem %(closed_on)s abgeschlossen.")
            % {"closed_on": format_date(closure.closed_on)}
        )
    if closed_on > today:
        raise RuleViolation(
            gettext("Abgeschlossen am: Der %(closed_on)s liegt in der Zukunft.")
            % {"closed_on": format_date(closed_on)},
            "closed_on",
        )
    last = client.consultations.order_by("-held_on").values_list("held_on", flat=True).first()
    if last is not None and closed_on < last:
        raise RuleViolation(
            gettext(
                "Abgeschlossen am: Das letzte Gespräch war am %(last)s; der Abschluss kann nicht "
                "davor liegen."
            )
            % {"last": format_date(last)},
            "closed_on",
        )
    closure = Closure.objects.create(
        organisation_id=client.organisation_id,
        client=client,
        reason=reason,
        closed_on=closed_on,
        closed_by=by,
    )
    audit_object(actor=by, action=AuditAction.CREATE, obj=closure, purpose="Fall abgeschlossen")
    return closure


@transaction.atomic
def case_reopen(*, closure: Closure, by: User, today: date | None = None) -> Closure:
    """A team lead reopens a closed case while its counseling period runs (issue 3 item 9)."""
    today = today or clock.today()
    client = _lock(closure.client)
    closure = Closure.objects.select_for_update().get(pk=closure.pk)
    if not leads_team_of(by, client.organisation_id):
        raise RuleViolation(
            gettext("Einen abgeschlossenen Fall kann nur die Teamleitung wiedereröffnen.")
        )
    if closure.reopened_on is not None:
        raise RuleViolation(gettext("Dieser Abschluss wurde bereits aufgehoben."))
    if client.restricted_on is not None:
        raise RuleViolation(
            gettext(
                "Die Einwilligung wurde widerrufen; der Fall kann nicht wiedereröffnet werden "
                "(Art. 7 Abs. 3 DSGVO)."
            )
        )
    initial = initial_consultation_date(client)
    if initial is not None:
        end = period_end(initial=initial, extension=approved_extension(client))
        if today > end:
            raise RuleViolation(
                gettext(
                    "Der Beratungszeitraum endete am %(end)s; ein abgeschlossener Fall kann nur "
                    "innerhalb des Beratungszeitraums wiedereröffnet werden (BW 4.1.5)."
                )
                % {"end": format_date(end)}
            )
    closure.reopened_on = today
    closure.reopened_by = by
    closure.save(update_fields=["reopened_on", "reopened_by"])
    audit_object(actor=by, action=AuditAction.UPDATE, obj=closure, purpose="Fall wiedereröffnet")
    return closure
