"""The role × URL matrix: every route, every role, own and foreign objects.

Allowed → 2xx/3xx; denied → 403/404; never a 500. Objects of a foreign tenant
answer 403/404: those of the other state for everyone, and those of the role's
neighbour (the nearest place in the same state beyond its reach: Bergkamen for
Lünen's case workers, the next county for the county's roles; NEIGHBOURS in the
registry) for the roles allowed the route. A list (``lists`` in the registry)
shows the role's own records and none of those foreign tenants'. A write's
sample reaches the write path for every role allowed to write: a page
redirects, the API answers 200/201/204, and the rows the route names in
``changes`` are different afterwards (a form that re-renders with an error
would pass a status check alone). See tests/access_registry.py.
"""

import io
import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import openpyxl
import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from lotse.accounts import services as account_services
from lotse.accounts.models import ApiToken, User
from lotse.accounts.permissions import Role
from lotse.cases.models import Client as CaseClient
from lotse.cases.models import (
    Closure,
    ClosureReason,
    Consent,
    ConsentPurpose,
    Consultation,
    CounselingExtension,
    IntegrationPlan,
    PlanGoal,
    Referral,
    ReferralEvent,
    Service,
)
from lotse.core import clock
from lotse.core.tenancy import Area
from lotse.organisations import rules
from lotse.organisations.models import Organisation
from lotse.organisations.services import organisation_create
from tests.access_registry import (
    BACKNANG,
    LUENEN,
    NEIGHBOUR,
    OTHER_STATE,
    ROLE_OF,
    ROLE_USERS,
    ROUTES,
    Place,
    Route,
    has_neighbour,
    neighbour,
)

DENIED = {403, 404}


def registered_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespaces):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(
                    pattern.url_patterns,
                    namespaces + ([pattern.namespace] if pattern.namespace else []),
                )
            else:
                names.add(":".join([*namespaces, pattern.name or f"<unnamed {pattern.pattern}>"]))

    walk(get_resolver().url_patterns, [])
    return names


def test_every_url_is_registered():
    registered = {route.name for route in ROUTES}
    missing = registered_url_names() - registered
    assert not missing, f"URLs without an entry in tests/access_registry.py: {sorted(missing)}"
    stale = registered - registered_url_names()
    assert not stale, f"Registry entries for URLs that no longer exist: {sorted(stale)}"


def test_every_write_says_what_it_changes():
    """So that the matrix sees each sample reach the write path (test_route_for_role)."""
    silent = [f"{r.name} ({r.method})" for r in ROUTES if r.method != "get" and r.changes is None]
    assert not silent, f"Writes without `changes` in tests/access_registry.py: {silent}"
    for route in ROUTES:
        refused = set(route.extra.get("refused_writes", {}))
        assert refused <= route.allowed, f"{route.name}: refused_writes names roles not allowed"


def test_every_list_says_what_it_lists():
    """A list answers 200 whatever rows it shows, so each one names its records (`lists`),
    for the content check of test_route_for_role, or says why it needs none."""
    silent = [
        f"{r.name}{r.query}"
        for r in ROUTES
        if r.method == "get" and r.name.endswith("list") and r.lists is None
    ]
    assert not silent, f"Lists without `lists` in tests/access_registry.py: {silent}"


@dataclass
class CaseObjects:
    """One region's case files: an open case with consent, initial consultation and a
    pending extension, and a closed case that a team lead may reopen."""

    client: CaseClient
    consent: Consent
    extension: CounselingExtension
    closed_client: CaseClient
    closure: Closure
    # Integration plan with one goal, an open and a completed referral (issue 3 items 4–5).
    plan: IntegrationPlan | None = None
    goal: PlanGoal | None = None
    referral: Referral | None = None
    done_referral: Referral | None = None


MATRIX_FORM = "consent/matrix-signed-form.pdf"


