"""Every URL of Lotse, who may use it, and sample data (the integreat-cms pattern).

One entry per URL name and method. ``allowed`` lists the roles that may use the
route on objects of their own region; everybody else must get 403 or 404, and
objects of the other region answer 403/404 to everyone, those of the role's
neighbour (NEIGHBOURS) to the roles allowed. A write names what it ``changes``, a
list the records it ``lists``. Adding a URL without an entry here fails
``test_every_url_is_registered``. Later issues extend ROUTES.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from lotse.accounts.permissions import Role
from lotse.core.tenancy import Area

ALL_ROLES = frozenset(Role.values)
# What `organisations:*` pages need: every role reads the directory of its region.
DIRECTORY = ALL_ROLES
USER_READERS = frozenset({Role.ADMIN, Role.DPO})
ADMINS = frozenset({Role.ADMIN})
DPO = frozenset({Role.DPO})
# SPEC §1: case files are the case managers' and team leads' only (never coordination).
CASE_WORKERS = frozenset({Role.CASE_MANAGER, Role.TEAM_LEAD})
TEAM_LEADS = frozenset({Role.TEAM_LEAD})

# The signed-in user of each role, in the "own" region (Kreis Unna, NRW).
ROLE_USERS = {
    Role.CASE_MANAGER: "cm.luenen",
    Role.TEAM_LEAD: "lead.luenen",
    Role.COORDINATION: "coord.unna",
    Role.GRANTS_OFFICER: "grants.unna",
    Role.AUTHORITY: "authority.arnsberg",
    Role.AUDITOR: "auditor",
    Role.DPO: "dpo",
    Role.ADMIN: "admin.nrw",  # created by the test: the demo admin looks after both states
}
ROLE_OF = {username: role for role, username in ROLE_USERS.items()}


@dataclass(frozen=True)
class Place:
    """A town with the nodes above it and a case manager there: where one tenant's objects
    are made (the factories of tests/test_access_matrix.py and tests/*/world.py)."""

    tag: str  # in the objects' case numbers, names and file numbers, to find them in a page
    town: str
    county: str
    authority: str
    case_manager: str
    association: str | None = None


LUENEN = Place(
    "LUENEN", "Lünen", "Kreis Unna", "Bezirksregierung Arnsberg", "cm.luenen", "Nordkreis"
)
BERGKAMEN = Place(
    "BERGKAMEN",
    "Bergkamen",
    "Kreis Unna",
    "Bezirksregierung Arnsberg",
    "cm.bergkamen",
    "Mittelkreis",
)
BACKNANG = Place(
    "BACKNANG",
    "Backnang",
    "Rems-Murr-Kreis",
    "Regierungspräsidium Stuttgart",
    "cm.backnang",
    "Verbund Schwäbischer Wald",
)
# Not in the demo, which has one county per state; the matrix makes them on first use: the
# neighbouring county under the same authority, and one in the neighbouring Regierungsbezirk.
SOEST = Place("SOEST", "Soest", "Kreis Soest", "Bezirksregierung Arnsberg", "cm.soest")
COESFELD = Place(
    "COESFELD", "Coesfeld", "Kreis Coesfeld", "Bezirksregierung Münster", "cm.coesfeld"
)

# The two foreign tenants a test asks for with own=False (World.foreign).
OTHER_STATE = "other state"  # Backnang, Rems-Murr-Kreis, Baden-Württemberg: foreign to all
NEIGHBOUR = "neighbour"  # the nearest place in NRW outside the role's reach, below

# A role applies to the subtree of the node where it is held (lotse.core.tenancy), so what is
# foreign next door depends on that node and, for the coordinating office, on the area.
# None (the default for the role's other areas) → the role's neighbour for every area.
NEIGHBOURS: dict[str, dict[Area | None, Place | None]] = {
    # Held in Lünen: the next town of the same county keeps its own cases and staff.
    Role.CASE_MANAGER: {None: BERGKAMEN},
    Role.TEAM_LEAD: {None: BERGKAMEN},
    # Held at Kreis Unna, whose directory covers the county; but KIM §4(3): Lünen runs its own
    # coordinating office, so the county's does not see Lünen's staff or figures.
    Role.COORDINATION: {None: SOEST, Area.STAFF: LUENEN, Area.AGGREGATES: LUENEN},
    # Held at Kreis Unna: every town of the county is theirs, the next county is not.
    Role.GRANTS_OFFICER: {None: SOEST},
    Role.DPO: {None: SOEST},
    # Held at the Bezirksregierung Arnsberg: the next Regierungsbezirk is not theirs.
    Role.AUTHORITY: {None: COESFELD},
    Role.AUDITOR: {None: COESFELD},
    # Held at the state: all of NRW is theirs, so only the other state is foreign. No
    # neighbour check (test_route_for_role skips it).
    Role.ADMIN: {None: None},
}


def neighbour(role: str, area: Area) -> Place | None:
    table = NEIGHBOURS[role]
    return table.get(area, table[None])


def has_neighbour(role: str) -> bool:
    return any(place is not None for place in NEIGHBOURS[role].values())


CALCULATOR = "a calculator: answers with the result and stores nothing"
# The calculator pages show their result on the page they were posted from.
SHOWS_RESULT = {"success": {200}}

# Sample input of the funding calculator pages (German notation, as people type it).
CALCULATOR_FORM = {
    "programme": "kim-nrw-bs2",
    "fte": "0,5",
    "start": "2023-07-01",
    "end": "2023-12-31",
}
FARE_LOSS_FORM = {"year": "2021", "revenue": "1.234.567,89"}
PLANNING_FRAME_FORM = {
    "budget": "1.000.000,00",
    "minimum": "180.000,00",
    "quotas": "Kreis A; 10; 10; 10\nKreis B; 1; 2; 1",
}


@dataclass(frozen=True)
class Route:
    name: str
    allowed: frozenset[str]
    method: str = "get"
    # kwargs(world, own) → URL kwargs; None for routes without objects.
    kwargs: Callable | None = None
    # data(world, own) → POST/JSON body.
    data: Callable | None = None
    public: bool = False  # anonymous visitors may use it too
    api: bool = False  # JSON API: bearer token instead of the session
    query: str = ""
    # What a write changes, for every role in ``allowed`` (tests/test_access_matrix.py runs it
    # before and after the request; the two must differ): usually ``_rows("app.Model")``. A
    # route that stores nothing says why in a string instead.
    changes: Callable | str | None = None
    # For a route that lists records: lists(world, own) makes one tenant's records and returns
    # the texts that identify them (case numbers, names, file numbers). For the roles allowed
    # the route, the own texts must be in the answer and those of the other state and of the
    # role's neighbour must not. A list that needs no check says why in a string instead.
    lists: Callable | str | None = None
    # Rarely needed: "status" (other answers that count as allowed), "session" (what the
    # browser session holds before the request), "success" (what a page write answers instead
    # of a redirect), "refused_writes" ({role: why that role's sample cannot write}).
    extra: dict = field(default_factory=dict)


def _rows(label: str) -> Callable:
    """Every row of one table, to compare before and after a write: a form that re-renders
    with an error, or a redirect with an error message, leaves them as they were."""

    def snapshot(world):
        from django.apps import apps

        return list(apps.get_model(label).objects.order_by("pk").values_list())

    snapshot.label = label
    return snapshot


# --- What list pages show: one tenant's records and the texts that identify them ---------


def _api_org(organisation) -> str:
    """How some API rows name their organisation: by id only, so the mark is the JSON pair."""
    return f'"organisation_id": {organisation.pk}'


def _case_rows(world, own):
    case = world.case(own)
    return [case.client.case_number, case.closed_client.case_number]


def _open_case_rows(world, own):
    """What is due lies in open cases only."""
    return [world.case(own).client.case_number]


def _my_case_rows(world, own):
    """?mine=true lists the cases the user keeps, and a team lead keeps none of these."""
    rows = _case_rows(world, own)
    return rows if not own or world.case(own).client.case_manager == world.current else []


def _account_rows(world, own):
    return [_account(world, own).username]


def _organisation_rows(world, own):
    return [_town(world, own).name]


def _audit_rows(world, own):
    """A line of the access log filed under the place's town (ids only, so the purpose
    carries the mark)."""
    from lotse.privacy.models import AuditAction
    from lotse.privacy.services import audit_record

    place = LUENEN if own else world.foreign_place(Area.AUDIT)
    entry = audit_record(
        actor=None,
        action=AuditAction.READ,
        object_type="cases.client",
        organisation_id=world.org(place.town).pk,
        purpose=f"Matrix {place.tag}",
    )
    return [entry.purpose]


def _employee_rows(world, own):
    from tests.staff.world import staff_for

    return [staff_for(world, own).employee.last_name]


def _training_rows(world, own):
    from datetime import date

    from lotse.staff.models import TrainingOffer
    from tests.staff.world import staff_for

    employee = staff_for(world, own).employee
    offer, _ = TrainingOffer.objects.get_or_create(
        organisation=employee.organisation,
        topic=f"Fortbildung {employee.last_name}",
        defaults={"date": date(2025, 3, 1), "provider": "VHS"},
    )
    return [offer.topic]


def _network_event_rows(world, own):
    from lotse.indicators.models import NetworkEvent
    from tests.staff.world import staff_for

    employee = staff_for(world, own).employee
    event, _ = NetworkEvent.objects.get_or_create(
        organisation=employee.organisation,
        title=f"Netzwerktreffen {employee.last_name}",
        defaults={"held_on": world.today, "recorded_by": world.users[Role.COORDINATION]},
    )
    return [event.title]


def _staff_api_rows(world, own):
    from tests.staff.world import staff_for

    return [_api_org(staff_for(world, own).employee.organisation)]


def _grant_rows(world, own):
    return _decision_rows(world, own) + _contract_rows(world, own)


def _decision_rows(world, own):
    return [_grant_objects(world, own).decision.file_number]


def _contract_rows(world, own):
    return [_grant_objects(world, own).contract.title]


def _recipient_rows(world, own):
    return [_grant_objects(world, own).town.name]


def _recipient_api_rows(world, own):
    return [_api_org(_grant_objects(world, own).town)]


def _county_rows(world, own):
    """The overview shows the decisions starting in the year asked for (by default this one)."""
    return [_running_decision(world, own).organisation.name]


def _proof_rows(world, own):
    _proofs(world, own)
    return _recipient_rows(world, own)


def _frame_rows(world, own):
    return [_planning(world, own).county_frame.organisation.name]


def _deadline_rows(world, own):
    return [_running_decision(world, own).organisation.name]


def _provider_rows(world, own):
    from lotse.cases.models import Service

    return [Service.objects.get(pk=_local_provider(world, own)["pk"]).label]


def _document_text_rows(world, own):
    """A text's own version is listed under the organisation it applies to."""
    _document_text(world, own)
    return [_town(world, own).name]


# The rows of one case, listed below the case in the URL: which case a user reaches is what
# the object check of every route with kwargs proves.
ONE_CASE = "the rows of the one case in the URL; the object check covers which case"


def _town(world, own):
    return world.own_org if own else world.foreign_org(Area.ORGANISATIONS)


def _org(name):
    return lambda world, own: {"pk": _town(world, own).pk}


def _association(world, own):
    if own:
        return {"pk": world.own_association.pk}
    place = world.foreign_place(Area.ORGANISATIONS)
    assert place.association, f"{place.town} belongs to no association"
    return {"pk": world.org(place.association).pk}


def _account(world, own):
    return world.own_user if own else world.foreign_user()


def _user(world, own):
    return {"pk": _account(world, own).pk}


def _membership(world, own):
    user = _account(world, own)
    return {"pk": user.pk, "membership_pk": user.memberships.first().pk}


def _token(world, own):
    user = (world.current or world.own_user) if own else _account(world, own)
    return {"pk": world.own_token(user).pk}


def _org_api(world, own):
    return {"organisation_id": _town(world, own).pk}


def _member_data(world, own):
    return {
        "municipality": world.spare_town.pk,
        "valid_from": "2030-01-01",
        "valid_to": "2030-12-31",
    }


def _organisation_data(world, own):
    return {"parent": world.county.pk, "kind": "welfare", "name": "AWO Testverband"}


def _membership_data(world, own):
    return {"role": Role.CASE_MANAGER, "organisation": world.own_org.pk, "valid_from": "2026-01-01"}


def _user_create_data(world, own):
    return {
        "username": "neu.person",
        "first_name": "Neu",
        "last_name": "Person",
        "password1": "ein-langes-Passwort-42",
        "password2": "ein-langes-Passwort-42",
        **_membership_data(world, own),
    }


def _client(world, own):
    return {"pk": world.case(own).client.pk}


def _closed_client(world, own):
    case = world.case(own)
    return {"pk": case.closed_client.pk, "closure_pk": case.closure.pk}


def _consent(world, own):
    case = world.case(own)
    return {"pk": case.client.pk, "consent_pk": case.consent.pk}


def _extension(world, own):
    case = world.case(own)
    return {"pk": case.client.pk, "extension_pk": case.extension.pk}


def _client_create_data(world, own):
    return {
        "organisation": world.own_org.pk,
        "municipality": world.own_org.pk,
        "initials": "AK",
        "birth_year": "1990",
    }


def _personal_data(world, own):
    client = world.case(own).client
    return {
        "version": str(client.version),
        "given_names_latin": "Amina",
        "family_name_latin": "Karimi",
        "birth_date": "05.1990",
        "gender": "female",
    }


def _consent_data(world, own):
    return {
        "purposes": [world.purpose("beratung").pk],
        "given_on": world.today.isoformat(),
        "explained_in": "Dari",
    }


def _consultation_data(world, own):
    return {"held_on": world.today.isoformat(), "duration_minutes": "45", "channel": "in_person"}


def _running_client(world, own):
    from tests.api.case_world import running_case_without_extension

    return {"pk": running_case_without_extension(world, own).pk}


def _extension_data(world, own):
    from tests.api.case_world import extension_data

    return extension_data(world, own)


def _closure_data(world, own):
    return {
        "reason": world.closure_reason("ziele-erreicht").pk,
        "closed_on": world.today.isoformat(),
    }


def _goal(world, own):
    case = world.case(own)
    return {"pk": case.client.pk, "goal_pk": case.goal.pk}


def _referral(world, own):
    case = world.case(own)
    return {"pk": case.client.pk, "referral_pk": case.referral.pk}


def _done_referral(world, own):
    case = world.case(own)
    return {"pk": case.client.pk, "referral_pk": case.done_referral.pk}


def _plan_data(world, own):
    return {
        "version": str(world.case(own).plan.version),
        "started_on": world.case(own).plan.started_on.isoformat(),
        "personal": "Familie mit zwei Kindern",
        "language_level": "A2",
    }


def _goal_data(world, own):
    return {
        "version": str(world.case(own).plan.version),
        "life_area": "work",
        "goal": "Arbeit finden",
        "status": "open",
    }


def _referral_data(world, own):
    return {
        "service": world.service("mbe").pk,
        "referred_on": world.today.isoformat(),
        "reason": "Beratung",
    }


def _referral_status_data(world, own):
    return {"status": "accepted", "on": world.today.isoformat(), "note": "Termin"}


def _reopen_data(world, own):
    return {"on": world.today.isoformat(), "note": "Neuer Termin nötig"}


def _reassessment_data(world, own):
    return {
        "held_on": world.today.isoformat(),
        "language_start": "1",
        "language_now": "3",
        "note": "Kurs läuft",
    }


def _barrier_data(world, own):
    return {"theme": world.barrier_theme("wohnungsmangel").pk, "noted_on": world.today.isoformat()}


def _conference_data(world, own):
    return {
        "held_on": world.today.isoformat(),
        "agenda": "Arbeitsaufnahme und Kinderbetreuung",
        "participants-TOTAL_FORMS": "1",
        "participants-INITIAL_FORMS": "0",
        "participants-0-name": "Frau Jansen",
        "participants-0-body": "Jobcenter Kreis Unna",
        "participants-0-legal_domain": "sgb2",
        "participants-0-external": "on",
        "agreements-TOTAL_FORMS": "1",
        "agreements-INITIAL_FORMS": "0",
        "agreements-0-life_area": "work",
        "agreements-0-text": "Bewerbungstraining",
    }


# SPEC §5: counts without personal data, for every role with aggregates.
AGGREGATE_READERS = frozenset(
    {Role.CASE_MANAGER, Role.TEAM_LEAD, Role.COORDINATION, Role.GRANTS_OFFICER, Role.AUTHORITY}
)


def _reassign_data(world, own):
    # The client is cm.luenen's already; the team lead takes it over (a team lead keeps cases
    # too, selectors.team_case_managers).
    return {"clients": [world.case(True).client.pk], "to": world.users[Role.TEAM_LEAD].pk}


ROUTES: list[Route] = [
    Route("home:start", ALL_ROLES),
    Route("core:health", ALL_ROLES, public=True),
    Route(
        "set_language",
        ALL_ROLES,
        method="post",
        public=True,
        data=lambda w, o: {"language": "en", "next": "/"},
        changes="sets the language cookie; stores no row",
    ),
    Route("accounts:login", ALL_ROLES, public=True),
    Route(
        "accounts:logout",
        ALL_ROLES,
        method="post",
        changes="ends the session; stores no row of its own",
    ),
    Route("accounts:otp_verify", ALL_ROLES),
    Route("accounts:otp_setup", ALL_ROLES),
    Route("accounts:account", ALL_ROLES),
    Route("accounts:password_change", ALL_ROLES),
    Route(
        "accounts:token_revoke",
        ALL_ROLES,
        method="post",
        kwargs=_token,
        changes=_rows("accounts.ApiToken"),
    ),
    Route(
        "accounts:user_list",
        USER_READERS,
        lists=_account_rows,
    ),
    Route(
        "accounts:user_list",
        USER_READERS,
        method="post",
        data=lambda w, o: {"q": "cm."},
        changes="a search: keeps the term in the session (never in a URL) and stores no row",
    ),
    Route("accounts:user_create", ADMINS),
    Route(
        "accounts:user_create",
        ADMINS,
        method="post",
        data=_user_create_data,
        changes=_rows("accounts.User"),
    ),
    Route("accounts:user_detail", USER_READERS, kwargs=_user),
    Route("accounts:membership_add", ADMINS, kwargs=_user),
    Route(
        "accounts:membership_add",
        ADMINS,
        method="post",
        kwargs=_user,
        data=_membership_data,
        changes=_rows("accounts.Membership"),
    ),
    Route("accounts:membership_end", ADMINS, kwargs=_membership),
    Route(
        "accounts:membership_end",
        ADMINS,
        method="post",
        kwargs=_membership,
        data=lambda w, o: {"valid_to": "2030-01-01"},
        changes=_rows("accounts.Membership"),
    ),
    Route(
        "organisations:tree",
        DIRECTORY,
        lists=_organisation_rows,
    ),
    Route("organisations:detail", DIRECTORY, kwargs=_org("own")),
    Route("organisations:create", ADMINS),
    Route(
        "organisations:create",
        ADMINS,
        method="post",
        data=_organisation_data,
        changes=_rows("organisations.Organisation"),
    ),
    Route("organisations:edit", ADMINS, kwargs=_org("own")),
    Route(
        "organisations:edit",
        ADMINS,
        method="post",
        kwargs=_org("own"),
        data=lambda w, o: {"name": "Lünen (Stadt)"},
        changes=_rows("organisations.Organisation"),
    ),
    Route("organisations:member_add", ADMINS, kwargs=_association),
    Route(
        "organisations:member_add",
        ADMINS,
        method="post",
        kwargs=_association,
        data=_member_data,
        changes=_rows("organisations.AssociationMembership"),
    ),
    # Case work (issue 3)
    Route(
        "cases:client_list",
        CASE_WORKERS,
        lists=_case_rows,
    ),
    Route(
        "cases:client_list",
        CASE_WORKERS,
        method="post",
        data=lambda w, o: {"q": "2026"},
        changes="a search: keeps the term in the session (never in a URL) and stores no row",
    ),
    Route("cases:client_create", CASE_WORKERS),
    Route(
        "cases:client_create",
        CASE_WORKERS,
        method="post",
        data=_client_create_data,
        changes=_rows("cases.Client"),
    ),
    Route(
        "cases:worklist",
        CASE_WORKERS,
        lists=_open_case_rows,
    ),
    Route(
        "cases:worklist",
        CASE_WORKERS,
        query="?ansicht=team",
        lists=_open_case_rows,
    ),
    Route("cases:reassign", TEAM_LEADS),
    Route(
        "cases:reassign",
        TEAM_LEADS,
        method="post",
        data=_reassign_data,
        changes=_rows("cases.Client"),
    ),
    Route("cases:client_detail", CASE_WORKERS, kwargs=_client),
    Route("cases:client_personal", CASE_WORKERS, kwargs=_client),
    Route(
        "cases:client_personal",
        CASE_WORKERS,
        method="post",
        kwargs=_client,
        data=_personal_data,
        changes=_rows("cases.Client"),
    ),
    Route("cases:consent_create", CASE_WORKERS, kwargs=_client),
    Route(
        "cases:consent_create",
        CASE_WORKERS,
        method="post",
        kwargs=_client,
        data=_consent_data,
        changes=_rows("cases.Consent"),
    ),
    Route("cases:consent_withdraw", CASE_WORKERS, kwargs=_consent),
    Route(
        "cases:consent_withdraw",
        CASE_WORKERS,
        method="post",
        kwargs=_consent,
        data=lambda w, o: {"withdrawn_on": w.today.isoformat()},
        changes=_rows("cases.Consent"),
    ),
    Route("cases:consent_download", CASE_WORKERS, kwargs=_consent),
    Route("cases:consultation_create", CASE_WORKERS, kwargs=_client),
    Route(
        "cases:consultation_create",
        CASE_WORKERS,
        method="post",
        kwargs=_client,
        data=_consultation_data,
        changes=_rows("cases.Consultation"),
    ),
    Route("cases:extension_request", CASE_WORKERS, kwargs=_client),
    # The case of world.case() has a pending extension already, so a second request would be
    # refused: the sample asks for one on a running case without (tests/api/case_world.py).
    Route(
        "cases:extension_request",
        CASE_WORKERS,
        method="post",
        kwargs=_running_client,
        data=_extension_data,
        changes=_rows("cases.CounselingExtension"),
    ),
    Route("cases:extension_decide", TEAM_LEADS, kwargs=_extension),
    Route(
        "cases:extension_decide",
        TEAM_LEADS,
        method="post",
        kwargs=_extension,
        data=lambda w, o: {"decision": "approve"},
        changes=_rows("cases.CounselingExtension"),
    ),
    Route("cases:closure_create", CASE_WORKERS, kwargs=_client),
    Route(
        "cases:closure_create",
        CASE_WORKERS,
        method="post",
        kwargs=_client,
        data=_closure_data,
        changes=_rows("cases.Closure"),
    ),
    Route("cases:closure_reopen", TEAM_LEADS, kwargs=_closed_client),
    Route(
        "cases:closure_reopen",
        TEAM_LEADS,
        method="post",
        kwargs=_closed_client,
        changes=_rows("cases.Closure"),
    ),
    # Integration plan (BW 4.1.6) and referrals (BW 4.1.4 c–d): case workers only.
    Route("cases:plan", CASE_WORKERS, kwargs=_client),
    Route(
        "cases:plan",
        CASE_WORKERS,
        method="post",
        kwargs=_client,
        data=_plan_data,
        changes=_rows("cases.IntegrationPlan"),
    ),
    Route("cases:plan_goal_create", CASE_WORKERS, kwargs=_client),
    Route(
        "cases:plan_goal_create",
        CASE_WORKERS,
        method="post",
        kwargs=_client,
        data=_goal_data,
        changes=_rows("cases.PlanGoal"),
    ),
    Route("cases:plan_goal_edit", CASE_WORKERS, kwargs=_goal),
    Route(
        "cases:plan_goal_edit",
        CASE_WORKERS,
        method="post",
        kwargs=_goal,
        data=_goal_data,
        changes=_rows("cases.PlanGoal"),
    ),
    Route("cases:plan_versions", CASE_WORKERS, kwargs=_client),
    Route("cases:referral_create", CASE_WORKERS, kwargs=_client),
    Route(
        "cases:referral_create",
        CASE_WORKERS,
        method="post",
        kwargs=_client,
        data=_referral_data,
        changes=_rows("cases.Referral"),
    ),
    Route("cases:referral_detail", CASE_WORKERS, kwargs=_referral),
    Route(
        "cases:referral_detail",
        CASE_WORKERS,
        method="post",
        kwargs=_referral,
        data=_referral_status_data,
        changes=_rows("cases.Referral"),
    ),
    Route("cases:referral_reopen", CASE_WORKERS, kwargs=_done_referral),
    # Re-assessment (KIM §3(2)c) and structural problems; the report is counts only.
    Route("cases:reassessment_create", CASE_WORKERS, kwargs=_client),
    Route(
        "cases:reassessment_create",
        CASE_WORKERS,
        method="post",
        kwargs=_client,
        data=_reassessment_data,
        changes=_rows("cases.Reassessment"),
    ),
    Route("cases:barrier_create", CASE_WORKERS, kwargs=_client),
    Route(
        "cases:barrier_create",
        CASE_WORKERS,
        method="post",
        kwargs=_client,
        data=_barrier_data,
        changes=_rows("cases.CaseBarrier"),
    ),
    Route("cases:barrier_report", AGGREGATE_READERS),
    # Case conferences (KIM §3(2)b).
    Route("cases:conference_create", CASE_WORKERS, kwargs=_client),
    Route(
        "cases:conference_create",
        CASE_WORKERS,
        method="post",
        kwargs=_client,
        data=_conference_data,
        changes=_rows("cases.CaseConference"),
    ),
    Route(
        "cases:referral_reopen",
        CASE_WORKERS,
        method="post",
        kwargs=_done_referral,
        data=_reopen_data,
        changes=_rows("cases.Referral"),
    ),
    Route(
        "privacy:audit_log",
        DPO,
        lists=_audit_rows,
    ),
    Route(
        "privacy:audit_log",
        DPO,
        query="?action=read&day_from=2026-01-01",
        lists=_audit_rows,
    ),
    # Funding calculator: public rules, no tenant data – every signed-in role (issue 5).
    Route("funding:calculator", ALL_ROLES),
    Route(
        "funding:calculator",
        ALL_ROLES,
        method="post",
        data=lambda w, o: CALCULATOR_FORM,
        changes=CALCULATOR,
        extra=SHOWS_RESULT,
    ),
    Route("funding:fare_loss", ALL_ROLES),
    Route(
        "funding:fare_loss",
        ALL_ROLES,
        method="post",
        data=lambda w, o: FARE_LOSS_FORM,
        changes=CALCULATOR,
        extra=SHOWS_RESULT,
    ),
    Route("funding:planning_frame", ALL_ROLES),
    Route(
        "funding:planning_frame",
        ALL_ROLES,
        method="post",
        data=lambda w, o: PLANNING_FRAME_FORM,
        changes=CALCULATOR,
        extra=SHOWS_RESULT,
    ),
    # JSON API
    Route("api:api-root", ALL_ROLES, api=True, public=True, extra={"status": {404}}),
    Route("api:openapi-json", ALL_ROLES, api=True, public=True),
    Route("api:openapi-view", ALL_ROLES, api=True, public=True),
    Route(
        "api:token_create",
        ALL_ROLES,
        method="post",
        api=True,
        public=True,
        data=lambda w, o: {"username": "cm.luenen", "password": "Lotse-Demo-2026!"},
        changes=_rows("accounts.ApiToken"),
    ),
    Route(
        "api:token_revoke",
        ALL_ROLES,
        method="delete",
        api=True,
        changes=_rows("accounts.ApiToken"),
    ),
    Route("api:me", ALL_ROLES, api=True),
    Route(
        "api:organisation_list",
        DIRECTORY,
        api=True,
        lists=_organisation_rows,
    ),
    Route("api:organisation_detail", DIRECTORY, api=True, kwargs=_org_api),
    Route(
        "api:audit_list",
        DPO,
        api=True,
        lists=_audit_rows,
    ),
    Route("api:funding_programmes", ALL_ROLES, api=True),
    Route(
        "api:funding_calculate",
        ALL_ROLES,
        method="post",
        api=True,
        data=lambda w, o: {
            "programme": "kim-nrw-bs2",
            "fte": "0.5",
            "start": "2023-07-01",
            "end": "2023-12-31",
            "costs": "20000.00",
        },
        changes=CALCULATOR,
    ),
    Route(
        "api:funding_fare_loss",
        ALL_ROLES,
        method="post",
        api=True,
        data=lambda w, o: {"year": 2021, "revenue": "1234567.89"},
        changes=CALCULATOR,
    ),
    Route(
        "api:funding_planning_frame",
        ALL_ROLES,
        method="post",
        api=True,
        data=lambda w, o: {
            "budget": "1000000.00",
            "minimum": "180000",
            "quotas": {"Rems-Murr-Kreis": ["3.8", "3.9", "4.0"], "Kreis Unna": ["1", "1", "2"]},
        },
        changes=CALCULATOR,
    ),
    Route(
        "api:funding_interest",
        ALL_ROLES,
        method="post",
        api=True,
        data=lambda w, o: {"principal": "10000.00", "start": "2024-01-01", "end": "2024-12-31"},
        changes=CALCULATOR,
    ),
]


# --- Staff (issue 4): read by the coordinating office, grants officer and team lead,
# written by the coordinating office. Objects come from tests/staff/world.py.
STAFF_READERS = frozenset({Role.COORDINATION, Role.GRANTS_OFFICER, Role.TEAM_LEAD})
STAFF_WRITERS = frozenset({Role.COORDINATION})


def _employee(world, own):
    from tests.staff.world import staff_for

    return {"pk": staff_for(world, own).employee.pk}


def _period(world, own):
    from tests.staff.world import staff_for

    return {"pk": staff_for(world, own).period.pk}


def _staff_document(world, own):
    from tests.staff.world import staff_for

    return {"kind": "gleichwertigkeit", "pk": staff_for(world, own).proof.pk}


def _employee_data(world, own):
    return {
        "organisation": world.spare_town.pk,
        "first_name": "Neu",
        "last_name": "Kraft",
        "function": "integration_manager",
        "hire_date": "2026-02-01",
        "degree_field": "social_work",
    }


def _period_data(world, own):
    from tests.staff.world import staff_for

    # BW 3.4: a period without the person employed is refused, so the sample names one.
    employee = staff_for(world, True).employee
    return {"employee": employee.pk, "position": "IM-NEU", "start": "2030-01-01", "fte": "0,5"}


def _proof_data(world, own):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.staff.world import PDF

    return {
        "qualification": "degree",
        "kind": "certificate_evaluation",
        "issued_on": "2024-03-01",
        "document": SimpleUploadedFile("nachweis.pdf", PDF, "application/pdf"),
    }


def _check_data(world, own):
    return {
        "checked_on": "2024-01-01",
        "method": "enhanced_certificate",
        "outcome": "cleared",
        "checked_by": "Personalamt",
    }


def _interruption_data(world, own):
    return {"start": "2025-01-01", "end": "2025-02-01", "reason": "Elternzeit"}


def _training_data(world, own):
    return {
        "organisation": world.county.pk,
        "topic": "Traumasensible Beratung",
        "date": "2025-03-01",
        "provider": "VHS",
    }


def _api_employee_data(world, own):
    return {
        "organisation_id": world.spare_town.pk,
        "first_name": "Api",
        "last_name": "Kraft",
        "function": "integration_manager",
        "hire_date": "2026-02-01",
    }


def _api_employment_data(world, own):
    from tests.staff.world import staff_for

    return {
        "employee_id": staff_for(world, True).employee.pk,
        "position": "IM-API",
        "start": "2031-01-01",
        "fte": "0.5",
    }


STAFF_ROUTES: list[Route] = [
    Route(
        "staff:compliance",
        STAFF_READERS,
        lists=_employee_rows,
    ),
    Route(
        "staff:compliance",
        STAFF_READERS,
        query="?rule=training&state=open&year=2025&q=Er",
        lists=_employee_rows,
    ),
    Route(
        "staff:compliance_export",
        STAFF_READERS,
        lists=_employee_rows,
    ),
    Route("staff:employee_detail", STAFF_READERS, kwargs=_employee),
    Route("staff:employee_create", STAFF_WRITERS),
    Route(
        "staff:employee_create",
        STAFF_WRITERS,
        method="post",
        data=_employee_data,
        changes=_rows("staff.Employee"),
    ),
    Route("staff:employee_edit", STAFF_WRITERS, kwargs=_employee),
    Route(
        "staff:employee_edit",
        STAFF_WRITERS,
        method="post",
        kwargs=_employee,
        data=lambda w, o: {**_employee_data(w, o), "last_name": "Geändert"},
        changes=_rows("staff.Employee"),
    ),
    Route("staff:proof_add", STAFF_WRITERS, kwargs=_employee),
    Route(
        "staff:proof_add",
        STAFF_WRITERS,
        method="post",
        kwargs=_employee,
        data=_proof_data,
        changes=_rows("staff.EquivalenceProof"),
    ),
    Route("staff:supplementary_add", STAFF_WRITERS, kwargs=_employee),
    Route(
        "staff:supplementary_add",
        STAFF_WRITERS,
        method="post",
        kwargs=_employee,
        data=lambda w, o: {
            "title": "Modul 2",
            "provider": "Liga",
            "start": "2024-03-01",
            "end": "2024-03-02",
            "days": "2",
            "topics": "c",
        },
        changes=_rows("staff.SupplementaryTraining"),
    ),
    Route("staff:check_add", STAFF_WRITERS, kwargs=_employee),
    Route(
        "staff:check_add",
        STAFF_WRITERS,
        method="post",
        kwargs=_employee,
        data=_check_data,
        changes=_rows("staff.BackgroundCheck"),
    ),
    Route("staff:period_create", STAFF_WRITERS, kwargs=_employee),
    Route(
        "staff:period_create",
        STAFF_WRITERS,
        method="post",
        kwargs=_employee,
        data=_period_data,
        changes=_rows("staff.EmploymentPeriod"),
    ),
    Route("staff:period_edit", STAFF_WRITERS, kwargs=_period),
    Route(
        "staff:period_edit",
        STAFF_WRITERS,
        method="post",
        kwargs=_period,
        data=lambda w, o: {"position": "IM-TEST", "start": "2024-01-01", "fte": "0,75"},
        changes=_rows("staff.EmploymentPeriod"),
    ),
    Route("staff:interruption_add", STAFF_WRITERS, kwargs=_period),
    Route(
        "staff:interruption_add",
        STAFF_WRITERS,
        method="post",
        kwargs=_period,
        data=_interruption_data,
        changes=_rows("staff.Interruption"),
    ),
    Route(
        "staff:training_list",
        STAFF_READERS,
        lists=_training_rows,
    ),
    Route("staff:training_create", STAFF_WRITERS),
    Route(
        "staff:training_create",
        STAFF_WRITERS,
        method="post",
        data=_training_data,
        changes=_rows("staff.TrainingOffer"),
    ),
    Route("staff:document", STAFF_READERS, kwargs=_staff_document),
    Route(
        "api:staff_employee_list",
        STAFF_READERS,
        api=True,
        lists=_employee_rows,
    ),
    Route(
        "api:staff_employee_detail",
        STAFF_READERS,
        api=True,
        kwargs=lambda w, o: {"employee_id": _employee(w, o)["pk"]},
    ),
    Route(
        "api:staff_employee_create",
        STAFF_WRITERS,
        method="post",
        api=True,
        data=_api_employee_data,
        changes=_rows("staff.Employee"),
    ),
    Route(
        "api:staff_employment_list",
        STAFF_READERS,
        api=True,
        lists=_staff_api_rows,
    ),
    Route(
        "api:staff_employment_create",
        STAFF_WRITERS,
        method="post",
        api=True,
        data=_api_employment_data,
        changes=_rows("staff.EmploymentPeriod"),
    ),
    Route(
        "api:staff_training_list",
        STAFF_READERS,
        api=True,
        lists=_training_rows,
    ),
    Route(
        "api:staff_compliance",
        STAFF_READERS,
        api=True,
        lists=_staff_api_rows,
    ),
]
ROUTES += STAFF_ROUTES


# --- Case API (issue 3 item 16): the pages' case workers; objects from world.case(own)
# and tests/api/case_world.py.


def _api_client(world, own):
    return {"client_id": world.case(own).client.pk}


def _api_consent(world, own):
    case = world.case(own)
    return {"client_id": case.client.pk, "consent_id": case.consent.pk}


def _api_extension(world, own):
    case = world.case(own)
    return {"client_id": case.client.pk, "extension_id": case.extension.pk}


def _api_running_client(world, own):
    from tests.api.case_world import running_case_without_extension

    return {"client_id": running_case_without_extension(world, own).pk}


def _api_goal(world, own):
    case = world.case(own)
    return {"client_id": case.client.pk, "goal_id": case.goal.pk}


def _api_referral(world, own):
    case = world.case(own)
    return {"client_id": case.client.pk, "referral_id": case.referral.pk}


def _api_done_referral(world, own):
    case = world.case(own)
    return {"client_id": case.client.pk, "referral_id": case.done_referral.pk}


def _api_plan_data(world, own):
    plan = world.case(own).plan
    plan.refresh_from_db()
    return {
        "version": plan.version,
        "started_on": plan.started_on.isoformat(),
        "personal": "Familie mit zwei Kindern",
        "language_level": "A2",
    }


def _api_goal_data(world, own):
    plan = world.case(own).plan
    plan.refresh_from_db()
    return {"version": plan.version, "life_area": "work", "goal": "Arbeit finden"}


CASE_API_ROUTES: list[Route] = [
    Route(
        "api:case_client_list",
        CASE_WORKERS,
        api=True,
        lists=_case_rows,
    ),
    Route(
        "api:case_client_list",
        CASE_WORKERS,
        api=True,
        query="?mine=true&case_number=FALL-LUENEN",
        lists=_my_case_rows,
    ),
    Route("api:case_client_detail", CASE_WORKERS, api=True, kwargs=_api_client),
    Route(
        "api:case_client_create",
        CASE_WORKERS,
        method="post",
        api=True,
        data=lambda w, o: {"organisation_id": w.own_org.pk, "initials": "AK", "birth_year": 1990},
        changes=_rows("cases.Client"),
    ),
    Route(
        "api:case_client_update",
        CASE_WORKERS,
        method="patch",
        api=True,
        kwargs=_api_client,
        data=lambda w, o: {
            "version": w.case(True).client.version,
            "given_names_latin": "Amina",
            "family_name_latin": "Karimi",
            "birth_date": "1990-05",
            "gender": "female",
            "residence_status": "aufenthg-25-2",
        },
        changes=_rows("cases.Client"),
    ),
    Route(
        "api:case_consent_list",
        CASE_WORKERS,
        api=True,
        kwargs=_api_client,
        lists=ONE_CASE,
    ),
    Route(
        "api:case_consent_create",
        CASE_WORKERS,
        method="post",
        api=True,
        kwargs=_api_client,
        data=lambda w, o: {
            "purposes": ["beratung"],
            "given_on": w.today.isoformat(),
            "explained_in": "Dari",
        },
        changes=_rows("cases.Consent"),
    ),
    Route(
        "api:case_consent_withdraw",
        CASE_WORKERS,
        method="post",
        api=True,
        kwargs=_api_consent,
        data=lambda w, o: {"withdrawn_on": w.today.isoformat()},
        changes=_rows("cases.Consent"),
    ),
    Route(
        "api:case_consultation_list",
        CASE_WORKERS,
        api=True,
        kwargs=_api_client,
        lists=ONE_CASE,
    ),
    Route(
        "api:case_consultation_create",
        CASE_WORKERS,
        method="post",
        api=True,
        kwargs=_api_client,
        data=lambda w, o: {
            "held_on": w.today.isoformat(),
            "duration_minutes": 45,
            "channel": "in_person",
            "topics": ["arbeit", "sprache"],
            "notes": "Sprachkurs B1 gesucht",
        },
        changes=_rows("cases.Consultation"),
    ),
    Route(
        "api:case_extension_request",
        CASE_WORKERS,
        method="post",
        api=True,
        kwargs=_api_running_client,
        data=_extension_data,
        changes=_rows("cases.CounselingExtension"),
    ),
    Route(
        "api:case_extension_decide",
        TEAM_LEADS,
        method="post",
        api=True,
        kwargs=_api_extension,
        data=lambda w, o: {"approve": True},
        changes=_rows("cases.CounselingExtension"),
    ),
    Route(
        "api:case_close",
        CASE_WORKERS,
        method="post",
        api=True,
        kwargs=_api_client,
        data=lambda w, o: {"reason": "ziele-erreicht", "closed_on": w.today.isoformat()},
        changes=_rows("cases.Closure"),
    ),
    # Plan, referrals, conferences, re-assessments (lotse.api.routers.case_plans).
    Route("api:case_plan_detail", CASE_WORKERS, api=True, kwargs=_api_client),
    Route(
        "api:case_plan_save",
        CASE_WORKERS,
        method="put",
        api=True,
        kwargs=_api_client,
        data=_api_plan_data,
        changes=_rows("cases.IntegrationPlan"),
    ),
    Route(
        "api:case_goal_list",
        CASE_WORKERS,
        api=True,
        kwargs=_api_client,
        lists=ONE_CASE,
    ),
    Route(
        "api:case_goal_create",
        CASE_WORKERS,
        method="post",
        api=True,
        kwargs=_api_client,
        data=_api_goal_data,
        changes=_rows("cases.PlanGoal"),
    ),
    Route(
        "api:case_goal_update",
        CASE_WORKERS,
        method="patch",
        api=True,
        kwargs=_api_goal,
        data=lambda w, o: {**_api_goal_data(w, o), "status": "in_progress"},
        changes=_rows("cases.PlanGoal"),
    ),
    Route(
        "api:case_plan_version_list",
        CASE_WORKERS,
        api=True,
        kwargs=_api_client,
        lists=ONE_CASE,
    ),
    Route(
        "api:case_referral_list",
        CASE_WORKERS,
        api=True,
        kwargs=_api_client,
        lists=ONE_CASE,
    ),
    Route("api:case_referral_detail", CASE_WORKERS, api=True, kwargs=_api_referral),
    Route(
        "api:case_referral_create",
        CASE_WORKERS,
        method="post",
        api=True,
        kwargs=_api_client,
        data=lambda w, o: {
            "service": "mbe",
            "referred_on": w.today.isoformat(),
            "reason": "Beratung",
        },
        changes=_rows("cases.Referral"),
    ),
    Route(
        "api:case_referral_status",
        CASE_WORKERS,
        method="post",
        api=True,
        kwargs=_api_referral,
        data=lambda w, o: {"status": "accepted", "on": w.today.isoformat(), "note": "Termin"},
        changes=_rows("cases.Referral"),
    ),
    Route(
        "api:case_referral_reopen",
        CASE_WORKERS,
        method="post",
        api=True,
        kwargs=_api_done_referral,
        data=lambda w, o: {"on": w.today.isoformat(), "note": "Neuer Termin nötig"},
        changes=_rows("cases.Referral"),
    ),
    Route(
        "api:case_conference_list",
        CASE_WORKERS,
        api=True,
        kwargs=_api_client,
        lists=ONE_CASE,
    ),
    Route(
        "api:case_conference_create",
        CASE_WORKERS,
        method="post",
        api=True,
        kwargs=_api_client,
        data=lambda w, o: {
            "held_on": w.today.isoformat(),
            "agenda": "Arbeitsaufnahme und Kinderbetreuung",
            "participants": [
                {"name": "Frau Jansen", "body": "Jobcenter Kreis Unna", "legal_domain": "sgb2"}
            ],
            "agreements": [{"life_area": "work", "text": "Bewerbungstraining"}],
        },
        changes=_rows("cases.CaseConference"),
    ),
    Route(
        "api:case_reassessment_list",
        CASE_WORKERS,
        api=True,
        kwargs=_api_client,
        lists=ONE_CASE,
    ),
    Route(
        "api:case_reassessment_create",
        CASE_WORKERS,
        method="post",
        api=True,
        kwargs=_api_client,
        data=lambda w, o: {
            "held_on": w.today.isoformat(),
            "note": "Kurs läuft",
            "ratings": [{"life_area": "language", "at_start": 1, "now": 3}],
        },
        changes=_rows("cases.Reassessment"),
    ),
]
ROUTES += CASE_API_ROUTES


# --- Catalogues of case work (issue 3 item 5): the administration only. Own objects are a
# local provider of Kreis Unna (NRW, the demo admin's state); foreign ones one of the
# Rems-Murr-Kreis (BW), which an NRW administrator never reaches. A catalogue's list has
# no foreign twin, so its foreign variant is a catalogue that does not exist (404).


def _local_provider(world, own):
    from lotse.cases.models import Service, ServiceKind
    from lotse.organisations.models import Organisation

    region = "Kreis Unna" if own else world.foreign_place(Area.ORGANISATIONS).county
    provider, _ = Service.objects.get_or_create(
        code=f"matrix-provider-{region.lower().replace(' ', '-')}",
        defaults={
            "label": f"Tafel {region}",
            "kind": ServiceKind.objects.get(code="zivilgesellschaft"),
            "organisation": Organisation.objects.get(name=region),
        },
    )
    return {"catalogue": "angebote", "pk": provider.pk}


def _catalogue(world, own):
    return {"catalogue": "angebote" if own else "kein-katalog"}


def _proposed_theme(world, own):
    from lotse.cases.models import BarrierTheme

    if not own:
        return {**_local_provider(world, own), "catalogue": "strukturelle-themen"}
    theme, _ = BarrierTheme.objects.get_or_create(
        code="matrix-vorschlag", defaults={"label": "Matrix-Vorschlag", "proposed": True}
    )
    return {"catalogue": "strukturelle-themen", "pk": theme.pk}


def _provider_data(world, own):
    from lotse.cases.models import ServiceKind

    return {
        "label": "Sprachcafé Kreis Unna",
        "kind": ServiceKind.objects.get(code="zivilgesellschaft").pk,
        "organisation": world.county.pk,
        "website": "https://sprachcafe.example",
        "sort": "100",
        "active": "on",
    }


def _merge_data(world, own):
    return {"target": world.barrier_theme("wohnungsmangel").pk}


CATALOGUE_ROUTES = [
    Route("catalogues:index", ADMINS),
    Route(
        "catalogues:list",
        ADMINS,
        kwargs=_catalogue,
        lists=_provider_rows,
    ),
    Route("catalogues:create", ADMINS, kwargs=_catalogue),
    Route(
        "catalogues:create",
        ADMINS,
        method="post",
        kwargs=_catalogue,
        data=_provider_data,
        changes=_rows("cases.Service"),
    ),
    Route("catalogues:edit", ADMINS, kwargs=_local_provider),
    Route(
        "catalogues:edit",
        ADMINS,
        method="post",
        kwargs=_local_provider,
        data=_provider_data,
        changes=_rows("cases.Service"),
    ),
    Route("catalogues:delete", ADMINS, kwargs=_local_provider),
    Route(
        "catalogues:delete",
        ADMINS,
        method="post",
        kwargs=_local_provider,
        changes=_rows("cases.Service"),
    ),
    Route("catalogues:merge", ADMINS, kwargs=_proposed_theme),
    Route(
        "catalogues:merge",
        ADMINS,
        method="post",
        kwargs=_proposed_theme,
        data=_merge_data,
        changes=_rows("cases.BarrierTheme"),
    ),
]
ROUTES += CATALOGUE_ROUTES
ROUTES.append(Route("api:case_catalogue", CASE_WORKERS, api=True, kwargs=_catalogue))


# --- Indicators (issue 6): aggregates only, for every role with Area.AGGREGATES; the
# coordinating office records its networking events (BW 4.2 e, Area.STAFF write).
# Foreign units (?unit=<other region>) answer 404: tests/indicators/test_access.py.
COORDINATION_ONLY = frozenset({Role.COORDINATION})


def _year_closure(world, own):
    from django.utils import timezone

    from lotse.indicators.models import YearClosure

    closure, _ = YearClosure.objects.get_or_create(
        organisation=world.own_org if own else world.foreign_org(Area.AGGREGATES),
        year=2025,
        version=1,
        defaults={
            "closed_at": timezone.now(),
            "closed_by": world.users[Role.TEAM_LEAD],
            "figures": {},
        },
    )
    return {"pk": closure.pk}


INDICATOR_ROUTES = [
    Route("indicators:dashboard", AGGREGATE_READERS),
    Route("indicators:dashboard", AGGREGATE_READERS, query="?year=2025"),
    Route("indicators:export_xlsx", AGGREGATE_READERS, query="?year=2025"),
    Route("indicators:export_csv", AGGREGATE_READERS, query="?year=2025"),
    Route("indicators:export_pdf", AGGREGATE_READERS, query="?year=2025"),
    Route(
        "indicators:network_event_list",
        STAFF_READERS,
        lists=_network_event_rows,
    ),
    Route("indicators:network_event_create", COORDINATION_ONLY),
    Route(
        "indicators:network_event_create",
        COORDINATION_ONLY,
        method="post",
        data=lambda w, o: {
            "organisation": w.county.pk,
            "held_on": w.today.isoformat(),
            "title": "Netzwerktreffen Arbeitsmarkt",
            "participants": "23",
        },
        changes=_rows("indicators.NetworkEvent"),
    ),
    Route("api:indicators", AGGREGATE_READERS, api=True, query="?year=2025"),
    # Issue 6 item 5: the unit's team lead closes the year; reopening (team lead, or the
    # coordinating office that checks the unit: tests/indicators/test_submission.py).
    Route(
        "indicators:year_close",
        TEAM_LEADS,
        method="post",
        data=lambda w, o: {"unit": w.own_org.pk, "year": "2025"},
        changes=_rows("indicators.YearClosure"),
    ),
    Route("indicators:year_reopen", TEAM_LEADS, kwargs=_year_closure),
    Route(
        "indicators:year_reopen",
        TEAM_LEADS,
        method="post",
        kwargs=_year_closure,
        data=lambda w, o: {"reason": "Zahlen unvollständig"},
        changes=_rows("indicators.YearClosure"),
    ),
]
ROUTES += INDICATOR_ROUTES


# --- Printable documents (issue 3 items 2 and 4): case PDFs for case workers, texts for admins.


def _document_text(world, own):
    from lotse.documents.models import DocumentText

    organisation = _town(world, own)
    text, _ = DocumentText.objects.get_or_create(
        kind="consent_form",
        language="ru",
        organisation=organisation,
        defaults={
            "language_name": "Russisch",
            "title": f"Согласие {organisation.name}",
            "body": "Текст\n{purposes}",
        },
    )
    return {"pk": text.pk}


def _document_text_data(world, own):
    return {
        "language": "ti",
        "language_name": "Tigrinya",
        "native_name": "ትግርኛ",
        "title": "ፍቓድ",
        "body": "ጽሑፍ {organisation}\n{purposes}",
        "draft_translation": "on",
    }


DOCUMENT_ROUTES: list[Route] = [
    Route("documents:consent_form", CASE_WORKERS, kwargs=_client),
    Route("documents:consent_form", CASE_WORKERS, kwargs=_client, query="?sprache=ar"),
    Route("documents:plan_pdf", CASE_WORKERS, kwargs=_client),
    Route("documents:plan_summary", CASE_WORKERS, kwargs=_client, query="?sprache=uk"),
    Route(
        "documents:text_list",
        ADMINS,
        lists=_document_text_rows,
    ),
    Route("documents:text_create", ADMINS),
    Route(
        "documents:text_create",
        ADMINS,
        method="post",
        data=lambda w, o: {**_document_text_data(w, o), "organisation": w.own_org.pk},
        changes=_rows("documents.DocumentText"),
    ),
    Route("documents:text_edit", ADMINS, kwargs=_document_text),
    Route(
        "documents:text_edit",
        ADMINS,
        method="post",
        kwargs=_document_text,
        data=_document_text_data,
        changes=_rows("documents.DocumentText"),
    ),
    Route("documents:text_preview", ADMINS, kwargs=_document_text),
]
ROUTES += DOCUMENT_ROUTES


# --- Grant files (issue 5 items 3–5): grants officer and granting authority read and write,
# the auditor only reads (KIM §9). Objects from tests/funding/world.py: Kreis Unna / Bergkamen
# (own) and Rems-Murr-Kreis / Backnang (foreign).
GRANT_READERS = frozenset({Role.GRANTS_OFFICER, Role.AUTHORITY, Role.AUDITOR})
GRANT_WRITERS = frozenset({Role.GRANTS_OFFICER, Role.AUTHORITY})


def _grant_objects(world, own):
    from tests.funding.world import grants_for

    return grants_for(world, own)


def _decision(world, own):
    return {"pk": _grant_objects(world, own).decision.pk}


def _contract(world, own):
    return {"pk": _grant_objects(world, own).contract.pk}


def _version(world, own):
    return {"pk": _grant_objects(world, own).version.pk}


def _proposal(world, own):
    return {"pk": _grant_objects(world, own).proposal.pk}


def _submitted(world, own):
    return {"pk": _grant_objects(world, own).submitted.pk}


def _approved(world, own):
    return {"pk": _grant_objects(world, own).approved.pk}


def _claim(world, own):
    return {"pk": _grant_objects(world, own).claim.pk}


def _settlement_data(world, own):
    return {
        "organisation": _grant_objects(world, True).town.pk,
        "year": "2023",
        "programme_amount": "114.000,00",
        "eligible_costs": "9.000,00",
        "paid": "9.500,00",
        "settled_on": "2024-03-01",
    }


def _api_grant(world, own):
    return {"grant_id": _grant_objects(world, own).decision.pk}


def _api_contract(world, own):
    return {"contract_id": _grant_objects(world, own).contract.pk}


def _api_request(world, own):
    return {"request_id": _grant_objects(world, own).submitted.pk}


def _bs2(world):
    from lotse.funding.models import Programme

    return Programme.objects.get(slug="kim-nrw-bs2").pk


def _decision_data(world, own):
    return {"organisation": world.county.pk, "programme": _bs2(world), "fte": "1,0"}


def _decision_edit_data(world, own):
    objects = _grant_objects(world, own)
    return {
        "programme": _bs2(world),
        "decided_on": "2023-02-15",
        "file_number": "MATRIX-1",
        "period_start": "2023-01-01",
        "period_end": "2023-12-31",
        "amount": "114.000,00",
        "fte": "2",
        "authority": objects.county.parent_id,
    }


def _contract_data(world, own):
    return {
        "organisation": world.county.pk,
        "title": "Neuer Vertrag",
        "number": "0",
        "effective_from": "2024-01-01",
        "rate": "57.000,00",
        "allocations-TOTAL_FORMS": "1",
        "allocations-INITIAL_FORMS": "0",
        "allocations-MIN_NUM_FORMS": "1",
        "allocations-MAX_NUM_FORMS": "1000",
        "allocations-0-programme": _bs2(world),
        "allocations-0-recipient": _grant_objects(world, True).town.pk,
        "allocations-0-fte": "1,0",
    }


def _amend_data(world, own):
    data = _contract_data(world, own)
    for key in ("organisation", "title", "number"):
        data.pop(key)
    data["effective_from"] = "2023-10-01"
    return data


def _notice_data(world, own):
    return {"party": world.county.pk, "given_on": "2023-03-01", "reasons": "Haushaltslage"}


def _position_data(world, own):
    from tests.staff.world import staff_for

    # The grant objects' period is a funded position already; a staff period is not yet.
    period = staff_for(world, True).period
    return {"employment_period": period.pk, "programme": _bs2(world)}


def _request_data(world, own):
    objects = _grant_objects(world, True)
    return {
        "grant": f"{objects.decision.pk}-{objects.town.pk}",
        "amount": "9.500,00",
        "payout_date": "2023-03-01",
        "planned": "31.03.2023; 9.500,00; Gehälter März",
        "earlier_use": "Gehälter Februar",
    }


def _api_approved(world, own):
    return {"request_id": _grant_objects(world, own).approved.pk}


def _api_version_data(world, own):
    return {
        "effective_from": "2023-10-01",
        "rate": "57000.00",
        "allocations": [
            {
                "programme": "kim-nrw-bs2",
                "recipient_id": _grant_objects(world, True).town.pk,
                "fte": "1.0",
            }
        ],
    }


def _api_request_data(world, own):
    objects = _grant_objects(world, True)
    return {
        "grant_id": objects.decision.pk,
        "organisation_id": objects.town.pk,
        "amount": "9500.00",
        "payout_date": "2023-03-01",
        "planned": [{"due": "2023-03-31", "amount": "9500.00", "purpose": "Gehälter März"}],
        "earlier_use": "Gehälter Februar",
    }


GRANT_ROUTES: list[Route] = [
    Route(
        "funding:grant_list",
        GRANT_READERS,
        lists=_grant_rows,
    ),
    Route("funding:decision_create", GRANT_WRITERS),
    Route(
        "funding:decision_create",
        GRANT_WRITERS,
        method="post",
        data=_decision_data,
        changes=_rows("funding.GrantDecision"),
    ),
    Route("funding:decision_detail", GRANT_READERS, kwargs=_decision),
    Route("funding:decision_edit", GRANT_WRITERS, kwargs=_decision),
    Route(
        "funding:decision_edit",
        GRANT_WRITERS,
        method="post",
        kwargs=_decision,
        data=_decision_edit_data,
        changes=_rows("funding.GrantDecision"),
    ),
    Route("funding:contract_create", GRANT_WRITERS),
    Route(
        "funding:contract_create",
        GRANT_WRITERS,
        method="post",
        data=_contract_data,
        changes=_rows("funding.PassThroughContract"),
    ),
    Route("funding:contract_detail", GRANT_READERS, kwargs=_contract),
    Route("funding:contract_amend", GRANT_WRITERS, kwargs=_contract),
    Route(
        "funding:contract_amend",
        GRANT_WRITERS,
        method="post",
        kwargs=_contract,
        data=_amend_data,
        changes=_rows("funding.ContractVersion"),
    ),
    Route("funding:contract_notice", GRANT_WRITERS, kwargs=_contract),
    Route(
        "funding:contract_notice",
        GRANT_WRITERS,
        method="post",
        kwargs=_contract,
        data=_notice_data,
        changes=_rows("funding.ContractNotice"),
    ),
    Route("funding:version_detail", GRANT_READERS, kwargs=_version),
    Route("funding:version_detail", GRANT_READERS, kwargs=_proposal, query="?mit=0"),
    Route(
        "funding:proposal_accept",
        GRANT_WRITERS,
        method="post",
        kwargs=_proposal,
        changes=_rows("funding.ContractVersion"),
    ),
    Route(
        "funding:proposal_discard",
        GRANT_WRITERS,
        method="post",
        kwargs=_proposal,
        changes=_rows("funding.ContractVersion"),
    ),
    Route(
        "funding:position_list",
        GRANT_READERS,
        lists=_recipient_rows,
    ),
    Route(
        "funding:position_list",
        GRANT_READERS,
        query="?year=2023",
        lists=_recipient_rows,
    ),
    Route("funding:position_create", GRANT_WRITERS),
    Route(
        "funding:position_create",
        GRANT_WRITERS,
        method="post",
        data=_position_data,
        changes=_rows("funding.FundedPosition"),
        extra={
            "refused_writes": {
                Role.AUTHORITY: "no staff area (RIGHTS): no employment period to choose from"
            }
        },
    ),
    Route(
        "funding:request_list",
        GRANT_READERS,
        lists=_recipient_rows,
    ),
    Route("funding:request_create", GRANT_WRITERS),
    Route(
        "funding:request_create",
        GRANT_WRITERS,
        method="post",
        data=_request_data,
        changes=_rows("funding.PaymentRequest"),
    ),
    Route("funding:request_detail", GRANT_READERS, kwargs=_submitted),
    Route(
        "funding:request_decide",
        GRANT_WRITERS,
        method="post",
        kwargs=_submitted,
        data=lambda w, o: {"approve": "1", "note": ""},
        changes=_rows("funding.PaymentRequest"),
    ),
    Route(
        "funding:request_payout",
        GRANT_WRITERS,
        method="post",
        kwargs=_approved,
        data=lambda w, o: {"paid_on": "2023-02-01", "paid_amount": "9.500,00"},
        changes=_rows("funding.PaymentRequest"),
    ),
    Route("proofs:settlement_create", GRANT_WRITERS, kwargs=_decision),
    Route("proofs:settlement_create", GRANT_WRITERS, kwargs=_decision, query="?stelle=1"),
    Route(
        "proofs:settlement_create",
        GRANT_WRITERS,
        method="post",
        kwargs=_decision,
        data=_settlement_data,
        changes=_rows("funding.Settlement"),
    ),
    Route("funding:claim_detail", GRANT_READERS, kwargs=_claim),
    Route("funding:claim_detail", GRANT_READERS, kwargs=_claim, query="?until=2024-06-30"),
    Route(
        "funding:claim_pass_on",
        GRANT_WRITERS,
        method="post",
        kwargs=_claim,
        data=lambda w, o: {"recipient": _grant_objects(w, True).town.pk, "amount": "500,00"},
        changes=_rows("funding.RecoveryClaim"),
    ),
    Route(
        "funding:overview",
        GRANT_READERS,
        lists=_county_rows,
    ),
    Route(
        "funding:overview",
        GRANT_READERS,
        query="?year=2023",
        lists=_recipient_rows,
    ),
    Route(
        "api:funding_grant_list",
        GRANT_READERS,
        api=True,
        lists=_decision_rows,
    ),
    Route("api:funding_grant_detail", GRANT_READERS, api=True, kwargs=_api_grant),
    Route("api:funding_grant_ledger", GRANT_READERS, api=True, kwargs=_api_grant),
    Route(
        "api:funding_grant_create",
        GRANT_WRITERS,
        method="post",
        api=True,
        data=lambda w, o: {
            "organisation_id": w.county.pk,
            "programme": "kim-nrw-bs1",
            "fte": "1.0",
        },
        changes=_rows("funding.GrantDecision"),
    ),
    Route(
        "api:funding_contract_list",
        GRANT_READERS,
        api=True,
        lists=_contract_rows,
    ),
    Route("api:funding_contract_detail", GRANT_READERS, api=True, kwargs=_api_contract),
    Route(
        "api:funding_contract_create",
        GRANT_WRITERS,
        method="post",
        api=True,
        data=lambda w, o: {
            "organisation_id": w.county.pk,
            "title": "API-Vertrag",
            **_api_version_data(w, o),
        },
        changes=_rows("funding.PassThroughContract"),
    ),
    Route(
        "api:funding_contract_amend",
        GRANT_WRITERS,
        method="post",
        api=True,
        kwargs=_api_contract,
        data=_api_version_data,
        changes=_rows("funding.ContractVersion"),
    ),
    Route(
        "api:funding_payment_request_list",
        GRANT_READERS,
        api=True,
        lists=_recipient_api_rows,
    ),
    Route("api:funding_payment_request_detail", GRANT_READERS, api=True, kwargs=_api_request),
    Route(
        "api:funding_payment_request_decide",
        GRANT_WRITERS,
        method="post",
        api=True,
        kwargs=_api_request,
        data=lambda w, o: {"approve": True, "note": ""},
        changes=_rows("funding.PaymentRequest"),
    ),
    Route(
        "api:funding_payment_request_payout",
        GRANT_WRITERS,
        method="post",
        api=True,
        kwargs=_api_approved,
        data=lambda w, o: {"paid_on": "2023-02-01", "paid_amount": "9500.00"},
        changes=_rows("funding.PaymentRequest"),
    ),
    Route(
        "api:funding_payment_request_create",
        GRANT_WRITERS,
        method="post",
        api=True,
        data=_api_request_data,
        changes=_rows("funding.PaymentRequest"),
    ),
]
ROUTES += GRANT_ROUTES


# --- Deadlines and reminders (issue 5 item 9) ---------------------------------------------


def _running_decision(world, own):
    """The matrix's decision for 2023 has no deadline left in the look-back window, so the
    county also holds one for the running year (KIM §15(2): a proof four weeks after each
    quarter)."""
    from datetime import date
    from decimal import Decimal

    from lotse.funding.models import GrantDecision

    objects = _grant_objects(world, own)
    year = world.today.year
    decision, _ = GrantDecision.objects.get_or_create(
        organisation=objects.county,
        file_number=f"FRIST-{year}",
        defaults={
            "authority": objects.county.parent,
            "programme": objects.decision.programme,
            "decided_on": date(year, 1, 10),
            "period_start": date(year, 1, 1),
            "period_end": date(year, 12, 31),
            "amount": Decimal("57000.00"),
            "fte": Decimal("1.000"),
        },
    )
    return decision


def _deadline_key(world, own):
    """An open deadline of the grant's recipient."""
    from lotse.deadlines.selectors import deadlines_for

    county = _running_decision(world, own).organisation_id
    return {"key": deadlines_for([county], today=world.today)[0].key}


DEADLINE_ROUTES = [
    Route(
        "deadlines:worklist",
        GRANT_READERS,
        lists=_deadline_rows,
    ),
    Route(
        "deadlines:worklist",
        GRANT_READERS,
        query="?tage=365&erledigte=1",
        lists=_deadline_rows,
    ),
    Route(
        "deadlines:mark_done",
        GRANT_WRITERS,
        method="post",
        data=_deadline_key,
        changes=_rows("deadlines.DeadlineDone"),
    ),
]
ROUTES += DEADLINE_ROUTES


# --- Planning frame (issue 5 item 8; BW 3.2, 5.2–5.3) ----------------------------------------

AUTHORITY_READERS = frozenset({Role.AUTHORITY, Role.AUDITOR})
AUTHORITY_WRITERS = frozenset({Role.AUTHORITY})


def _planning(world, own):
    from tests.planning.world import planning_for

    return planning_for(world, own)


def _round(world, own):
    return {"pk": _planning(world, own).round.pk}


def _county_frame(world, own):
    return {"pk": _planning(world, own).county_frame.pk}


def _numbers(world, own):
    objects = _planning(world, own)
    return {f"number_{objects.municipality.pk}": "120", f"served_{objects.municipality.pk}": ""}


PLANNING_ROUTES = [
    Route(
        "planning:frame_list",
        GRANT_READERS,
        lists=_frame_rows,
    ),
    Route("planning:round_create", GRANT_WRITERS),
    Route(
        "planning:round_create",
        GRANT_WRITERS,
        method="post",
        data=lambda w, o: {
            "authority": w.county.parent_id,
            "year": "2028",
            "budget": "1.000.000,00",
            "minimum": "180.000,00",
        },
        changes=_rows("planning.FrameRound"),
        extra={
            "refused_writes": {
                Role.GRANTS_OFFICER: "a round belongs to the granting authority, which lies "
                "above the county: there is no authority to choose from"
            }
        },
    ),
    # The round belongs to the granting authority: the county's grants officer does not see it.
    Route("planning:round_detail", AUTHORITY_READERS, kwargs=_round),
    Route(
        "planning:round_quotas",
        AUTHORITY_WRITERS,
        method="post",
        kwargs=_round,
        data=lambda w, o: {"text": "Kreis Unna; 4,5; 4,6; 4,4\nKreis Soest; 3,0; 3,1; 2,9"},
        changes=_rows("planning.CountyQuota"),
    ),
    Route(
        "planning:round_announce",
        AUTHORITY_WRITERS,
        method="post",
        kwargs=_round,
        changes=_rows("planning.FrameRound"),
    ),
    Route("planning:county_frame", GRANT_READERS, kwargs=_county_frame),
    Route(
        "planning:county_frame",
        GRANT_WRITERS,
        method="post",
        kwargs=_county_frame,
        data=_numbers,
        changes=_rows("planning.AllocationNumber"),
    ),
]
ROUTES += PLANNING_ROUTES


# --- Proofs of use (issue 5 items 6 and 11) -----------------------------------------------


def _proofs(world, own):
    from tests.proofs.world import proofs_for_world

    return proofs_for_world(world, own)


def _proof_draft(world, own):
    return {"pk": _proofs(world, own).draft.pk}


def _proof_submitted(world, own):
    return {"pk": _proofs(world, own).submitted.pk}


def _proof_create_data(world, own):
    objects = _proofs(world, True)
    return {
        "grant": f"{objects.decision_id}-{objects.town_id}",
        "kind": "quarterly",
        "year": "2023",
        "quarter": "2",
    }


def _proof_cost_data(world, own):
    return {"position": _proofs(world, True).position_id, "month": "03.2023", "amount": "4.750,00"}


def _proof_payroll_file(world, own):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = "Mitarbeiter:in;Monat;Arbeitgeberbrutto\nFM-MATRIX;02.2023;4.750,00\n"
    return {"lohn-file": SimpleUploadedFile("lohn.csv", content.encode(), "text/csv")}


def _pending_payroll(world, own):
    """What an upload that would replace existing cost lines leaves for confirmation."""
    from lotse.proofs.views import PENDING

    objects = _proofs(world, own)
    line = [1, str(objects.position_id), "2023-02-01", "4750.00"]
    return {PENDING: {"proof": objects.draft.pk, "kind": "lohn", "lines": [line]}}


PROOF_ROUTES = [
    Route(
        "proofs:list",
        GRANT_READERS,
        lists=_proof_rows,
    ),
    Route(
        "proofs:list",
        GRANT_WRITERS,
        method="post",
        data=_proof_create_data,
        changes=_rows("proofs.ProofOfUse"),
    ),
    Route("proofs:detail", GRANT_READERS, kwargs=_proof_draft),
    Route("proofs:detail", GRANT_READERS, kwargs=_proof_submitted, query="?v=1"),
    Route(
        "proofs:narrative",
        GRANT_WRITERS,
        method="post",
        kwargs=_proof_draft,
        data=lambda w, o: {"narrative": "Geleistete Arbeit im Quartal"},
        changes=_rows("proofs.ProofOfUse"),
    ),
    Route(
        "proofs:prefill",
        GRANT_WRITERS,
        method="post",
        kwargs=_proof_draft,
        changes=_rows("proofs.ProofOfUse"),
    ),
    Route(
        "proofs:cost_add",
        GRANT_WRITERS,
        method="post",
        kwargs=_proof_draft,
        data=_proof_cost_data,
        changes=_rows("proofs.CostLine"),
    ),
    Route(
        "proofs:receipt_add",
        GRANT_WRITERS,
        method="post",
        kwargs=_proof_draft,
        data=lambda w, o: {
            "day": "2023-03-01",
            "payee": "Stadtwerke",
            "reason": "Raummiete",
            "amount": "120,00",
        },
        changes=_rows("proofs.Receipt"),
    ),
    # The county's proof adopts what the towns proved (the town's own draft has nothing to adopt).
    Route(
        "proofs:costs_adopt",
        GRANT_WRITERS,
        method="post",
        kwargs=lambda w, o: {"pk": _proofs(w, o).holder_draft.pk},
        changes=_rows("proofs.CostLine"),
    ),
    Route(
        "proofs:personnel_numbers",
        GRANT_WRITERS,
        method="post",
        kwargs=_proof_draft,
        data=lambda w, o: {f"pn_{_proofs(w, True).position_id}": "00123"},
        changes=_rows("proofs.PersonnelNumber"),
    ),
    Route(
        "proofs:line_delete",
        GRANT_WRITERS,
        method="post",
        kwargs=lambda w, o: {
            "pk": _proofs(w, o).draft.pk,
            "kind": "kosten",
            "line": _proofs(w, o).cost_line.pk,
        },
        changes=_rows("proofs.CostLine"),
    ),
    Route(
        "proofs:upload",
        GRANT_WRITERS,
        method="post",
        kwargs=lambda w, o: {"pk": _proofs(w, o).draft.pk, "kind": "lohn"},
        data=_proof_payroll_file,
        changes=_rows("proofs.CostLine"),
    ),
    Route(
        "proofs:import_confirm",
        GRANT_WRITERS,
        method="post",
        kwargs=_proof_draft,
        data=lambda w, o: {"confirm": "1"},
        changes=_rows("proofs.CostLine"),
        extra={"session": _pending_payroll},
    ),
    Route(
        "proofs:submit",
        GRANT_WRITERS,
        method="post",
        kwargs=_proof_draft,
        changes=_rows("proofs.ProofOfUse"),
    ),
    Route(
        "proofs:correct",
        GRANT_WRITERS,
        method="post",
        kwargs=_proof_submitted,
        changes=_rows("proofs.ProofOfUse"),
    ),
    Route(
        "proofs:check",
        GRANT_WRITERS,
        method="post",
        kwargs=_proof_submitted,
        data=lambda w, o: {"note": "rechnerisch geprüft"},
        changes=_rows("proofs.ProofOfUse"),
    ),
    Route("proofs:pdf", GRANT_READERS, kwargs=_proof_draft),
    Route("proofs:xlsx", GRANT_READERS, kwargs=_proof_submitted),
    Route(
        "api:funding_proof_list",
        GRANT_READERS,
        api=True,
        lists=_proof_rows,
    ),
    Route(
        "api:funding_proof_detail",
        GRANT_READERS,
        api=True,
        kwargs=lambda w, o: {"proof_id": _proofs(w, o).submitted.pk},
    ),
]
ROUTES += PROOF_ROUTES
