"""Consent and its withdrawal (BW 4.1.4 f, SPEC §2.1)."""

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext

from lotse.accounts.models import User
from lotse.cases import uploads
from lotse.cases.models import (
    Client,
    Consent,
    ConsentPurpose,
)
from lotse.cases.services.state import (
    _lock,
    _require_open,
)
from lotse.core import clock
from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object


@transaction.atomic
def consent_record(
    *,
    client: Client,
    purposes: Iterable[ConsentPurpose],
    given_on: date,
    explained_in: str,
    interpreter: str = "",
    signed_form=None,
    by: User,
    today: date | None = None,
) -> Consent:
    """Record a consent (BW 4.1.4 f: voluntary and informed; SPEC §2.1: purposes,
    language, who took it, the signed form)."""
    today = today or clock.today()
    client = _lock(client)
    if client.restricted_on is not None:
        raise RuleViolation(
            gettext(
                "Die Einwilligung wurde am %(restricted_on)s widerrufen; der Fall ist zur Löschung "
                "vorgemerkt. Eine neue Einwilligung kann nur in einem neuen Fall erfasst werden "
                "(Art. 17, 18 DSGVO)."
            )
            % {"restricted_on": format_date(client.restricted_on)}
        )
    _require_open(client)
    purposes = list(purposes)
    missing = [
        p.label
        for p in ConsentPurpose.objects.filter(required=True, active=True)
        if p not in purposes
    ]
    if missing:
        raise RuleViolation(
            gettext(
                "Zwecke: Ohne Einwilligung in „%(purposes)s“ können keine persönlichen Angaben "
                "erfasst werden (BW 4.1.4 f)."
            )
            % {"purposes": "“, „".join(missing)},
            "purposes",
        )
    if given_on > today:
        raise RuleViolation(
            gettext(
                "Datum der Einwilligung: Der %(given_on)s liegt in der Zukunft; erfasst wird eine "
                "gegebene Einwilligung."
            )
            % {"given_on": format_date(given_on)},
            "given_on",
        )
    if not explained_in.strip():
        raise RuleViolation(
            gettext(
                "Erklärt in der Sprache: Bitte angeben, in welcher Sprache die Einwilligung "
                "erklärt wurde; nur eine verstandene Einwilligung ist wirksam (BW 4.1.4 f: "
                "„informiert“)."
            ),
            "explained_in",
        )
    content_type = ""
    if signed_form is not None:
        head = signed_form.read(uploads.HEAD_BYTES)
        signed_form.seek(0)
        error = uploads.signed_form_error(
            head=head, size=signed_form.size, max_bytes=settings.LOTSE_UPLOAD_MAX_BYTES
        )
        if error:
            raise RuleViolation(error, "signed_form")
        content_type, suffix = uploads.detect_type(head)
        signed_form.name = f"form{suffix}"
    consent = Consent.objects.create(
        organisation_id=client.organisation_id,
        client=client,
        given_on=given_on,
        explained_in=explained_in.strip(),
        interpreter=interpreter.strip(),
        taken_by=by,
        signed_form=signed_form or "",
        signed_form_type=content_type,
    )
    consent.purposes.set(purposes)
    audit_object(actor=by, action=AuditAction.CREATE, obj=consent, purpose="Einwilligung erfasst")
    return consent


@transaction.atomic
def consent_withdraw(
    *, consent: Consent, withdrawn_on: date, by: User, today: date | None = None
) -> Consent:
    """Withdrawal (Art. 7 (3) DSGVO, SPEC §2.1): processing stops, the case is
    restricted and due for erasure. The erasure itself is the privacy app's."""
    today = today or clock.today()
    client = _lock(consent.client)
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise RuleViolation(
            gettext(
                "Widerrufen am: Diese Einwilligung wurde bereits am %(withdrawn_on)s widerrufen."
            )
            % {"withdrawn_on": format_date(consent.withdrawn_on)},
            "withdrawn_on",
        )
    if withdrawn_on > today:
        raise RuleViolation(
            gettext("Widerrufen am: Der %(withdrawn_on)s liegt in der Zukunft.")
            % {"withdrawn_on": format_date(withdrawn_on)},
            "withdrawn_on",
        )
    if withdrawn_on < consent.given_on:
        raise RuleViolation(
            gettext(
                "Widerrufen am: Der Widerruf kann nicht vor der Einwilligung am %(given_on)s "
                "liegen."
            )
            % {"given_on": format_date(consent.given_on)},
            "withdrawn_on",
        )
    consent.withdrawn_on = withdrawn_on
    consent.withdrawal_recorded_by = by
    consent.save(update_fields=["withdrawn_on", "withdrawal_recorded_by"])
    client.consents.filter(withdrawn_on__isnull=True).update(
        withdrawn_on=withdrawn_on, withdrawal_recorded_by=by
    )
    Client.objects.filter(pk=client.pk).update(
        restricted_on=withdrawn_on,
        erasure_due_on=withdrawn_on,
        version=F("version") + 1,
        changed_at=clock.now(),
        changed_by=by,
    )
    audit_object(
        actor=by, action=AuditAction.UPDATE, obj=consent, purpose="Einwilligung widerrufen"
    )
    audit_object(
        actor=by,
        action=AuditAction.UPDATE,
        obj=client,
        purpose="Fall eingeschränkt, zur Löschung vorgemerkt",
    )
    return consent