def _case_objects(town: Organisation, manager: User, tag: str) -> CaseObjects:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    if not default_storage.exists(MATRIX_FORM):
        default_storage.save(MATRIX_FORM, ContentFile(b"%PDF-1.4 matrix"))
    today = clock.today()
    clients = []
    for number in (f"FALL-{tag}-1", f"FALL-{tag}-2"):
        client = CaseClient.objects.create(
            organisation=town,
            municipality=town,
            case_number=number,
            initials="AK",
            birth_year=1990,
            case_manager=manager,
        )
        consent = Consent.objects.create(
            organisation=town,
            client=client,
            given_on=today - timedelta(days=200),
            explained_in="Arabisch",
            taken_by=manager,
            signed_form=MATRIX_FORM,
            signed_form_type="application/pdf",
        )
        consent.purposes.set(ConsentPurpose.objects.all())
        Consultation.objects.create(
            organisation=town,
            client=client,
            is_initial=True,
            held_on=today - timedelta(days=200),
            duration_minutes=60,
            channel="in_person",
            recorded_by=manager,
        )
        clients.append((client, consent))
    extension = CounselingExtension.objects.create(
        organisation=town,
        client=clients[0][0],
        reason="illiteracy",
        justification="Alphabetisierungskurs läuft",
        until=today.replace(year=today.year + 3) + timedelta(days=100),
        requested_by=manager,
        requested_on=today,
    )
    closure = Closure.objects.create(
        organisation=town,
        client=clients[1][0],
        reason=ClosureReason.objects.get(code="ziele-erreicht"),
        closed_on=today,
        closed_by=manager,
    )
    client = clients[0][0]
    plan = IntegrationPlan.objects.create(
        organisation=town,
        client=client,
        started_on=today - timedelta(days=200),
        personal="Familie",
        changed_at=clock.now(),
        changed_by=manager,
    )
    goal = PlanGoal.objects.create(
        organisation=town, plan=plan, life_area="language", goal="B1", steps="Kurs"
    )
    referrals = []
    for status in ("sent", "completed"):
        referral = Referral.objects.create(
            organisation=town,
            client=client,
            service=Service.objects.get(code="mbe"),
            referred_on=today - timedelta(days=100),
            reason="Beratung",
            status=status,
            status_on=today - timedelta(days=100),
            open_since=today - timedelta(days=100),
            recorded_by=manager,
        )
        ReferralEvent.objects.create(
            organisation=town, referral=referral, status=status, on=referral.status_on, by=manager
        )
        referrals.append(referral)
    return CaseObjects(
        client, clients[0][1], extension, clients[1][0], closure, plan, goal, *referrals
    )


def _settle(place: Place) -> None:
    """Make a place the demo lacks (SOEST, COESFELD): its nodes and its case manager."""
    if Organisation.objects.filter(name=place.town).exists():
        return
    since = date(2023, 1, 1)
    parent = Organisation.objects.get(name="Land Nordrhein-Westfalen")
    for kind, name in (
        (rules.AUTHORITY, place.authority),
        (rules.COUNTY, place.county),
        (rules.MUNICIPALITY, place.town),
    ):
        parent = Organisation.objects.filter(name=name).first() or organisation_create(
            kind=kind, name=name, parent=parent, by=None, valid_from=since
        )
    manager = User.objects.create_user(place.case_manager, password=None, is_demo=True)
    account_services.membership_add(
        user=manager, role=Role.CASE_MANAGER, organisation=parent, valid_from=since, by=None
    )


@dataclass
class World:
    users: dict[str, User]
    own_org: Organisation
    own_association: Organisation
    own_user: User
    county: Organisation
    spare_town: Organisation
    current: User | None = None
    # Which foreign tenant own=False stands for: OTHER_STATE, or the NEIGHBOUR of the
    # current user's role (tests/access_registry.py: NEIGHBOURS).
    foreign: str = OTHER_STATE
    _tokens: dict = field(default_factory=dict)
    _cases: dict = field(default_factory=dict)

    @property
    def today(self) -> date:
        return clock.today()

    def foreign_place(self, area: Area) -> Place:
        """Where the foreign objects of ``area`` are made for the current user."""
        if self.foreign == OTHER_STATE:
            return BACKNANG
        role = ROLE_OF[self.current.username]
        place = neighbour(role, area)
        assert place is not None, f"{role} has no neighbour in {area}"
        _settle(place)
        return place

    def org(self, name: str) -> Organisation:
        return Organisation.objects.get(name=name)

    def foreign_org(self, area: Area) -> Organisation:
        return self.org(self.foreign_place(area).town)

    def foreign_user(self) -> User:
        """A case manager in the foreign place: an account the current user may not manage."""
        return User.objects.get(username=self.foreign_place(Area.USERS).case_manager)

    def case(self, own: bool) -> CaseObjects:
        """Case files in Lünen (own) or the foreign place, made on first use."""
        place = LUENEN if own else self.foreign_place(Area.CASES)
        if place.tag not in self._cases:
            self._cases[place.tag] = _case_objects(
                self.org(place.town), User.objects.get(username=place.case_manager), place.tag
            )
        return self._cases[place.tag]

    def purpose(self, code: str) -> ConsentPurpose:
        return ConsentPurpose.objects.get(code=code)

    def closure_reason(self, code: str) -> ClosureReason:
        return ClosureReason.objects.get(code=code)

    def service(self, code: str) -> Service:
        return Service.objects.get(code=code)

    def barrier_theme(self, code: str):
        from lotse.cases.models import BarrierTheme

        return BarrierTheme.objects.get(code=code)

    def own_token(self, user: User) -> ApiToken:
        if user.pk not in self._tokens:
            self._tokens[user.pk] = account_services.api_token_issue(user=user)
        return self._tokens[user.pk][0]

    def bearer(self, user: User) -> str:
        self.own_token(user)
        return self._tokens[user.pk][1]


