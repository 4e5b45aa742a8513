"""Case conferences across legal domains (KIM §3(2)b); their agreements become steps
in the integration plan (BW 4.1.6.2 f)."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext

from lotse.accounts.models import User
from lotse.cases.models import (
    CaseConference,
    Client,
    ConferenceAgreement,
    ConferenceParticipant,
    IntegrationPlan,
    LegalDomain,
    LifeArea,
)
from lotse.cases.services.plans import goal_save
from lotse.cases.services.state import (
    _lock,
    _require_open,
    _require_processing,
    initial_consultation_date,
)
from lotse.core import clock
from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object


@dataclass(frozen=True)
class Participant:
    name: str
    body: str
    legal_domain: str = ""
    external: bool = True


@dataclass(frozen=True)
class Agreement:
    life_area: str
    text: str
    responsible: str = ""
    due_on: date | None = None


def _participant_error(index: int, person: Participant) -> RuleViolation | None:
    label = f"Teilnehmende {index}"
    if not person.name.strip() or not person.body.strip():
        return RuleViolation(
            gettext("%(label)s: Bitte Name und Stelle angeben.") % {"label": label}, "participants"
        )
    if person.external and not person.legal_domain:
        return RuleViolation(
            gettext(
                "%(label)s: Bei externen Teilnehmenden bitte den Rechtskreis angeben (SGB II, III, "
                "VIII, XII, AsylbLG, AufenthG; KIM §3(2)b)."
            )
            % {"label": label},
            "participants",
        )
    if person.legal_domain and person.legal_domain not in LegalDomain.values:
        return RuleViolation(
            gettext("%(label)s: Unbekannter Rechtskreis.") % {"label": label}, "participants"
        )
    return None


@transaction.atomic
def conference_record(
    *,
    client: Client,
    held_on: date,
    agenda: str,
    participants: list[Participant],
    by: User,
    agreements: list[Agreement] = (),
    today: date | None = None,
) -> CaseConference:
    """Record a conference; each agreement is added to the plan as a goal with its step."""
    today = today or clock.today()
    client = _lock(client)
    _require_processing(client, field="held_on")
    _require_open(client)
    initial = initial_consultation_date(client)
    if held_on > today:
        raise RuleViolation(
            gettext("Datum: Der %(held_on)s liegt in der Zukunft.")
            % {"held_on": format_date(held_on)},
            "held_on",
        )
    if initial is None or held_on < initial:
        raise RuleViolation(
            (
                gettext(
                    "Datum: Eine Fallkonferenz gehört zur laufenden Beratung und liegt nicht vor "
                    "dem Erstberatungsgespräch am %(initial)s."
                )
                % {"initial": format_date(initial)}
                if initial
                else gettext(
                    "Datum: Eine Fallkonferenz gehört zur laufenden Beratung und liegt nicht vor "
                    "dem Erstberatungsgespräch."
                )
            ),
            "held_on",
        )
    if not agenda.strip():
        raise RuleViolation(gettext("Tagesordnung: Bitte angeben, worum es geht."), "agenda")
    if not any(p.external for p in participants):
        raise RuleViolation(
            gettext(
                "Teilnehmende: Eine Fallkonferenz braucht mindestens eine externe Stelle "
                "(rechtskreisübergreifend, KIM §3(2)b)."
            ),
            "participants",
        )
    for index, person in enumerate(participants, start=1):
        error = _participant_error(index, person)
        if error:
            raise error
    plan = IntegrationPlan.objects.filter(client=client).first()
    if agreements and plan is None:
        raise RuleViolation(
            gettext(
                "Vereinbarungen: Sie werden Schritte im Integrationsplan; bitte zuerst den Plan "
                "anlegen (BW 4.1.6.2 f)."
            ),
            "agreements",
        )
    for index, agreement in enumerate(agreements, start=1):
        if not agreement.text.strip():
            raise RuleViolation(
                gettext("Vereinbarung %(index)s: Bitte die Vereinbarung beschreiben.")
                % {"index": index},
                "agreements",
            )
        if agreement.life_area not in LifeArea.values:
            raise RuleViolation(
                gettext("Vereinbarung %(index)s: Bitte einen Lebensbereich wählen.")
                % {"index": index},
                "agreements",
            )
    conference = CaseConference.objects.create(
        organisation_id=client.organisation_id,
        client=client,
        held_on=held_on,
        agenda=agenda.strip(),
        recorded_by=by,
    )
    ConferenceParticipant.objects.bulk_create(
        ConferenceParticipant(
            organisation_id=client.organisation_id,
            conference=conference,
            name=p.name.strip(),
            body=p.body.strip(),
            legal_domain=p.legal_domain,
            external=p.external,
        )
        for p in participants
    )
    for index, agreement in enumerate(agreements, start=1):
        plan.refresh_from_db()
        try:
            goal = goal_save(
                plan=plan,
                data={
                    "life_area": agreement.life_area,
                    "goal": agreement.text.strip(),
                    "steps": f"Vereinbart in der Fallkonferenz am {format_date(held_on)}",
                    "responsible": agreement.responsible.strip(),
                    "due_on": agreement.due_on,
                    "status": "open",
                },
                expected_version=plan.version,
                by=by,
                today=today,
            )
        except RuleViolation as violation:
            # The whole conference is refused (atomic); the message names the agreement.
            raise RuleViolation(
                gettext("Vereinbarung %(index)s: %(message)s")
                % {"index": index, "message": violation.message},
                "agreements",
            ) from violation
        ConferenceAgreement.objects.create(
            organisation_id=client.organisation_id,
            conference=conference,
            life_area=agreement.life_area,
            text=agreement.text.strip(),
            responsible=agreement.responsible.strip(),
            due_on=agreement.due_on,
            goal=goal,
        )
    audit_object(
        actor=by, action=AuditAction.CREATE, obj=conference, purpose="Fallkonferenz erfasst"
    )
    return conference
