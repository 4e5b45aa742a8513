"""Case API (issue 3 item 16): clients, consent, consultations, extension, closure.

Scoped like the pages (Area.CASES): a case manager sees the cases of their town
or association, a team lead their team's; every other role gets 403 and a
foreign or missing case 404. Writes go through lotse.cases.services, so the
rules are the pages' rules: a refusal answers 422 with the German message and
the field, ``{"detail": [{"field": "held_on", "msg": "… (BW 4.1.5)"}]}``; a stale
``version`` on personal data answers 409 with what changed (issue 3 item 15).

Every answer that carries personal data writes a line to the access log
(SPEC §6), lists included. Encrypted fields (health, disability, notes, next
steps, extension justification) are decrypted only here, for those who may read
the case; everyone else never gets the row at all.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Router, Status
from ninja.pagination import paginate

from lotse.accounts.scope import organisations_for
from lotse.api.auth import require_area
from lotse.api.case_schemas import (
    CatalogueEntryOut,
    ClientCreateIn,
    ClientDetailOut,
    ClientOut,
    ClosureIn,
    ClosureOut,
    ConflictOut,
    ConsentIn,
    ConsentOut,
    ConsentWithdrawIn,
    ConsultationIn,
    ConsultationOut,
    DuplicatesOut,
    ExtensionDecisionIn,
    ExtensionIn,
    ExtensionOut,
    PersonalDataIn,
)
from lotse.api.errors import ErrorOut, conflicted, refused
from lotse.cases import api_selectors, services
from lotse.cases.api_selectors import MAX_ID
from lotse.cases.models import (
    Client,
    ConsentPurpose,
    ConsultationTopic,
    CounselingExtension,
    Decision,
    ResidenceStatus,
)
from lotse.cases.permissions import is_team_lead, leads_team_of
from lotse.cases.rules.dates import PartialDate
from lotse.cases.selectors import case_state
from lotse.cases.translation import translated
from lotse.core import clock
from lotse.core.tenancy import Area, get_for_user
from lotse.kernel.errors import RuleViolation
from lotse.organisations import rules as org_rules
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object, audit_record

router = Router(tags=["Fallarbeit"])


# --- Helpers ---------------------------------------------------------------------------------


def _row(client: Any) -> dict:
    """The stub and the state of a case, from a row annotated by with_case_state
    (a ``Client`` with the annotations ``initial_on``, ``pending_extension_id``, …)."""
    return {
        "id": client.pk,
        "case_number": client.case_number,
        "initials": client.initials,
        "birth_year": client.birth_year,
        "organisation_id": client.organisation_id,
        "municipality_id": client.municipality_id,
        "case_manager_id": client.case_manager_id,
        "household_id": client.household_id,
        "status": api_selectors.case_status(client).value,
        "initial_consultation_on": client.initial_on,
        "period_end": api_selectors.case_period_end(client),
        "plan_due": api_selectors.case_plan_due(client),
        "pending_extension_id": client.pending_extension_id,
        "closed_on": client.closed_on,
        "restricted_on": client.restricted_on,
        "version": client.version,
    }


def _detail(request, client_id: int, *, purpose: str) -> dict:
    today = clock.today()
    client = api_selectors.client_with_state_for(request.user, client_id)
    audit_object(actor=request.user, action=AuditAction.READ, obj=client, purpose=purpose)
    state = case_state(
        client,
        today=today,
        plan_exists=api_selectors.case_has_plan(client),
        for_team_lead=leads_team_of(request.user, client.organisation_id),
    )
    return {
        **_row(client),
        **{
            name: getattr(client, name)
            for name in (
                "given_names",
                "family_name",
                "given_names_latin",
                "family_name_latin",
                "birth_date",
                "gender",
                "country_of_origin",
                "nationalities",
                "languages",
                "arrival_date",
                "follow_up_accommodation_date",
                "address",
                "phone",
                "email",
                "health",
                "disability",
                "changed_at",
            )
        },
        "residence_status": client.residence_status.code if client.residence_status else None,
        "worklist": [
            {"kind": i.kind, "level": i.level.name.lower(), "text": i.text, "due": i.due}
            for i in state.items
        ],
        "extensions": list(client.extensions.all()),
        "closures": [
            {
                "id": c.pk,
                "reason": c.reason.code,
                "closed_on": c.closed_on,
                "closed_by_id": c.closed_by_id,
                "reopened_on": c.reopened_on,
            }
            for c in client.closures.all()
        ],
    }


class _Rows:
    """A queryset seen through ``to_row``, so ``@paginate`` slices and counts in SQL."""

    def __init__(self, queryset, to_row):
        self.queryset, self.to_row = queryset, to_row

    def __getitem__(self, window: slice) -> list[dict]:
        return [self.to_row(row) for row in self.queryset[window]]

    def all(self):
        return self.queryset.all()


def _case_organisations(user):
    """Nodes that keep cases and the user may write to (as the page's choice list)."""
    return organisations_for(user, Area.CASES, write=True, kinds=org_rules.CASE_KEEPERS)


# --- Catalogues (issue 3 item 5) --------------------------------------------------------------


def _catalogue_row(entry) -> dict:
    row = {"code": entry.code, "label": entry.label, "sort": entry.sort}
    if hasattr(entry, "kind_id"):
        row |= {
            "kind": entry.kind.code,
            "organisation_id": entry.organisation_id,
            "address": entry.address,
            "contact": entry.contact,
            "website": entry.website,
        }
    if hasattr(entry, "covers_special_categories"):
        row |= {
            "required": entry.required,
            "covers_special_categories": entry.covers_special_categories,
            "service_kinds": [kind.code for kind in entry.service_kinds.all()],
        }
    return row


@router.get(
    "/catalogues/{catalogue}",
    response={200: list[CatalogueEntryOut], 404: ErrorOut},
    url_name="case_catalogue",
)
def catalogue(request, catalogue: str):
    """The active entries of a catalogue by code, as the pages offer them: ``angebote``
    (services; local providers only in their region), ``arten-von-stellen``,
    ``beratungsthemen``, ``aufenthaltsstatus``, ``abschlussgruende``,
    ``einwilligungszwecke``, ``strukturelle-themen``. No personal data."""
    require_area(request, Area.CASES)
    entries = api_selectors.catalogue_for(request.user, catalogue[:40])
    if entries is None:
        return refused(
            RuleViolation("Katalog: Diesen Katalog gibt es nicht.", "catalogue"), status=404
        )
    return [_catalogue_row(entry) for entry in entries]


# --- Clients ---------------------------------------------------------------------------------


@router.get("/clients", response={200: list[ClientOut], 422: ErrorOut}, url_name="case_client_list")
@paginate
def client_list(request, case_number: str = "", mine: bool = False):
    """The user's cases (a team lead: the team's), by case number; ``mine`` for one's own."""
    require_area(request, Area.CASES)
    audit_record(
        actor=request.user,
        action=AuditAction.SEARCH,
        object_type="cases.client",
        purpose="Fallliste über die API gelesen",
    )
    return _Rows(
        api_selectors.client_list_for(request.user, case_number=case_number[:30], mine=mine), _row
    )


@router.get("/clients/{int:client_id}", response=ClientDetailOut, url_name="case_client_detail")
def client_detail(request, client_id: int):
    """One case: stub, personal data (decrypted), state and due items; logged as a read."""
    require_area(request, Area.CASES)
    return _detail(request, client_id, purpose="Fallakte über die API")


@router.post(
    "/clients", response={201: ClientDetailOut, 422: ErrorOut}, url_name="case_client_create"
)
def client_create(request, payload: ClientCreateIn):
    """The pseudonymous stub that may exist before consent (BW 4.1.4 f)."""
    require_area(request, Area.CASES, write=True)
    organisation = _case_organisations(request.user).filter(pk=payload.organisation_id).first()
    if organisation is None:
        raise RuleViolation(
            "Fallführende Stelle: Diese Stelle gibt es nicht oder sie gehört nicht zu Ihrem "
            "Zuständigkeitsbereich.",
            "organisation_id",
        )
    municipality_id = payload.municipality_id or (
        organisation.pk if organisation.kind == org_rules.MUNICIPALITY else None
    )
    municipality = (
        organisations_for(request.user, Area.CASES, write=True, kinds=[org_rules.MUNICIPALITY])
        .filter(pk=municipality_id)
        .first()
        if municipality_id
        else None
    )
    if municipality is None:
        raise RuleViolation(
            "Wohnort: Bitte eine Stadt oder Gemeinde Ihres Zuständigkeitsbereichs angeben "
            "(Anschlussunterbringung).",
            "municipality_id",
        )
    try:
        client = services.client_create(
            organisation=organisation,
            municipality=municipality,
            initials=payload.initials,
            birth_year=payload.birth_year,
            case_number=payload.case_number,
            by=request.user,
        )
    except RuleViolation as violation:
        return refused(violation, fields={"municipality": "municipality_id"})
    return Status(201, _detail(request, client.pk, purpose="Fall über die API angelegt"))


@router.patch(
    "/clients/{int:client_id}",
    response={200: ClientDetailOut, 409: ConflictOut | DuplicatesOut, 422: ErrorOut},
    url_name="case_client_update",
)
def client_update(request, client_id: int, payload: PersonalDataIn):
    """Personal data, only with a valid consent (BW 4.1.4 f); only the fields sent change.
    A stale ``version`` answers 409 and overwrites nothing (issue 3 item 15). Names or a
    birth date that match another case answer 409 with its case number, as the page
    warns, unless ``confirm_duplicate`` is true (issue 3 item 11)."""
    require_area(request, Area.CASES, write=True)
    client = api_selectors.client_for(request.user, client_id, write=True)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    confirmed = data.pop("confirm_duplicate", False)
    if data.get("birth_date"):
        try:
            PartialDate.parse(data["birth_date"])
        except ValueError as exc:
            raise RuleViolation(f"Geburtsdatum: {translated(exc.args[0])}", "birth_date") from exc
    if not confirmed:
        duplicates = _duplicates(request.user, client, data)
        if duplicates is not None:
            return duplicates
    if data.get("residence_status"):
        status = ResidenceStatus.objects.filter(code=data["residence_status"], active=True).first()
        if status is None:
            raise RuleViolation(
                f"Aufenthaltsstatus: Die Kennung „{data['residence_status']}“ steht nicht in "
                "der Liste der Aufenthaltsstatus.",
                "residence_status",
            )
        data["residence_status"] = status
    elif "residence_status" in data:
        data["residence_status"] = None
    try:
        services.client_personal_data_update(
            client=client, data=data, expected_version=version, by=request.user
        )
    except services.EditConflict as conflict:
        fresh = api_selectors.client_for(request.user, client_id, write=True)
        audit_object(
            actor=request.user,
            action=AuditAction.READ,
            obj=fresh,
            purpose="Persönliche Angaben (Bearbeitungskonflikt, API)",
        )
        return conflicted(conflict, version=fresh.version, changes=conflict.changes)
    return _detail(request, client_id, purpose="Persönliche Angaben über die API geändert")


def _duplicates(user, client: Client, data: dict) -> Status | None:
    """The page's duplicate check (issue 3 item 11) for a partial update: the names and
    birth date as they would be after it. Only when one of them is sent."""
    identity_fields = (*services.NAME_FIELDS, "birth_date")
    if not any(name in data for name in identity_fields):
        return None
    after = {name: data.get(name, getattr(client, name)) or "" for name in identity_fields}
    found = services.client_duplicates_check(client=client, data=after, by=user)
    if not found:
        return None
    numbers = ", ".join(other.case_number for other in found)
    warning = RuleViolation(
        f"Mögliche Dublette: Nach Name und Geburtsdatum könnte es dieselbe Person sein wie in "
        f"Fall {numbers}. Nichts wurde gespeichert. Ist es eine andere Person, bitte mit "
        "„confirm_duplicate“: true erneut senden.",
        "confirm_duplicate",
    )
    return refused(
        warning,
        status=409,
        duplicates=[{"id": other.pk, "case_number": other.case_number} for other in found],
    )


# --- Consent (BW 4.1.4 f) ----------------------------------------------------------------------


def _consent_row(consent) -> dict:
    return {
        "id": consent.pk,
        "given_on": consent.given_on,
        "explained_in": consent.explained_in,
        "interpreter": consent.interpreter,
        "purposes": [p.code for p in consent.purposes.all()],
        "taken_by_id": consent.taken_by_id,
        "signed_form": bool(consent.signed_form),
        "withdrawn_on": consent.withdrawn_on,
    }


@router.get(
    "/clients/{int:client_id}/consents",
    response={200: list[ConsentOut], 422: ErrorOut},
    url_name="case_consent_list",
)
@paginate
def consent_list(request, client_id: int):
    require_area(request, Area.CASES)
    client = api_selectors.client_for(request.user, client_id)
    audit_object(
        actor=request.user,
        action=AuditAction.READ,
        obj=client,
        purpose="Einwilligungen über die API gelesen",
    )
    return _Rows(api_selectors.consents_of(client), _consent_row)


@router.post(
    "/clients/{int:client_id}/consents",
    response={201: ConsentOut, 422: ErrorOut},
    url_name="case_consent_create",
)
def consent_create(request, client_id: int, payload: ConsentIn):
    """Record a consent; the signed form is uploaded on the case page."""
    require_area(request, Area.CASES, write=True)
    client = api_selectors.client_for(request.user, client_id, write=True)
    purposes, unknown = api_selectors.catalogue_entries(ConsentPurpose, payload.purposes)
    if unknown:
        raise RuleViolation(
            f"Zwecke: Unbekannte Kennung „{unknown[0]}“ (siehe Liste der Zwecke).", "purposes"
        )
    consent = services.consent_record(
        client=client,
        purposes=purposes,
        given_on=payload.given_on,
        explained_in=payload.explained_in,
        interpreter=payload.interpreter,
        by=request.user,
    )
    return Status(201, _consent_row(consent))


@router.post(
    "/clients/{int:client_id}/consents/{int:consent_id}/withdrawal",
    response={200: ConsentOut, 422: ErrorOut},
    url_name="case_consent_withdraw",
)
def consent_withdraw(request, client_id: int, consent_id: int, payload: ConsentWithdrawIn):
    """Withdrawal: processing stops, the case is restricted and due for erasure (SPEC §2.1)."""
    require_area(request, Area.CASES, write=True)
    client = api_selectors.client_for(request.user, client_id, write=True)
    consent = get_for_user(
        client.consents.all(), request.user, consent_id if consent_id <= MAX_ID else 0, write=True
    )
    consent = services.consent_withdraw(
        consent=consent, withdrawn_on=payload.withdrawn_on, by=request.user
    )
    return _consent_row(consent)


# --- Consultations (BW 4.1.4 a, 4.1.5) ------------------------------------------------------------


def _consultation_row(consultation) -> dict:
    return {
        **{
            name: getattr(consultation, name)
            for name in (
                "is_initial",
                "held_on",
                "duration_minutes",
                "place",
                "channel",
                "language",
                "interpreter",
                "notes",
                "next_steps",
                "next_appointment",
                "recorded_by_id",
            )
        },
        "id": consultation.pk,
        "topics": [t.code for t in consultation.topics.all()],
    }


@router.get(
    "/clients/{int:client_id}/consultations",
    response={200: list[ConsultationOut], 422: ErrorOut},
    url_name="case_consultation_list",
)
@paginate
def consultation_list(request, client_id: int):
    """The consultations of one case, oldest first, notes decrypted; logged as a read."""
    require_area(request, Area.CASES)
    client = api_selectors.client_for(request.user, client_id)
    audit_object(
        actor=request.user,
        action=AuditAction.READ,
        obj=client,
        purpose="Beratungsgespräche über die API gelesen",
    )
    return _Rows(api_selectors.consultations_of(client), _consultation_row)


@router.post(
    "/clients/{int:client_id}/consultations",
    response={201: ConsultationOut, 422: ErrorOut},
    url_name="case_consultation_create",
)
def consultation_create(request, client_id: int, payload: ConsultationIn):
    """The first is the initial consultation and starts the period (BW 4.1.4 a, 4.1.5);
    none after the period's end (BW 4.1.5)."""
    require_area(request, Area.CASES, write=True)
    client = api_selectors.client_for(request.user, client_id, write=True)
    topics, unknown = api_selectors.catalogue_entries(ConsultationTopic, payload.topics)
    if unknown:
        raise RuleViolation(
            f"Themen: Unbekannte Kennung „{unknown[0]}“ (siehe Liste der Themen).", "topics"
        )
    data = payload.dict()
    data["channel"] = payload.channel.value
    data["topics"] = topics
    consultation = services.consultation_record(client=client, by=request.user, **data)
    return Status(201, _consultation_row(consultation))


# --- Extension (BW 4.1.5) ----------------------------------------------------------------------


@router.post(
    "/clients/{int:client_id}/extensions",
    response={201: ExtensionOut, 422: ErrorOut},
    url_name="case_extension_request",
)
def extension_request(request, client_id: int, payload: ExtensionIn):
    """Ask for up to one more year with a reason from the BW list; the team lead decides."""
    require_area(request, Area.CASES, write=True)
    client = api_selectors.client_for(request.user, client_id, write=True)
    extension = services.extension_request(
        client=client,
        reason=payload.reason,
        justification=payload.justification,
        until=payload.until,
        by=request.user,
    )
    return Status(201, extension)


@router.post(
    "/clients/{int:client_id}/extensions/{int:extension_id}/decision",
    response={200: ExtensionOut, 422: ErrorOut},
    url_name="case_extension_decide",
)
def extension_decide(request, client_id: int, extension_id: int, payload: ExtensionDecisionIn):
    """The team lead of the keeping organisation approves or refuses (BW 4.1.5)."""
    require_area(request, Area.CASES, write=True)
    if not is_team_lead(request.user):
        raise PermissionDenied
    client = api_selectors.client_for(request.user, client_id, write=True)
    if not leads_team_of(request.user, client.organisation_id):
        raise PermissionDenied
    extension = get_for_user(
        CounselingExtension.objects.filter(client=client, decision=Decision.PENDING),
        request.user,
        extension_id if extension_id <= MAX_ID else 0,
        write=True,
    )
    try:
        extension = services.extension_decide(
            extension=extension, approve=payload.approve, note=payload.note, by=request.user
        )
    except RuleViolation as violation:
        return refused(violation, fields={"decision_note": "note"})
    return extension


# --- Closure (SPEC §2.2 no. 7) --------------------------------------------------------------------


@router.post(
    "/clients/{int:client_id}/closure",
    response={201: ClosureOut, 422: ErrorOut},
    url_name="case_close",
)
def case_close(request, client_id: int, payload: ClosureIn):
    """Close the case with a reason from the catalogue."""
    require_area(request, Area.CASES, write=True)
    client = api_selectors.client_for(request.user, client_id, write=True)
    reason = api_selectors.closure_reason(payload.reason)
    if reason is None:
        raise RuleViolation(
            f"Grund: Unbekannte Kennung „{payload.reason}“ (siehe Liste der Abschlussgründe).",
            "reason",
        )
    closure = services.case_close(
        client=client, reason=reason, closed_on=payload.closed_on, by=request.user
    )
    return Status(
        201,
        {
            "id": closure.pk,
            "reason": reason.code,
            "closed_on": closure.closed_on,
            "closed_by_id": closure.closed_by_id,
            "reopened_on": closure.reopened_on,
        },
    )