@pytest.fixture
def world(db, demo_mode):
    admin_nrw = User.objects.create_user(
        "admin.nrw", password="irrelevant-password-1", is_demo=True
    )
    account_services.membership_add(
        user=admin_nrw,
        role=Role.ADMIN,
        organisation=Organisation.objects.get(name="Land Nordrhein-Westfalen"),
        valid_from=date(2023, 1, 1),
        by=None,
    )
    get_org = Organisation.objects.get
    return World(
        users={role: User.objects.get(username=name) for role, name in ROLE_USERS.items()},
        own_org=get_org(name="Lünen"),
        own_association=get_org(name="Nordkreis"),
        own_user=User.objects.get(username="cm.bergkamen"),
        county=get_org(name="Kreis Unna"),
        spare_town=get_org(name="Fröndenberg/Ruhr"),
    )


def _prepare(route: Route, world: World, *, own: bool) -> tuple[str, dict | None]:
    """The URL and body; making them makes the objects they name."""
    url = (
        reverse(route.name, kwargs=route.kwargs(world, own) if route.kwargs else None) + route.query
    )
    return url, route.data(world, own) if route.data else None


def _send(route: Route, world: World, url: str, data, *, own: bool, user: User | None):
    client = Client()
    if route.api:
        headers = {"Authorization": f"Bearer {world.bearer(user)}"} if user else {}
        call = getattr(client, route.method)
        if route.method in ("post", "put", "patch", "delete"):
            return call(url, data=data, content_type="application/json", headers=headers)
        return call(url, headers=headers)
    if user is not None:
        client.force_login(user)
        if "session" in route.extra:
            session = client.session
            session.update(route.extra["session"](world, own))
            session.save()
    if route.method == "post":
        return client.post(url, data or {})
    return client.get(url)


def _request(route: Route, world: World, *, own: bool, user: User | None):
    url, data = _prepare(route, world, own=own)
    return _send(route, world, url, data, own=own, user=user)


def _ok(route: Route, status: int) -> bool:
    return status in route.extra.get("status", set()) or 200 <= status < 400


def _writes(route: Route, role: str) -> bool:
    """Whether this role's request must go through to the write path."""
    return (
        route.method != "get"
        and role in route.allowed
        and role not in route.extra.get("refused_writes", {})
    )


def _form_errors(response) -> list:
    """The errors of the forms a page re-rendered with, to say why a write did not happen."""
    errors = []
    for context in response.context or []:
        for value in context.flatten().values():
            if getattr(value, "is_bound", False) and value.errors and value.errors not in errors:
                errors.append(value.errors)
    return errors


def _assert_wrote(route: Route, role: str, response, before, after) -> None:
    """A write that succeeds redirects (a page) or answers 200/201/204 (the API); one that
    re-renders the form with an error answers 200 and changes nothing."""
    success = {200, 201, 204} if route.api else route.extra.get("success", {301, 302, 303})
    assert response.status_code in success, (
        f"{role}'s sample for {route.name} ({route.method}) did not write: "
        f"{response.status_code} {_form_errors(response)}"
    )
    if callable(route.changes):
        assert after != before, (
            f"{role} posted to {route.name}, but {route.changes.label} did not change"
        )


def _foreign_tenants(route: Route, role: str) -> list[str]:
    """The other state for everyone; the neighbour (NEIGHBOURS) for the roles allowed the
    route. A role refused the route is refused on its own objects already, by role or area,
    before any object is looked up; the neighbour matters where a role passes that gate."""
    if role in route.allowed and has_neighbour(role):
        return [OTHER_STATE, NEIGHBOUR]
    return [OTHER_STATE]


