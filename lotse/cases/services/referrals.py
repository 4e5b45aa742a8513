"""Referrals to mainstream services with their results (BW 4.1.4 c–d, KIM §3(2)d).

A referral passes the client's data to another body, so the consent must cover
that kind of service (BW 4.1.6.2: no passing on beyond the purpose).
"""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext

from lotse.accounts.models import User
from lotse.cases.models import (
    Client,
    Consent,
    PlanGoal,
    Referral,
    ReferralEvent,
    Service,
)
from lotse.cases.rules.referrals import (
    FINAL,
    ReferralStatus,
    referral_date_error,
    status_change_error,
)
from lotse.cases.services.state import (
    _lock,
    _require_open,
    _require_processing,
    initial_consultation_date,
)
from lotse.cases.translation import translated
from lotse.core import clock
from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object


def consent_covers_service(consent: Consent, service: Service) -> bool:
    return consent.purposes.filter(service_kinds=service.kind_id).exists()


def _require_cover(consent: Consent, service: Service) -> None:
    """BW 4.1.6.2, BW 4.1.4 c: a referral only with a consent to passing data to that kind."""
    if consent_covers_service(consent, service):
        return
    purposes = ", ".join(
        f"„{label}“" for label in service.kind.purposes.values_list("label", flat=True)
    )
    need = f" Nötig ist der Zweck {purposes}." if purposes else ""
    raise RuleViolation(
        gettext(
            "Ziel: Die Einwilligung vom %(given_on)s deckt keine Weitergabe von Angaben an "
            "„%(kind)s“ wie %(service)s.%(need)s Ohne diese Einwilligung ist keine Vermittlung mit "
            "Weitergabe von Angaben möglich (BW 4.1.6.2, KIM §3(2)d); bitte zuerst eine neue "
            "Einwilligung erfassen."
        )
        % {
            "given_on": format_date(consent.given_on),
            "kind": service.kind.label,
            "service": service.label,
            "need": need,
        },
        "service",
    )


def _require_offered(client: Client, service: Service) -> None:
    """Only an active service that applies to the case's region (issue 3 item 5)."""
    offered = (
        Service.objects.filter(pk=service.pk, active=True)
        .available_at(client.organisation, client.municipality)
        .exists()
    )
    if not offered:
        raise RuleViolation(
            gettext(
                "Ziel: „%(service)s“ wird für die Region dieses Falls nicht angeboten oder ist "
                "nicht mehr auswählbar. Bitte ein Ziel aus der Liste wählen."
            )
            % {"service": service.label},
            "service",
        )


def _lock_referral(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().get(pk=referral.pk)


@transaction.atomic
def referral_create(
    *,
    client: Client,
    service: Service,
    referred_on: date,
    reason: str,
    by: User,
    goal: PlanGoal | None = None,
    today: date | None = None,
) -> Referral:
    """Refer the client to a service (BW 4.1.4 c–d); its result is monitored (KIM §3(2)d)."""
    today = today or clock.today()
    client = _lock(client)
    consent = _require_processing(client, field="service")
    _require_open(client)
    if not reason.strip():
        raise RuleViolation(gettext("Anlass: Bitte angeben, wozu vermittelt wird."), "reason")
    error = referral_date_error(
        referred_on=referred_on, today=today, initial=initial_consultation_date(client)
    )
    if error:
        raise RuleViolation(translated(error), "referred_on")
    if goal is not None and goal.plan.client_id != client.pk:
        raise RuleViolation(
            gettext("Ziel im Integrationsplan: Das Ziel gehört nicht zu diesem Fall."), "goal"
        )
    _require_offered(client, service)
    _require_cover(consent, service)
    referral = Referral.objects.create(
        organisation_id=client.organisation_id,
        client=client,
        service=service,
        referred_on=referred_on,
        reason=reason.strip(),
        goal=goal,
        status=ReferralStatus.SENT,
        status_on=referred_on,
        open_since=referred_on,
        recorded_by=by,
    )
    ReferralEvent.objects.create(
        organisation_id=client.organisation_id,
        referral=referral,
        status=ReferralStatus.SENT,
        on=referred_on,
        by=by,
    )
    audit_object(actor=by, action=AuditAction.CREATE, obj=referral, purpose="Vermittlung erfasst")
    return referral


@transaction.atomic
def referral_status_update(
    *,
    referral: Referral,
    status: str,
    on: date,
    by: User,
    note: str = "",
    today: date | None = None,
) -> Referral:
    """Record the next status and its date; the note of a final status is the outcome."""
    today = today or clock.today()
    client = _lock(referral.client)
    _require_processing(client, field="status")
    _require_open(client)
    referral = _lock_referral(referral)
    error = status_change_error(
        current=ReferralStatus(referral.status),
        new=ReferralStatus(status),
        on=on,
        since=referral.status_on,
        today=today,
    )
    if error:
        raise RuleViolation(translated(error[1]), error[0])
    referral.status = status
    referral.status_on = on
    if note.strip() and ReferralStatus(status) in FINAL:
        referral.outcome = note.strip()
    referral.save(update_fields=["status", "status_on", "outcome"])
    ReferralEvent.objects.create(
        organisation_id=referral.organisation_id,
        referral=referral,
        status=status,
        on=on,
        note=note.strip(),
        by=by,
    )
    audit_object(actor=by, action=AuditAction.UPDATE, obj=referral, purpose="Stand der Vermittlung")
    return referral


@transaction.atomic
def referral_reopen(
    *, referral: Referral, note: str, on: date, by: User, today: date | None = None
) -> Referral:
    """Reopen a referral with a result, with a note why; it waits for a result again."""
    today = today or clock.today()
    client = _lock(referral.client)
    _require_processing(client, field="note")
    _require_open(client)
    referral = _lock_referral(referral)
    if ReferralStatus(referral.status) not in FINAL:
        raise RuleViolation(
            gettext(
                "Die Vermittlung ist noch offen; wiedereröffnet wird nur eine Vermittlung mit "
                "Ergebnis."
            )
        )
    if not note.strip():
        raise RuleViolation(
            gettext("Notiz: Bitte angeben, warum die Vermittlung wiedereröffnet wird."), "note"
        )
    if on > today or on < referral.status_on:
        raise RuleViolation(
            gettext(
                "Datum: Der %(on)s muss zwischen dem letzten Stand vom %(status_on)s und heute "
                "liegen."
            )
            % {"on": format_date(on), "status_on": format_date(referral.status_on)},
            "on",
        )
    referral.status = ReferralStatus.SENT
    referral.status_on = on
    referral.open_since = on
    referral.save(update_fields=["status", "status_on", "open_since"])
    ReferralEvent.objects.create(
        organisation_id=referral.organisation_id,
        referral=referral,
        status=ReferralStatus.SENT,
        on=on,
        reopened=True,
        note=note.strip(),
        by=by,
    )
    audit_object(
        actor=by, action=AuditAction.UPDATE, obj=referral, purpose="Vermittlung wiedereröffnet"
    )
    return referral
