"""Clients: the stub before consent, personal data after it (BW 4.1.4 f), no lost
updates (issue 3 item 15), reassignment by the team lead (item 12)."""

from collections.abc import Iterable
from datetime import date, datetime

from django.core import signing
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from lotse.accounts.models import Membership, User
from lotse.accounts.permissions import Role
from lotse.cases import selectors
from lotse.cases.models import (
    PERSONAL_FIELDS,
    SPECIAL_CATEGORY_FIELDS,
    Client,
    Household,
)
from lotse.cases.permissions import leads_team_of
from lotse.cases.rules.dates import PartialDate
from lotse.cases.rules.names import ClientIdentity, name_index
from lotse.cases.rules.period import (
    birth_date_error,
)
from lotse.cases.services.state import (
    _lock,
    _require_open,
    _require_processing,
)
from lotse.cases.translation import translated
from lotse.core import clock
from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation
from lotse.organisations import rules as org_rules
from lotse.organisations.models import Organisation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object

# Plausibility, not law (as period.OLDEST_PLAUSIBLE_AGE).
OLDEST_BIRTH_YEAR_SPAN = 120


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
            gettext("Wohnort: Bitte eine Stadt oder Gemeinde wählen (Anschlussunterbringung)."),
            "municipality",
        )
    initials = initials.strip().upper()
    if not (1 <= len(initials) <= 4 and initials.replace(".", "").isalpha()):
        raise RuleViolation(
            gettext(
                "Initialen: Bitte ein bis vier Buchstaben angeben, zum Beispiel „AK“. Vor der "
                "Einwilligung werden keine Namen gespeichert (BW 4.1.4 f)."
            ),
            "initials",
        )
    if birth_year > today.year:
        raise RuleViolation(
            gettext("Geburtsjahr: Das Jahr %(birth_year)s liegt in der Zukunft.")
            % {"birth_year": birth_year},
            "birth_year",
        )
    if birth_year < today.year - OLDEST_BIRTH_YEAR_SPAN:
        raise RuleViolation(
            gettext(
                "Geburtsjahr: Das Jahr %(birth_year)s liegt mehr als %(years)s "
                "Jahre zurück; bitte prüfen."
            )
            % {"birth_year": birth_year, "years": OLDEST_BIRTH_YEAR_SPAN},
            "birth_year",
        )
    case_number = case_number.strip() or _next_case_number(organisation, today.year)
    if Client.objects.filter(organisation=organisation, case_number=case_number).exists():
        raise RuleViolation(
            gettext(
                "Fallnummer: Die Fallnummer %(case_number)s ist bei %(name)s schon vergeben; "
                "Fallnummern sind je Stelle eindeutig."
            )
            % {"case_number": case_number, "name": organisation.name},
            "case_number",
        )
    household = None
    if household_of is not None:
        if household_of.organisation_id != organisation.pk:
            raise RuleViolation(
                gettext("Haushalt: Ein Haushalt kann nur Fälle derselben Stelle verbinden."),
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
        return format_date(value)
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
            return RuleViolation(
                gettext("Geburtsdatum: %(error)s") % {"error": translated(exc.args[0])},
                "birth_date",
            )
        error = birth_date_error(birth=parsed, today=today)
        if error:
            return RuleViolation(translated(error), "birth_date")
        data["birth_date"] = parsed.iso()
    arrival = data.get("arrival_date")
    moved_in = data.get("follow_up_accommodation_date")
    if arrival and arrival > today:
        return RuleViolation(
            gettext("Einreise: Der %(arrival)s liegt in der Zukunft.")
            % {"arrival": format_date(arrival)},
            "arrival_date",
        )
    if moved_in and moved_in > today:
        return RuleViolation(
            gettext("Einzug in die Anschlussunterbringung: Der %(moved_in)s liegt in der Zukunft.")
            % {"moved_in": format_date(moved_in)},
            "follow_up_accommodation_date",
        )
    if arrival and moved_in and moved_in < arrival:
        return RuleViolation(
            gettext(
                "Einzug in die Anschlussunterbringung: Der %(moved_in)s liegt vor der Einreise am "
                "%(arrival)s."
            )
            % {"moved_in": format_date(moved_in), "arrival": format_date(arrival)},
            "follow_up_accommodation_date",
        )
    if (
        (data.get("given_names") or data.get("family_name"))
        and not data.get("given_names_latin")
        and not data.get("family_name_latin")
        and not _is_latin(f"{data.get('given_names', '')}{data.get('family_name', '')}")
    ):
        return RuleViolation(
            gettext(
                "Name (lateinische Schrift): Bitte den Namen auch in lateinischer Umschrift "
                "angeben, wie er im Ausweisdokument steht, damit er gefunden wird."
            ),
            "family_name_latin",
        )
    return None


# Issue 3 item 11: what the client list searches by name (see models.Client.name_keys).
NAME_FIELDS = ("given_names", "family_name", "given_names_latin", "family_name_latin")


def client_name_keys(client: Client) -> str:
    return name_index(*(getattr(client, name) for name in NAME_FIELDS))


def client_duplicates_check(*, client: Client, data: dict, by: User) -> list[Client]:
    """Issue 3 item 11: before names or the date of birth are saved, the clients ``by``
    may see who are likely the same person. Empty when neither changes, so a
    confirmed "another person" is not asked again. The check reads other cases, so
    it is logged: one line for the check, one per hit, ids only."""
    names = {name: (data.get(name) or "").strip() for name in NAME_FIELDS}
    if not any(names.values()):
        return []
    birth = None
    if data.get("birth_date"):
        try:
            birth = PartialDate.parse(data["birth_date"])
        except ValueError:
            return []  # the save refuses the date and names the field
    unchanged = all(names[name] == getattr(client, name) for name in NAME_FIELDS) and (
        (birth.iso() if birth else "") == client.birth_date
    )
    if unchanged:
        return []
    identity = ClientIdentity(**names, birth=birth)
    duplicates = selectors.likely_duplicates_for(by, client=client, identity=identity)
    audit_object(
        actor=by,
        action=AuditAction.READ,
        obj=client,
        purpose=f"Dublettenprüfung: {len(duplicates)} Treffer",
    )
    for other in duplicates:
        audit_object(
            actor=by,
            action=AuditAction.READ,
            obj=other,
            purpose=f"Dublettenprüfung zu Fall-ID {client.pk}",
        )
    return duplicates


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
            gettext(
                "%(verbose_name)s: Angaben zu Gesundheit und Behinderung dürfen nur mit einer "
                "ausdrücklichen Einwilligung für diesen Zweck gespeichert werden (Art. 9 Abs. 2 a "
                "DSGVO; BW 4.1.4 f)."
            )
            % {"verbose_name": Client._meta.get_field(field).verbose_name},
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
    client.name_keys = client_name_keys(client)
    client.version = F("version") + 1
    client.changed_at = clock.now()
    client.changed_by = by
    client.save()
    client.refresh_from_db()
    audit_object(
        actor=by, action=AuditAction.UPDATE, obj=client, purpose="Persönliche Angaben geändert"
    )
    return client


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
        return gettext(
            "Neue:r Integrationsmanager:in: %(name)s hat keine Rolle im Fallmanagement bei "
            "%(organisation)s."
        ) % {"name": to.get_full_name() or to.username, "organisation": client.organisation.name}
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
            raise RuleViolation(gettext("Fälle neu zuweisen kann nur die Teamleitung."))
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
