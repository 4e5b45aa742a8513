"""Reading case files, always within what the user may see (lotse.core.tenancy).

The worklist (SPEC §2.4) is computed from one annotated query: what a case
needs is derived by the functional core (lotse.cases.rules.period) from a
handful of dates per client, so the number of queries does not grow with the
number of cases.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum

from django.conf import settings
from django.db.models import Count, Exists, IntegerField, Min, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lotse.cases.models import (
    OPEN_GOAL_STATUSES,
    Client,
    Closure,
    Consent,
    Consultation,
    CounselingExtension,
    Decision,
    IntegrationPlan,
    PlanGoal,
    PlanVersion,
    Reassessment,
    Referral,
    ReferralEvent,
    Service,
)
from lotse.cases.permissions import team_lead_organisation_ids
from lotse.cases.rules.completeness import LABELS, missing_for_indicators
from lotse.cases.rules.dates import PartialDate
from lotse.cases.rules.names import ClientIdentity, likely_duplicate, search_prefixes
from lotse.cases.rules.period import (
    Extension,
    days_left,
    ends_within,
    period_end,
    period_ended,
    plan_due,
    regular_period_end,
)
from lotse.cases.rules.plan import review_overdue_since
from lotse.cases.rules.reassessment import reassessment_due_since
from lotse.cases.rules.referrals import WITHOUT_OUTCOME, ReferralStatus, outcome_overdue
from lotse.core.tenancy import get_for_user
from lotse.kernel.dates import format_date


def clients_for(user, *, write: bool = False):
    return Client.objects.for_user(user, write=write)


def get_client_for_user(user, pk, *, write: bool = False) -> Client:
    """The client if the user may see (or change) the case; 404 otherwise."""
    return get_for_user(
        Client.objects.select_related(
            "organisation", "municipality", "case_manager", "residence_status", "changed_by"
        ),
        user,
        pk,
        write=write,
    )


def with_case_state(queryset):
    """Annotate what the worklist and the case page need, as subqueries (no row multiplication)."""
    consultations = Consultation.objects.filter(client=OuterRef("pk"))
    open_referrals = Referral.objects.filter(
        client=OuterRef("pk"), status__in=list(WITHOUT_OUTCOME)
    ).order_by("open_since", "id")
    return queryset.annotate(
        has_plan=Exists(IntegrationPlan.objects.filter(client=OuterRef("pk"))),
        last_reassessment_on=Subquery(
            Reassessment.objects.filter(client=OuterRef("pk"))
            .order_by("-held_on")
            .values("held_on")[:1]
        ),
        # BW 4.1.4 g: the plan's own review date and its open goals' review dates.
        plan_review_on=Subquery(
            IntegrationPlan.objects.filter(client=OuterRef("pk"), ended_on__isnull=True).values(
                "review_on"
            )[:1]
        ),
        goal_review_on=Subquery(
            PlanGoal.objects.filter(
                plan__client=OuterRef("pk"),
                plan__ended_on__isnull=True,
                status__in=OPEN_GOAL_STATUSES,
            )
            .order_by()
            .values("plan")
            .annotate(first=Min("review_on"))
            .values("first")[:1]
        ),
        # KIM §3(2)d: the referral waiting longest for a result.
        open_referral_id=Subquery(open_referrals.values("id")[:1]),
        open_referral_since=Subquery(open_referrals.values("open_since")[:1]),
        open_referral_service=Subquery(open_referrals.values("service__label")[:1]),
        initial_on=Subquery(consultations.filter(is_initial=True).values("held_on")[:1]),
        second_on=Subquery(consultations.order_by("held_on", "id").values("held_on")[1:2]),
        consultation_count=Coalesce(
            Subquery(
                consultations.order_by().values("client").annotate(n=Count("id")).values("n")[:1],
                output_field=IntegerField(),
            ),
            0,
        ),
        extension_until=Subquery(
            CounselingExtension.objects.filter(
                client=OuterRef("pk"), decision=Decision.APPROVED
            ).values("until")[:1]
        ),
        pending_extension_id=Subquery(
            CounselingExtension.objects.filter(
                client=OuterRef("pk"), decision=Decision.PENDING
            ).values("id")[:1]
        ),
        has_consent=Exists(
            Consent.objects.filter(client=OuterRef("pk"), withdrawn_on__isnull=True)
        ),
        closed_on=Subquery(
            Closure.objects.filter(client=OuterRef("pk"), reopened_on__isnull=True).values(
                "closed_on"
            )[:1]
        ),
    )


class Level(IntEnum):
    """Urgency, most urgent first."""

    RED = 1
    AMBER = 2
    INFO = 3


LEVEL_LABELS = {Level.RED: _("dringend"), Level.AMBER: _("bald fällig"), Level.INFO: _("Hinweis")}


@dataclass(frozen=True)
class WorkItem:
    client: Client
    kind: str
    level: Level
    text: str
    url: str
    action: str
    due: date | None = None

    @property
    def level_label(self) -> str:
        return str(LEVEL_LABELS[self.level])

    @property
    def sort_key(self):
        return (self.level, self.due or date.max, self.client.case_number)


@dataclass
class CaseState:
    """What is known and due for one client; from an annotated row (see with_case_state)."""

    client: Client
    today: date
    items: list[WorkItem] = field(default_factory=list)

    @property
    def initial_on(self) -> date | None:
        return self.client.initial_on

    @property
    def extension(self) -> Extension | None:
        until = self.client.extension_until
        return Extension(until=until, reason=None, justification="") if until else None

    @property
    def period_end(self) -> date | None:
        if self.initial_on is None:
            return None
        return period_end(initial=self.initial_on, extension=self.extension)

    @property
    def regular_end(self) -> date | None:
        return regular_period_end(initial=self.initial_on) if self.initial_on else None

    @property
    def days_left(self) -> int | None:
        if self.initial_on is None:
            return None
        return days_left(today=self.today, initial=self.initial_on, extension=self.extension)

    @property
    def closed(self) -> bool:
        return self.client.closed_on is not None

    @property
    def restricted(self) -> bool:
        return self.client.restricted_on is not None

    @property
    def has_consent(self) -> bool:
        return self.client.has_consent and not self.restricted


def plan_url(client: Client) -> str | None:
    """Where the integration plan is made, once that page exists (issue 3 item 4)."""
    try:
        return reverse("cases:plan", kwargs={"pk": client.pk})
    except NoReverseMatch:
        return None


def _client_ids_with_plan(client_ids) -> set[int]:
    """Clients among ``client_ids`` that have an integration plan (BW 4.1.4 f).

    Rows from with_case_state carry ``has_plan`` already; this is for plain rows."""
    return set(
        IntegrationPlan.objects.filter(client_id__in=list(client_ids)).values_list(
            "client_id", flat=True
        )
    )


def _plan_exists(client: Client) -> bool:
    if hasattr(client, "has_plan"):
        return client.has_plan
    return client.pk in _client_ids_with_plan([client.pk])


def case_state(client: Client, *, today: date, plan_exists: bool, for_team_lead: bool) -> CaseState:
    """The due items of one case (SPEC §2.4), most urgent first."""
    state = CaseState(client=client, today=today)
    url = reverse("cases:client_detail", kwargs={"pk": client.pk})
    items = state.items
    if state.restricted:
        items.append(
            WorkItem(
                client,
                "erasure_due",
                Level.RED,
                str(_("Einwilligung widerrufen am %(day)s: Löschung fällig"))
                % {"day": format_date(client.restricted_on)},
                url,
                str(_("Fall ansehen")),
                client.erasure_due_on,
            )
        )
        return state
    if state.closed:
        return state
    if not client.has_consent:
        items.append(
            WorkItem(
                client,
                "consent_missing",
                Level.AMBER,
                str(_("Einwilligung fehlt: ohne sie keine persönlichen Angaben (BW 4.1.4 f)")),
                reverse("cases:consent_create", kwargs={"pk": client.pk}),
                str(_("Einwilligung erfassen")),
            )
        )
    initial = state.initial_on
    if initial is None:
        return state
    if plan_due(
        consultation_dates=[d for d in (initial, client.second_on) if d], plan_exists=plan_exists
    ):
        items.append(
            WorkItem(
                client,
                "plan_missing",
                Level.RED,
                str(
                    _(
                        "Integrationsplan fehlt: fällig spätestens beim zweiten Gespräch am %(day)s (BW 4.1.4 f)"
                    )
                )
                % {"day": format_date(client.second_on)},
                plan_url(client) or url,
                str(_("Integrationsplan erstellen")),
                client.second_on,
            )
        )
    review_since = review_overdue_since(
        today=today,
        review_dates=[
            getattr(client, "plan_review_on", None),
            getattr(client, "goal_review_on", None),
        ],
        ended=False,
    )
    if plan_exists and review_since is not None:
        items.append(
            WorkItem(
                client,
                "plan_review_overdue",
                Level.AMBER,
                str(_("Überprüfung des Integrationsplans fällig seit %(day)s (BW 4.1.4 g)"))
                % {"day": format_date(review_since)},
                plan_url(client) or url,
                str(_("Integrationsplan fortschreiben")),
                review_since,
            )
        )
    referral_due = (
        outcome_overdue(
            status=ReferralStatus.SENT,  # the annotated one is still without a result
            open_since=client.open_referral_since,
            today=today,
            weeks=settings.LOTSE_REFERRAL_OUTCOME_WEEKS,
        )
        if getattr(client, "open_referral_since", None)
        else None
    )
    if referral_due is not None:
        items.append(
            WorkItem(
                client,
                "referral_outcome_missing",
                Level.AMBER,
                str(
                    _(
                        "Vermittlung an %(service)s seit %(day)s ohne Ergebnis: nachfragen (KIM §3(2)d)"
                    )
                )
                % {
                    "service": client.open_referral_service,
                    "day": format_date(client.open_referral_since),
                },
                reverse(
                    "cases:referral_detail",
                    kwargs={"pk": client.pk, "referral_pk": client.open_referral_id},
                ),
                str(_("Ergebnis erfassen")),
                referral_due,
            )
        )
    reassessment_since = reassessment_due_since(
        today=today,
        initial=initial,
        last=getattr(client, "last_reassessment_on", None),
        months=settings.LOTSE_REASSESSMENT_MONTHS,
    )
    if reassessment_since is not None and not period_ended(
        today=today, initial=initial, extension=state.extension
    ):
        items.append(
            WorkItem(
                client,
                "reassessment_due",
                Level.AMBER,
                str(_("Re-Assessment fällig seit %(day)s (KIM §3(2)c)"))
                % {"day": format_date(reassessment_since)},
                reverse("cases:reassessment_create", kwargs={"pk": client.pk}),
                str(_("Re-Assessment erfassen")),
                reassessment_since,
            )
        )
    if period_ended(today=today, initial=initial, extension=state.extension):
        items.append(
            WorkItem(
                client,
                "closure_due",
                Level.RED,
                str(_("Beratungszeitraum endete am %(day)s: Fall abschließen (BW 4.1.5)"))
                % {"day": format_date(state.period_end)},
                reverse("cases:closure_create", kwargs={"pk": client.pk}),
                str(_("Fall abschließen")),
                state.period_end,
            )
        )
    elif ends_within(today=today, initial=initial, extension=state.extension):
        can_extend = state.extension is None and client.pending_extension_id is None
        items.append(
            WorkItem(
                client,
                "period_ending",
                Level.AMBER,
                ngettext(
                    "Beratungszeitraum endet am %(day)s (in %(days)s Tag; BW 4.1.5)",
                    "Beratungszeitraum endet am %(day)s (in %(days)s Tagen; BW 4.1.5)",
                    state.days_left,
                )
                % {"day": format_date(state.period_end), "days": state.days_left},
                reverse("cases:extension_request", kwargs={"pk": client.pk}) if can_extend else url,
                str(_("Verlängerung beantragen")) if can_extend else str(_("Fall ansehen")),
                state.period_end,
            )
        )
    if client.pending_extension_id is not None:
        items.append(
            WorkItem(
                client,
                "extension_pending",
                Level.AMBER,
                str(_("Verlängerung beantragt: Entscheidung der Teamleitung steht aus (BW 4.1.5)")),
                reverse(
                    "cases:extension_decide",
                    kwargs={"pk": client.pk, "extension_pk": client.pending_extension_id},
                )
                if for_team_lead
                else url,
                str(_("Entscheiden")) if for_team_lead else str(_("Fall ansehen")),
                state.period_end,
            )
        )
    items.extend(_indicator_data_items(client, has_consent=state.has_consent))
    items.sort(key=lambda item: item.sort_key)
    return state


# --- Issue 6 item 4 (indicators, lotse.indicators): required data for the annual figures ------


def _indicator_data_items(client: Client, *, has_consent: bool) -> list[WorkItem]:
    """A hint when gender or year of birth is missing: the case counts as "nicht angegeben"."""
    missing = missing_for_indicators(gender=client.gender, birth_year=client.birth_year)
    if not missing or not has_consent:  # without consent the consent item comes first
        return []
    return [
        WorkItem(
            client,
            "indicator_data_missing",
            Level.INFO,
            str(
                _(
                    "Für die Kennzahlen fehlt: %(fields)s – zählt bis zur Ergänzung als "
                    "„nicht angegeben“ (BW 9.1.9)"
                )
            )
            % {"fields": ", ".join(LABELS[name] for name in missing)},
            reverse("cases:client_personal", kwargs={"pk": client.pk}),
            str(_("Angaben ergänzen")),
        )
    ]


def case_states(clients, *, user, today: date) -> list[CaseState]:
    clients = list(clients)
    lead_ids = team_lead_organisation_ids(user, on=today)
    return [
        case_state(
            client,
            today=today,
            plan_exists=_plan_exists(client),
            for_team_lead=client.organisation_id in lead_ids,
        )
        for client in clients
    ]


def client_list_for(user, *, case_number: str = "", query: str = ""):
    """The client list: scoped, annotated for status, two joins and no per-row query.

    ``query`` finds a case by number, name (any script) or date of birth."""
    clients = with_case_state(clients_for(user)).select_related(
        "municipality", "case_manager", "organisation"
    )
    if case_number:
        clients = clients.filter(case_number__icontains=case_number)
    if query.strip():
        clients = clients.filter(client_search_filter(query))
    return clients.order_by("case_number", "id")


def client_search_filter(query: str) -> Q:
    """Issue 3 item 11: a case number containing ``query``, a name matching it in any
    script, or a date of birth it may be.

    Names are compared through the stored canonical words (``Client.name_keys``,
    rules.names.name_index): every word of the query, normalised as the duplicate
    matcher does, must begin a stored word ("Muhammad" finds "Mohammed",
    "Олександр" finds "Oleksandr", "Schewtsch" finds "Shevchenko"), or begin a
    stored word as spelt ("Moham" finds "Mohammed"). A Cyrillic query is tried in
    each reading. This stays one SQL condition on the rows the
    user may see; no client is loaded to be compared in Python.
    """
    query = query.strip()
    condition = Q(case_number__icontains=query)
    for words in search_prefixes(query):
        condition |= Q.create([("name_keys__contains", f" {word}") for word in words])
    birth = _partial_date(query)
    if birth is not None:
        condition |= birth_date_filter(birth)
    return condition


def _partial_date(text: str) -> PartialDate | None:
    try:
        return PartialDate.parse(text)
    except ValueError:
        return None


def birth_date_filter(birth: PartialDate) -> Q:
    """Clients whose date of birth may be ``birth``: stored as precisely or more
    precisely within it (05.1990 finds 17.05.1990), stored less precisely around it
    (17.05.1990 finds "1990" and "05.1990"), or only the stub's year of birth."""
    iso = birth.iso()
    around = [f"{birth.year:04d}"]
    if birth.month is not None:
        around.append(f"{birth.year:04d}-{birth.month:02d}")
    return (
        Q(birth_date__startswith=iso)
        | Q(birth_date__in=[value for value in around if value != iso])
        | Q(birth_date="", birth_year=birth.year)
    )