def _listed(route: Route, world: World, role: str) -> tuple[list[str], dict[str, list[str]]]:
    """Before the request: the own records a list must show, and those of each foreign
    tenant it must not."""
    shown = route.lists(world, True)
    hidden = {}
    for tenant in _foreign_tenants(route, role):
        world.foreign = tenant
        hidden[tenant] = route.lists(world, False)
    world.foreign = OTHER_STATE
    return shown, hidden


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _text(response) -> str:
    """What a person reads in the answer: the page, the JSON (unescaped, so that "Lünen" is
    found as written) or the cells of a spreadsheet."""
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    if content_type.startswith(XLSX):
        book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return response.content.decode("utf-8", errors="replace")


def _shows(text: str, mark: str) -> bool:
    """The mark as a whole: FALL-X-1 is not in FALL-X-12, "organisation_id": 7 not in 71."""
    return re.search(rf"(?<!\w){re.escape(mark)}(?!\w)", text) is not None


def _assert_lists(route: Route, role: str, response, shown, hidden) -> None:
    """The status code says a list answered, not what it listed: the own records must be in
    it (else the absence of the others proves nothing) and no foreign record may be."""
    text = _text(response)
    missing = [mark for mark in shown if not _shows(text, mark)]
    assert not missing, f"{route.name}{route.query} does not list {role}'s own {missing}"
    leaked = [
        f"{mark} ({tenant})"
        for tenant, marks in hidden.items()
        for mark in marks
        if _shows(text, mark)
    ]
    assert not leaked, f"{route.name}{route.query} shows {role} foreign records: {leaked}"


CASES = [(route, role) for route in ROUTES for role in ROLE_USERS]


@pytest.mark.parametrize(
    ("route", "role"),
    CASES,
    ids=[f"{r.name}-{r.method}{r.query and '-q'}-{role}" for r, role in CASES],
)
def test_route_for_role(route: Route, role: str, world: World):
    user = world.users[role]
    world.current = user
    checks_content = role in route.allowed and callable(route.lists)
    if checks_content:
        shown, hidden = _listed(route, world, role)
    url, data = _prepare(route, world, own=True)
    snapshot = route.changes if _writes(route, role) and callable(route.changes) else None
    before = snapshot(world) if snapshot else None
    response = _send(route, world, url, data, own=True, user=user)
    if role in route.allowed:
        assert _ok(route, response.status_code), (
            f"{role} should reach {route.name} ({route.method}), got {response.status_code}"
        )
        if _writes(route, role):
            _assert_wrote(route, role, response, before, snapshot(world) if snapshot else None)
        if checks_content:
            _assert_lists(route, role, response, shown, hidden)
    else:
        assert response.status_code in DENIED, (
            f"{role} must not reach {route.name} ({route.method}), got {response.status_code}"
        )
    if route.kwargs:
        for tenant in _foreign_tenants(route, role):
            world.foreign = tenant
            foreign = _request(route, world, own=False, user=user)
            assert foreign.status_code in DENIED, (
                f"{role} reached an object of the {tenant} via {route.name}: {foreign.status_code}"
            )


@pytest.mark.parametrize(
    "route", ROUTES, ids=[f"{r.name}-{r.method}{r.query and '-q'}" for r in ROUTES]
)
def test_route_for_anonymous(route: Route, world: World):
    response = _request(route, world, own=True, user=None)
    if route.public:
        assert _ok(route, response.status_code)
    elif route.api:
        assert response.status_code == 401
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


GARBAGE = [
    "",
    "💥",
    "-1",
    "99999999999999999999999",
    "2026-02-30",
    "<script>alert(1)</script>",
    "a" * 5000,
]
POSTS = [route for route in ROUTES if route.method == "post" and route.data]


@pytest.mark.parametrize("route", POSTS, ids=[r.name for r in POSTS])
def test_bad_input_never_yields_a_500(route: Route, world: World):
    user = (
        world.users["admin"] if "admin" in route.allowed else world.users[sorted(route.allowed)[0]]
    )
    world.current = user
    sample = route.data(world, True)
    for garbage in GARBAGE:
        for field_name in sample:
            broken = Route(
                route.name,
                route.allowed,
                route.method,
                route.kwargs,
                lambda w, o, f=field_name, g=garbage: {**sample, f: g},
                route.public,
                route.api,
                route.query,
            )
            response = _request(broken, world, own=True, user=user)
            assert response.status_code < 500, (
                f"{route.name}: {field_name}={garbage[:20]!r} gave {response.status_code}"
            )
            if route.api:
                assert response.status_code < 300 or "detail" in response.json()
