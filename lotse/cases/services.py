"""Writes to case files. Each function is atomic, logs to the access log, and
refuses with a RuleViolation whose German message names the field and the rule.

The date rules are the functional core's (lotse.cases.rules.period); this layer
loads the case, calls them, and saves.
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lotse.accounts.models import Membership, User
from lotse.accounts.permissions import Role
from lotse.cases import uploads
from lotse.cases.models import (
    PERSONAL_FIELDS,
    SPECIAL_CATEGORY_FIELDS,
    Client,
    Closure,
    ClosureReason,
    Consent,
    ConsentPurpose,
    Consultation,
    ConsultationTopic,
    CounselingExtension,
    Decision,
    Household,
)
from lotse.cases.permissions import leads_team_of
from lotse.cases.rules.dates import PartialDate, format_de
from lotse.cases.rules.period import (
    Extension,
    ExtensionReason,
    birth_date_error,
    consultation_date_error,
    extension_errors,
    initial_consultation_date_error,
    period_end,
)
from lotse.core import clock
from lotse.organisations import rules as org_rules
from lotse.organisations.models import Organisation
from lotse.organisations.rules import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object

# Plausibility, not law (as period.OLDEST_PLAUSIBLE_AGE).
OLDEST_BIRTH_YEAR_SPAN = 120


# --- State of a case, read fresh inside the transaction -------------------------


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
            f"Die Einwilligung wurde am {format_de(client.restricted_on)} widerrufen; der Fall "
            "ist eingeschränkt und es können keine neuen Angaben erfasst werden (Art. 7 Abs. 3, "
            "Art. 18 DSGVO; BW 4.1.4 f).",
            field,
        )
    consent = current_consent(client)
    if consent is None:
        raise RuleViolation(
            "Es liegt keine wirksame Einwilligung vor; personenbezogene Angaben können erst "
            "nach der Einwilligung erfasst werden (BW 4.1.4 f).",
            field,
        )
    return consent


def _require_open(client: Client) -> None:
    closure = open_closure(client)
    if closure is not None:
        raise RuleViolation(
            f"Der Fall wurde am {format_de(closure.closed_on)} abgeschlossen; neue Einträge "
            "sind erst nach einer Wiedereröffnung durch die Teamleitung möglich."
        )


# --- Clients ----------------------------------------------------------------------


def _next_case_number(organisation: Organisation, year: int) -> str:
    prefix = f"{year}-"
    taken = set(
        Client.objects.filter(
            organisation=organisation, case_number__startswith=prefix
        ).values_list("case_number", flat=True)
    )
    number = len(taken) + 1
    while f"{prefix}{number:04d}" in taken:
        number += 1
    return f"{prefix}{number:04d}"


@transaction.atomic
def client_create(
    *,
    organisation: Organisation,
    municipality: Organisation,
    initials: str,
    birth_year: int,
    by: User,
    case_number: str = "",
    household_of: Client | None = None,
    today: date | None = None,
) -> Client:
    """The pseudonymous stub that may exist before consent (BW 4.1.4 f)."""
    today = today or clock.today()
    if municipality.kind != org_rules.MUNICIPALITY:
        raise RuleViolation(
            "Wohnort: Bitte eine Stadt oder Gemeinde wählen (Anschlussunterbringung).",
            "municipality",
        )
    initials = initials.strip().upper()
    if not (1 <= len(initials) <= 4 and initials.replace(".", "").isalpha()):
        raise RuleViolation(
            "Initialen: Bitte ein bis vier Buchstaben angeben, zum Beispiel „AK“. Vor der "
            "Einwilligung werden keine Namen gespeichert (BW 4.1.4 f).",
            "initials",
        )
    if birth_year > today.year:
        raise RuleViolation(
            f"Geburtsjahr: Das Jahr {birth_year} liegt in der Zukunft.", "birth_year"
        )
    if birth_year < today.year - OLDEST_BIRTH_YEAR_SPAN:
        raise RuleViolation(
            f"Geburtsjahr: Das Jahr {birth_year} liegt mehr als {OLDEST_BIRTH_YEAR_SPAN} "
            "Jahre zurück; bitte prüfen.",
            "birth_year",
        )
    case_number = case_number.strip() or _next_case_number(organisation, today.year)
    if Client.objects.filter(organisation=organisation, case_number=case_number).exists():
        raise RuleViolation(
            f"Fallnummer: Die Fallnummer {case_number} ist bei {organisation.name} schon "
            "vergeben; Fallnummern sind je Stelle eindeutig.",
            "case_number",
        )
    household = None
    if household_of is not None:
        if household_of.organisation_id != organisation.pk:
            raise RuleViolation(
                "Haushalt: Ein Haushalt kann nur Fälle derselben Stelle verbinden.",
                "household_of",
            )
        household = household_of.household
        if household is None:
            household = Household.objects.create(organisation=organisation)
            Client.objects.filter(pk=household_of.pk).update(household=household)
    client = Client.objects.create(
        organisation=organisation,
        municipality=municipality,
        case_number=case_number,
        initials=initials,
        birth_year=birth_year,
        case_manager=by,
        household=household,
        changed_at=clock.now(),
        changed_by=by,
    )
    audit_object(actor=by, action=AuditAction.CREATE, obj=client, purpose="Fall angelegt")
    return client


class EditConflict(RuleViolation):
    """Someone else saved the client after this form was opened (issue 3 item 15)."""

    def __init__(self, *, changes: list[tuple[str, str]], changed_by: str, changed_at: datetime):
        super().__init__(
            "Diese Angaben wurden inzwischen von "
            f"{changed_by} am {changed_at:%d.%m.%Y um %H:%M} Uhr geändert. Nichts wurde "
            "überschrieben: Bitte prüfen Sie die geänderten Felder unten und speichern Sie "
            "erneut, wenn Ihre Eingaben gelten sollen."
        )
        self.changes = changes


SNAPSHOT_SALT = "lotse.cases.client-snapshot"


def client_snapshot(client: Client) -> str:
    """The personal fields as the form showed them, signed, to tell on a conflict what changed."""
    return signing.dumps(
        {"version": client.version, "values": _comparable(client)}, salt=SNAPSHOT_SALT
    )


def _comparable(client: Client) -> dict[str, str]:
    values = {}
    for name in PERSONAL_FIELDS:
        value = getattr(client, f"{name}_id" if name == "residence_status" else name)
        values[name] = "" if value is None else str(value)
    return values


def _display(client: Client, name: str) -> str:
    if name == "gender":
        return client.get_gender_display() or "–"
    if name == "birth_date" and client.birth_date:
        return str(PartialDate.parse(client.birth_date))
    if name in SPECIAL_CATEGORY_FIELDS:
        return "(geändert)" if getattr(client, name) else "–"
    value = getattr(client, name)
    if isinstance(value, date):
        return format_de(value)
    if name == "residence_status":
        value = client.residence_status
    return "–" if value in (None, "") else str(value)


def _changes_since(client: Client, snapshot: str) -> list[tuple[str, str]]:
    try:
        original = signing.loads(snapshot, salt=SNAPSHOT_SALT)["values"]
    except (signing.BadSignature, KeyError, TypeError):
        original = {}
    now = _comparable(client)
    return [
        (str(Client._meta.get_field(name).verbose_name), _display(client, name))
        for name in PERSONAL_FIELDS
        if original.get(name) != now[name]
    ]


def _personal_data_errors(data: dict, *, today: date) -> RuleViolation | None:
    birth = data.get("birth_date") or ""
    if birth:
        try:
            parsed = PartialDate.parse(birth)
        except ValueError as exc:
            return RuleViolation(f"Geburtsdatum: {exc}", "birth_date")
        error = birth_date_error(birth=parsed, today=today)
        if error:
            return RuleViolation(error, "birth_date")
        data["birth_date"] = parsed.iso()
    arrival = data.get("arrival_date")
    moved_in = data.get("follow_up_accommodation_date")
    if arrival and arrival > today:
        return RuleViolation(
            f"Einreise: Der {format_de(arrival)} liegt in der Zukunft.", "arrival_date"
        )
    if moved_in and moved_in > today:
        return RuleViolation(
            f"Einzug in die Anschlussunterbringung: Der {format_de(moved_in)} liegt in der "
            "Zukunft.",
            "follow_up_accommodation_date",
        )
    if arrival and moved_in and moved_in < arrival:
        return RuleViolation(
            f"Einzug in die Anschlussunterbringung: Der {format_de(moved_in)} liegt vor der "
            f"Einreise am {format_de(arrival)}.",
            "follow_up_accommodation_date",
        )
    if (
        (data.get("given_names") or data.get("family_name"))
        and not data.get("given_names_latin")
        and not data.get("family_name_latin")
        and not _is_latin(f"{data.get('given_names', '')}{data.get('family_name', '')}")
    ):
        return RuleViolation(
            "Name (lateinische Schrift): Bitte den Namen auch in lateinischer Umschrift "
            "angeben, wie er im Ausweisdokument steht, damit er gefunden wird.",
            "family_name_latin",
        )
    return None


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in text)


@transaction.atomic
def client_personal_data_update(
    *,
    client: Client,
    data: dict,
    expected_version: int,
    snapshot: str = "",
    by: User,
    today: date | None = None,
) -> Client:
    """Store the personal fields; only with a valid consent (BW 4.1.4 f), and only if
    nobody saved in between (``expected_version``; issue 3 item 15)."""
    today = today or clock.today()
    unknown = set(data) - set(PERSONAL_FIELDS)
    if unknown:
        raise ValueError(f"not personal fields: {sorted(unknown)}")
    client = _lock(client)
    consent = _require_processing(client)
    _require_open(client)
    if client.version != expected_version:
        other = client.changed_by
        raise EditConflict(
            changes=_changes_since(client, snapshot),
            changed_by=(other.get_full_name() or other.username) if other else "jemand anderem",
            changed_at=timezone.localtime(client.changed_at or clock.now()),
        )
    data = dict(data)
    special = [name for name in SPECIAL_CATEGORY_FIELDS if data.get(name)]
    if special and not consent.purposes.filter(covers_special_categories=True).exists():
        field = special[0]
        raise RuleViolation(
            f"{Client._meta.get_field(field).verbose_name}: Angaben zu Gesundheit und "
            "Behinderung dürfen nur mit einer ausdrücklichen Einwilligung für diesen Zweck "
            "gespeichert werden (Art. 9 Abs. 2 a DSGVO; BW 4.1.4 f).",
            field,
        )
    violation = _personal_data_errors(data, today=today)
    if violation:
        raise violation
    for name, value in data.items():
        field = Client._meta.get_field(name)
        if value is None and not field.null:
            value = ""  # an emptied text field
        setattr(client, name, value)
    client.version = F("version") + 1
    client.changed_at = clock.now()
    client.changed_by = by
    client.save()
    client.refresh_from_db()
    audit_object(
        actor=by, action=AuditAction.UPDATE, obj=client, purpose="Persönliche Angaben geändert"
    )
    return client


# --- Consent ----------------------------------------------------------------------


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
            f"Die Einwilligung wurde am {format_de(client.restricted_on)} widerrufen; der Fall "
            "ist zur Löschung vorgemerkt. Eine neue Einwilligung kann nur in einem neuen Fall "
            "erfasst werden (Art. 17, 18 DSGVO)."
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
            "Zwecke: Ohne Einwilligung in „" + "“, „".join(missing) + "“ können keine "
            "persönlichen Angaben erfasst werden (BW 4.1.4 f).",
            "purposes",
        )
    if given_on > today:
        raise RuleViolation(
            f"Datum der Einwilligung: Der {format_de(given_on)} liegt in der Zukunft; erfasst "
            "wird eine gegebene Einwilligung.",
            "given_on",
        )
    if not explained_in.strip():
        raise RuleViolation(
            "Erklärt in der Sprache: Bitte angeben, in welcher Sprache die Einwilligung erklärt "
            "wurde; nur eine verstandene Einwilligung ist wirksam (BW 4.1.4 f: „informiert“).",
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
            f"Widerrufen am: Diese Einwilligung wurde bereits am "
            f"{format_de(consent.withdrawn_on)} widerrufen.",
            "withdrawn_on",
        )
    if withdrawn_on > today:
        raise RuleViolation(
            f"Widerrufen am: Der {format_de(withdrawn_on)} liegt in der Zukunft.", "withdrawn_on"
        )
    if withdrawn_on < consent.given_on:
        raise RuleViolation(
            f"Widerrufen am: Der Widerruf kann nicht vor der Einwilligung am "
            f"{format_de(consent.given_on)} liegen.",
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


# --- Consultations ------------------------------------------------------------------


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
        raise RuleViolation(error, "held_on")
    if not 1 <= duration_minutes <= 600:
        raise RuleViolation(
            "Dauer in Minuten: Bitte eine Dauer zwischen 1 und 600 Minuten angeben.",
            "duration_minutes",
        )
    if next_appointment is not None and next_appointment < held_on:
        raise RuleViolation(
            f"Nächster Termin: Der {format_de(next_appointment)} liegt vor dem Gespräch am "
            f"{format_de(held_on)}.",
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


# --- Counseling period: extension (BW 4.1.5) ----------------------------------------


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
            "Der Beratungszeitraum beginnt mit dem Erstberatungsgespräch; ohne dieses gibt es "
            "nichts zu verlängern (BW 4.1.5)."
        )
    if client.extensions.filter(decision=Decision.PENDING).exists():
        raise RuleViolation(
            "Es liegt bereits ein Antrag auf Verlängerung vor, über den die Teamleitung noch "
            "nicht entschieden hat."
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
        raise RuleViolation(message, None if field == "__all__" else field)


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
            "Über eine Verlängerung entscheidet die Teamleitung der fallführenden Stelle "
            "(BW 4.1.5)."
        )
    if extension.decision != Decision.PENDING:
        raise RuleViolation(
            f"Über diesen Antrag wurde bereits entschieden ({extension.get_decision_display()})."
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
            "Anmerkung zur Entscheidung: Bitte begründen, warum die Verlängerung abgelehnt wird.",
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


# --- Closure ------------------------------------------------------------------------


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
            f"Der Fall ist bereits seit dem {format_de(closure.closed_on)} abgeschlossen."
        )
    if closed_on > today:
        raise RuleViolation(
            f"Abgeschlossen am: Der {format_de(closed_on)} liegt in der Zukunft.", "closed_on"
        )
    last = client.consultations.order_by("-held_on").values_list("held_on", flat=True).first()
    if last is not None and closed_on < last:
        raise RuleViolation(
            f"Abgeschlossen am: Das letzte Gespräch war am {format_de(last)}; der Abschluss "
            "kann nicht davor liegen.",
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
        raise RuleViolation("Einen abgeschlossenen Fall kann nur die Teamleitung wiedereröffnen.")
    if closure.reopened_on is not None:
        raise RuleViolation("Dieser Abschluss wurde bereits aufgehoben.")
    if client.restricted_on is not None:
        raise RuleViolation(
            "Die Einwilligung wurde widerrufen; der Fall kann nicht wiedereröffnet werden "
            "(Art. 7 Abs. 3 DSGVO)."
        )
    initial = initial_consultation_date(client)
    if initial is not None:
        end = period_end(initial=initial, extension=approved_extension(client))
        if today > end:
            raise RuleViolation(
                f"Der Beratungszeitraum endete am {format_de(end)}; ein abgeschlossener Fall "
                "kann nur innerhalb des Beratungszeitraums wiedereröffnet werden (BW 4.1.5)."
            )
    closure.reopened_on = today
    closure.reopened_by = by
    closure.save(update_fields=["reopened_on", "reopened_by"])
    audit_object(actor=by, action=AuditAction.UPDATE, obj=closure, purpose="Fall wiedereröffnet")
    return closure


# --- Reassignment (issue 3 item 12) -------------------------------------------------


def case_manager_error(*, client: Client, to: User, on: date) -> str | None:
    """Why ``to`` cannot keep the client's case, or None: a case manager or team lead
    role at the keeping organisation (or above it, for an association's team)."""
    ancestor_ids = [*client.organisation.ancestor_ids(), client.organisation_id]
    holds = (
        Membership.objects.filter(
            user=to,
            role__in=[Role.CASE_MANAGER, Role.TEAM_LEAD],
            organisation_id__in=ancestor_ids,
            valid_from__lte=on,
        )
        .exclude(valid_to__lt=on)
        .exists()
    )
    if not holds:
        return (
            f"Neue:r Integrationsmanager:in: {to.get_full_name() or to.username} hat keine "
            f"Rolle im Fallmanagement bei {client.organisation.name}."
        )
    return None


@transaction.atomic
def cases_reassign(
    *, clients: Iterable[Client], to: User, by: User, today: date | None = None
) -> int:
    """A team lead moves cases to another case manager; each move is logged."""
    today = today or clock.today()
    moved = 0
    for client in clients:
        client = Client.objects.select_for_update().select_related("organisation").get(pk=client.pk)
        if not leads_team_of(by, client.organisation_id):
            raise RuleViolation("Fälle neu zuweisen kann nur die Teamleitung.")
        error = case_manager_error(client=client, to=to, on=today)
        if error:
            raise RuleViolation(error, "to")
        if client.case_manager_id == to.pk:
            continue
        Client.objects.filter(pk=client.pk).update(case_manager=to)
        audit_object(
            actor=by,
            action=AuditAction.UPDATE,
            obj=client,
            purpose=f"Fall neu zugewiesen an Konto {to.pk}",
        )
        moved += 1
    return moved