def likely_duplicates_for(user, *, client: Client, identity: ClientIdentity) -> list[Client]:
    """Issue 3 item 11: other clients the user may see who are likely the person
    ``identity`` describes (rules.names.likely_duplicate). The database narrows to
    named clients of a compatible year of birth; the matcher decides."""
    year = identity.birth.year if identity.birth is not None else client.birth_year
    candidates = (
        clients_for(user)
        .exclude(pk=client.pk)
        .exclude(name_keys="")
        .filter(Q(birth_year=year) | Q(birth_date__startswith=f"{year:04d}"))
        .select_related("municipality")
        .only(
            "case_number",
            "organisation_id",
            "municipality__name",
            "given_names",
            "family_name",
            "given_names_latin",
            "family_name_latin",
            "birth_date",
        )
        .order_by("case_number", "id")
    )
    return [
        other
        for other in candidates
        if likely_duplicate(
            identity,
            ClientIdentity(
                given_names=other.given_names,
                family_name=other.family_name,
                given_names_latin=other.given_names_latin,
                family_name_latin=other.family_name_latin,
                birth=PartialDate.parse(other.birth_date) if other.birth_date else None,
            ),
        )
    ]


def worklist_for(user, *, today: date, team: bool) -> list[WorkItem]:
    """What is due (SPEC §2.4): the user's own cases, or the whole team's, most urgent first."""
    clients = with_case_state(clients_for(user)).select_related("case_manager")
    if not team:
        clients = clients.filter(case_manager=user)
    items = [item for state in case_states(clients, user=user, today=today) for item in state.items]
    items.sort(key=lambda item: item.sort_key)
    return items


