"""What a case allows now, read fresh inside the writing transaction (shared by the services)."""

from datetime import date

from django.utils.translation import gettext

from lotse.cases.models import (
    Client,
    Closure,
    Consent,
    Decision,
)
from lotse.cases.rules.period import (
    Extension,
    ExtensionReason,
)
from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation


def current_consent(client: Client) -> Consent | None:
    """The newest consent that has not been withdrawn; None once the case is restricted."""
    if client.restricted_on is not None:
        return None
    return client.consents.filter(withdrawn_on__isnull=True).order_by("-given_on", "-id").first()


def initial_consultation_date(client: Client) -> date | None:
    return client.consultations.filter(is_initial=True).values_list("held_on", flat=True).first()


def approved_extension(client: Client) -> Extension | None:
    row = client.extensions.filter(decision=Decision.APPROVED).order_by("-id").first()
    if row is None:
        return None
    return Extension(until=row.until, reason=ExtensionReason(row.reason), justification="")


def open_closure(client: Client) -> Closure | None:
    return client.closures.filter(reopened_on__isnull=True).first()


def _lock(client: Client) -> Client:
    """Re-read the client under a row lock, so two writers are serialised."""
    return Client.objects.select_for_update().get(pk=client.pk)


def _require_processing(client: Client, *, field: str | None = None) -> Consent:
    """No entry without a valid consent, none after withdrawal (BW 4.1.4 f, SPEC §2.1)."""
    if client.restricted_on is not None:
        raise RuleViolation(
            gettext(
                "Die Einwilligung wurde am %(withdrawn_on)s widerrufen; der Fall ist "
                "eingeschränkt und es können keine neuen Angaben erfasst werden (Art. 7 Abs. 3, "
                "Art. 18 DSGVO; BW 4.1.4 f)."
            )
            % {"withdrawn_on": format_date(client.restricted_on)},
            field,
        )
    consent = current_consent(client)
    if consent is None:
        raise RuleViolation(
            gettext(
                "Es liegt keine wirksame Einwilligung vor; personenbezogene Angaben können erst "
                "nach der Einwilligung erfasst werden (BW 4.1.4 f)."
            ),
            field,
        )
    return consent


def _require_open(client: Client) -> None:
    closure = open_closure(client)
    if closure is not None:
        raise RuleViolation(
            gettext(
                "Der Fall wurde am %(closed_on)s abgeschlossen; neue Einträge sind erst nach "
                "einer Wiedereröffnung durch die Teamleitung möglich."
            )
            % {"closed_on": format_date(closure.closed_on)}
        )