def worklist_counts(user, *, today: date) -> dict[Level, int]:
    """Counts for the start page, as the worklist opens: a team lead's team, else one's own."""
    counts = dict.fromkeys(Level, 0)
    team = bool(team_lead_organisation_ids(user, on=today))
    for item in worklist_for(user, today=today, team=team):
        counts[item.level] += 1
    return counts


def case_page_for(user, pk, *, today: date) -> tuple[CaseState, dict]:
    """Everything about one client for the case page, in a fixed number of queries."""
    client = get_for_user(
        with_case_state(
            Client.objects.select_related(
                "organisation", "municipality", "case_manager", "residence_status", "household"
            )
        ),
        user,
        pk,
    )
    state = case_state(
        client,
        today=today,
        plan_exists=client.has_plan,
        for_team_lead=client.organisation_id in team_lead_organisation_ids(user, on=today),
    )
    related = {
        "consents": list(client.consents.select_related("taken_by").prefetch_related("purposes")),
        "consultations": list(
            client.consultations.select_related("recorded_by").prefetch_related(Prefetch("topics"))
        ),
        "extensions": list(client.extensions.select_related("requested_by", "decided_by")),
        "closures": list(client.closures.select_related("reason", "closed_by", "reopened_by")),
        "plan": IntegrationPlan.objects.filter(client=client)
        .select_related("changed_by")
        .prefetch_related(Prefetch("goals", queryset=PlanGoal.objects.order_by("life_area", "id")))
        .first()
        if client.has_plan
        else None,
        "reassessment": client.reassessments.select_related("recorded_by")
        .prefetch_related("ratings")
        .first(),
        "barriers": list(client.barriers.select_related("theme")),
        "conferences": list(client.conferences.prefetch_related("participants", "agreements")),
        "referrals": list(
            client.referrals.select_related("service", "goal").prefetch_related(
                Prefetch("events", queryset=ReferralEvent.objects.order_by("on", "id"))
            )
        ),
        "household_members": list(
            Client.objects.for_user(user)
            .filter(household_id=client.household_id)
            .exclude(pk=client.pk)
            .only("id", "case_number", "initials")
        )
        if client.household_id
        else [],
    }
    plan = related["plan"]
    goals = list(plan.goals.all()) if plan else []
    related["plan_goals"] = goals
    related["plan_missing"] = plan_missing_labels(plan, goals)
    related["goal_attainment"] = goal_attainment(goals)
    return state, related


def plan_missing_labels(plan: IntegrationPlan | None, goals: list[PlanGoal]) -> list[str]:
    """The minimum contents of BW 4.1.6.2 still empty (all of them without a plan)."""
    from lotse.cases.rules.plan import SECTIONS
    from lotse.cases.services.plans import plan_missing_sections

    if plan is None:
        return list(SECTIONS.values())
    return [SECTIONS[letter] for letter in plan_missing_sections(plan, goals)]


def goal_attainment(goals: list[PlanGoal]) -> list[tuple[str, int]]:
    """(status label, number of goals) in the order of the statuses, zeros left out."""
    from lotse.cases.models import GoalStatus

    counts = dict.fromkeys(GoalStatus, 0)
    for goal in goals:
        counts[GoalStatus(goal.status)] += 1
    return [(str(status.label), n) for status, n in counts.items() if n]


def team_case_managers(user, *, on: date):
    """Accounts that may keep cases in the team lead's area (for reassignment)."""
    from lotse.accounts.models import Membership, User
    from lotse.accounts.permissions import Role

    ids = team_lead_organisation_ids(user, on=on)
    memberships = (
        Membership.objects.filter(
            organisation_id__in=ids,
            role__in=[Role.CASE_MANAGER, Role.TEAM_LEAD],
            valid_from__lte=on,
        )
        .exclude(valid_to__lt=on)
        .values("user_id")
    )
    return User.objects.filter(id__in=memberships, is_active=True).order_by(
        "last_name", "first_name", "username"
    )


# --- Integration plan and referrals -------------------------------------------------------


def plan_for(user, client: Client, *, write: bool = False) -> IntegrationPlan | None:
    """The client's plan within what the user may see; None if there is none yet."""
    return (
        IntegrationPlan.objects.for_user(user, write=write)
        .filter(client=client)
        .select_related("changed_by", "client")
        .first()
    )


def plan_goals(plan: IntegrationPlan | None):
    if plan is None:
        return PlanGoal.objects.none()
    return plan.goals.order_by("life_area", "id")


def referral_targets_for(user, client: Client):
    """Active services the user may choose for this case: general ones, and local
    providers of a region that reaches both the user and the case (issue 3 item 5)."""
    return (
        Service.objects.filter(active=True)
        .available_to(user)
        .available_at(client.organisation, client.municipality)
        .select_related("kind")
        .order_by("sort", "label")
    )


def get_goal_for_user(user, plan: IntegrationPlan, pk, *, write: bool = False) -> PlanGoal:
    return get_for_user(PlanGoal.objects.filter(plan=plan), user, pk, write=write)


def plan_versions_for(user, plan: IntegrationPlan):
    return (
        PlanVersion.objects.for_user(user).filter(plan=plan).select_related("created_by")
    ).order_by("-number")


def get_referral_for_user(user, client: Client, pk, *, write: bool = False) -> Referral:
    return get_for_user(
        Referral.objects.filter(client=client).select_related("service__kind", "goal", "client"),
        user,
        pk,
        write=write,
    )


def referral_events(referral: Referral):
    return referral.events.select_related("by").order_by("on", "id")


# --- Structural problems: counts only (SPEC §5) ------------------------------------------------


def barrier_counts_for(user, *, threshold: int):
    """Counts per theme, municipality and month within the user's aggregate area;
    never a row about a person, small counts shown as "<threshold"."""
    from django.db.models.functions import TruncMonth

    from lotse.cases.models import CaseBarrier
    from lotse.cases.rules.themes import ThemeCount, suppressed_rows

    rows = (
        CaseBarrier.for_counting.for_user(user)
        .annotate(month=TruncMonth("noted_on"))
        .values("theme__label", "client__municipality__name", "month")
        .annotate(n=Count("id"))
        .order_by()
    )
    return suppressed_rows(
        (
            ThemeCount(
                theme=row["theme__label"],
                municipality=row["client__municipality__name"],
                month=row["month"].date() if hasattr(row["month"], "date") else row["month"],
                count=row["n"],
            )
            for row in rows
        ),
        threshold=threshold,
    )
