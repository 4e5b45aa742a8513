"""The database queries behind the catalogue (SPEC §5, issue 6 item 2).

Every indicator's ``computation`` names an entry of ``QUERIES``. Each entry is
one aggregate query (GROUP BY with conditional counts; the state of a case on
the reference date comes from correlated subqueries), never a loop over rows,
so a unit's whole annual set costs the same small number of queries whatever
the number of cases. Queries shared by several indicators run once per unit
(``Context.once``).

Rows are read through ``.for_user(user)`` with Area.AGGREGATES (anonymous
counts, lotse.core.tenancy) and then narrowed to the unit's nodes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf, Trim
from django.utils.translation import gettext_lazy as _

from lotse.cases.models import (
    AggregateQuerySet,
    CaseBarrier,
    Channel,
    Client,
    Closure,
    Consultation,
    CounselingExtension,
    Decision,
    GoalStatus,
    IntegrationPlan,
    LanguageLevel,
    LifeArea,
    PlanGoal,
    PlanVersion,
    Reassessment,
    ReassessmentRating,
    Referral,
    ReferralEvent,
    ReferralStatusChoice,
)
from lotse.cases.rules.period import ExtensionReason
from lotse.cases.rules.reassessment import SCALE
from lotse.indicators.models import NetworkEvent
from lotse.staff.models import (
    FIELD_CHOICES,
    FUNCTION_CHOICES,
    Employee,
    EmploymentPeriod,
    SupplementaryTraining,
    TrainingParticipation,
)
from lotse.staff.rules.common import StaffFunction

NOT_STATED = "not_stated"
NOT_STATED_LABEL = _("nicht angegeben")

# Age on the reference date from the year of birth; the groups follow the usual
# statistics bands (minors, young adults up to 26 for youth services, working age,
# 65 and over). Choice documented in docs/indicators.md.
AGE_GROUPS: tuple[tuple[str, int, int | None, str], ...] = (
    ("0-17", 0, 17, _("unter 18 Jahre")),
    ("18-26", 18, 26, _("18 bis 26 Jahre")),
    ("27-44", 27, 44, _("27 bis 44 Jahre")),
    ("45-64", 45, 64, _("45 bis 64 Jahre")),
    ("65+", 65, None, _("65 Jahre und älter")),
)
STATUS_COLUMNS = (("new", _("neu")), ("ongoing", _("fortlaufend")))
CASE_MANAGEMENT = (StaffFunction.INTEGRATION_MANAGER.value, StaffFunction.CASE_MANAGER.value)
SITUATION_AREAS = (LifeArea.LANGUAGE, LifeArea.WORK, LifeArea.HOUSING)
NETWORK_EVENTS_PER_YEAR = 4  # BW 4.2 e


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    value: int | Decimal
    kind: str = "count"  # "count" (of persons), "decimal", "ratio" (derived from counts)
    target: int | None = None


@dataclass(frozen=True)
class RawFigure:
    """What a query returns before suppression: labelled rows (and columns) of counts."""

    rows: list[tuple[str, str]] = field(default_factory=list)
    columns: list[tuple[str, str]] = field(default_factory=list)
    # list: one count per row; table: one list per row; measures: ``measures``.
    counts: list = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)


@dataclass
class Context:
    """One unit, one period: the user's scope narrowed to the unit's nodes."""

    user: object
    unit_ids: frozenset[int]
    start: date
    reference: date
    _memo: dict = field(default_factory=dict)

    def rows(self, model):
        """Rows of ``model`` counted anonymously (Area.AGGREGATES) within the unit."""
        return (
            AggregateQuerySet(model=model)
            .for_user(self.user)
            .filter(organisation_id__in=self.unit_ids)
        )

    def once(self, key: str, compute: Callable):
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def period(self) -> tuple[date, date]:
        return self.start, self.reference


# --- Persons --------------------------------------------------------------------------------


def _clients(ctx: Context):
    """Clients of the unit with the start and (on the reference date) end of their case."""
    first = (
        Consultation.objects.filter(client=OuterRef("pk")).order_by("held_on").values("held_on")[:1]
    )
    in_force = (
        Closure.objects.filter(client=OuterRef("pk"), closed_on__lte=ctx.reference)
        .filter(Q(reopened_on__isnull=True) | Q(reopened_on__gt=ctx.reference))
        .order_by("-closed_on", "-id")
    )
    start = ctx.start
    return (
        ctx.rows(Client)
        .annotate(
            started_on=Subquery(first),
            closed_on=Subquery(in_force.values("closed_on")[:1]),
        )
        .annotate(
            status=Case(
                When(started_on__gte=start, started_on__lte=ctx.reference, then=Value("new")),
                When(
                    Q(started_on__lt=start) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start)),
                    then=Value("ongoing"),
                ),
                default=Value(""),
                output_field=CharField(),
            )
        )
    )


def counselled(ctx: Context):
    return _clients(ctx).exclude(status="")


def _persons(ctx: Context) -> dict[str, int]:
    def compute():
        return _clients(ctx).aggregate(
            new=Count("pk", filter=Q(status="new")),
            ongoing=Count("pk", filter=Q(status="ongoing")),
            active=Count("pk", filter=~Q(status="") & Q(closed_on__isnull=True)),
        )

    return ctx.once("persons", compute)


def persons_counselled(ctx: Context) -> RawFigure:
    persons = _persons(ctx)
    return RawFigure(
        rows=[(key, str(label)) for key, label in STATUS_COLUMNS],
        counts=[persons["new"], persons["ongoing"]],
    )


def persons_closed(ctx: Context) -> RawFigure:
    reason = (
        Closure.objects.filter(client=OuterRef("pk"), closed_on__lte=ctx.reference)
        .filter(Q(reopened_on__isnull=True) | Q(reopened_on__gt=ctx.reference))
        .order_by("-closed_on", "-id")
    )
    rows = (
        _clients(ctx)
        .filter(closed_on__gte=ctx.start, closed_on__lte=ctx.reference)
        .annotate(
            reason_label=Subquery(reason.values("reason__label")[:1]),
            reason_sort=Subquery(reason.values("reason__sort")[:1]),
        )
        .values("reason_label", "reason_sort")
        .annotate(n=Count("pk"))
        .order_by("reason_sort", "reason_label")
    )
    rows = list(rows)
    return RawFigure(
        rows=[(row["reason_label"], row["reason_label"]) for row in rows],
        counts=[row["n"] for row in rows],
    )


def _by_status(ctx: Context, dimension, order: list[tuple[str, str]] | None = None) -> RawFigure:
    """Counselled persons by one breakdown (rows) and new / ongoing (columns)."""
    result = (
        counselled(ctx)
        .annotate(dimension=dimension)
        .values("dimension", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[str, dict[str, int]] = {}
    for row in result:  # aggregated rows: one per category and status, not per person
        counts.setdefault(row["dimension"], {})[row["status"]] = row["n"]
    if order is None:
        keys = sorted(key for key in counts if key != NOT_STATED)
        if NOT_STATED in counts:
            keys.append(NOT_STATED)
        order = [(key, str(NOT_STATED_LABEL) if key == NOT_STATED else key) for key in keys]
    return RawFigure(
        rows=[(key, str(label)) for key, label in order],
        columns=[(key, str(label)) for key, label in STATUS_COLUMNS],
        counts=[
            [counts.get(key, {}).get(column, 0) for column, _label in STATUS_COLUMNS]
            for key, _label in order
        ],
    )


def persons_gender(ctx: Context) -> RawFigure:
    from lotse.cases.models import Gender

    stated = [Gender.FEMALE, Gender.MALE, Gender.DIVERSE]
    dimension = Case(
        *(When(gender=value, then=Value(value.value)) for value in stated),
        default=Value(NOT_STATED),
        output_field=CharField(),
    )
    order = [(value.value, value.label) for value in stated] + [(NOT_STATED, NOT_STATED_LABEL)]
    return _by_status(ctx, dimension, order)


def persons_age(ctx: Context) -> RawFigure:
    year = ctx.reference.year
    whens = []
    for key, low, high, _label in AGE_GROUPS:
        condition = Q(birth_year__lte=year - low, birth_year__gt=0)
        if high is not None:
            condition &= Q(birth_year__gte=year - high)
        whens.append(When(condition, then=Value(key)))
    dimension = Case(*whens, default=Value(NOT_STATED), output_field=CharField())
    order = [(key, label) for key, _low, _high, label in AGE_GROUPS]
    return _by_status(ctx, dimension, [*order, (NOT_STATED, NOT_STATED_LABEL)])


def persons_country(ctx: Context) -> RawFigure:
    dimension = Coalesce(NullIf(Trim("country_of_origin"), Value("")), Value(NOT_STATED))
    return _by_status(ctx, dimension)


def persons_residence(ctx: Context) -> RawFigure:
    dimension = Coalesce(F("residence_status__label"), Value(NOT_STATED))
    return _by_status(ctx, dimension)


# --- Plans, consultations, referrals, goals ---------------------------------------------------


def plans(ctx: Context) -> RawFigure:
    start, reference = ctx.period
    later_version = PlanVersion.objects.filter(
        plan=OuterRef("pk"),
        number__gte=2,
        created_at__date__gte=start,
        created_at__date__lte=reference,
    )
    result = ctx.rows(IntegrationPlan).aggregate(
        made=Count("pk", filter=Q(started_on__gte=start, started_on__lte=reference)),
        reviewed=Count("pk", filter=Q(Exists(later_version))),
    )
    return RawFigure(
        measures=[
            Measure("made", str(_("erstellt")), result["made"]),
            Measure("reviewed", str(_("fortgeschrieben")), result["reviewed"]),
        ]
    )


def consultations(ctx: Context) -> RawFigure:
    result = (
        ctx.rows(Consultation)
        .filter(held_on__gte=ctx.start, held_on__lte=ctx.reference)
        .values("channel", "interpreter")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {(row["channel"], row["interpreter"]): row["n"] for row in result}
    return RawFigure(
        rows=[(channel.value, str(channel.label)) for channel in Channel],
        columns=[("yes", str(_("mit Dolmetscher:in"))), ("no", str(_("ohne Dolmetscher:in")))],
        counts=[
            [counts.get((channel.value, True), 0), counts.get((channel.value, False), 0)]
            for channel in Channel
        ],
    )


def referrals(ctx: Context) -> RawFigure:
    status_then = (
        ReferralEvent.objects.filter(referral=OuterRef("pk"), on__lte=ctx.reference)
        .order_by("-on", "-id")
        .values("status")[:1]
    )
    result = (
        ctx.rows(Referral)
        .filter(referred_on__gte=ctx.start, referred_on__lte=ctx.reference)
        .annotate(status_then=Coalesce(Subquery(status_then), Value(ReferralStatusChoice.SENT)))
        .values("service__label", "service__sort", "status_then")
        .annotate(n=Count("pk"))
        .order_by("service__sort", "service__label")
    )
    counts: dict[str, dict[str, int]] = {}
    for row in result:
        counts.setdefault(row["service__label"], {})[row["status_then"]] = row["n"]
    statuses = list(ReferralStatusChoice)
    return RawFigure(
        rows=[(label, label) for label in counts],
        columns=[(status.value, str(status.label)) for status in statuses],
        counts=[[counts[label].get(status.value, 0) for status in statuses] for label in counts],
    )


GOAL_COLUMNS = (
    GoalStatus.REACHED,
    GoalStatus.PARTLY_REACHED,
    GoalStatus.NOT_REACHED,
    GoalStatus.OPEN,
    GoalStatus.IN_PROGRESS,
    GoalStatus.DROPPED,
)


def goals(ctx: Context) -> RawFigure:
    result = (
        ctx.rows(PlanGoal)
        .filter(plan__client__in=counselled(ctx).values("pk"))
        .values("life_area", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {(row["life_area"], row["status"]): row["n"] for row in result}
    return RawFigure(
        rows=[(area.value, str(area.label)) for area in LifeArea],
        columns=[(status.value, str(status.label)) for status in GOAL_COLUMNS],
        counts=[
            [counts.get((area.value, status.value), 0) for status in GOAL_COLUMNS]
            for area in LifeArea
        ],
    )


# --- Situation at the start and now (re-assessment ratings, plan language level) -------------


def _ratings(ctx: Context) -> dict[str, dict]:
    def compute():
        latest = (
            Reassessment.objects.filter(
                client=OuterRef("reassessment__client"), held_on__lte=ctx.reference
            )
            .order_by("-held_on", "-id")
            .values("pk")[:1]
        )
        counts = {}
        for value in SCALE:
            counts[f"start_{value}"] = Count("pk", filter=Q(at_start=value))
            counts[f"now_{value}"] = Count("pk", filter=Q(now=value))
        rows = (
            ctx.rows(ReassessmentRating)
            .filter(
                life_area__in=[area.value for area in SITUATION_AREAS],
                reassessment__client__in=counselled(ctx).values("pk"),
                reassessment=Subquery(latest),
            )
            .values("life_area")
            .annotate(**counts)
            .order_by()
        )
        return {row["life_area"]: row for row in rows}

    return ctx.once("ratings", compute)


def _situation(ctx: Context, area: LifeArea) -> RawFigure:
    row = _ratings(ctx).get(area.value, {})
    return RawFigure(
        rows=[("start", str(_("zu Beginn"))), ("now", str(_("heute")))],
        columns=[(str(value), label) for value, label in SCALE.items()],
        counts=[
            [row.get(f"start_{value}", 0) for value in SCALE],
            [row.get(f"now_{value}", 0) for value in SCALE],
        ],
    )


def situation_language(ctx: Context) -> RawFigure:
    return _situation(ctx, LifeArea.LANGUAGE)


def situation_work(ctx: Context) -> RawFigure:
    return _situation(ctx, LifeArea.WORK)


def situation_housing(ctx: Context) -> RawFigure:
    return _situation(ctx, LifeArea.HOUSING)


def language_levels(ctx: Context) -> RawFigure:
    result = (
        ctx.rows(IntegrationPlan)
        .filter(client__in=counselled(ctx).values("pk"))
        .values("language_level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["language_level"] or NOT_STATED: row["n"] for row in result}
    order = [(level.value, str(level.label)) for level in LanguageLevel]
    if NOT_STATED in counts:
        order.append((NOT_STATED, str(NOT_STATED_LABEL)))
    return RawFigure(rows=order, counts=[counts.get(key, 0) for key, _label in order])


# --- Counseling period ------------------------------------------------------------------------


def extensions(ctx: Context) -> RawFigure:
    result = (
        ctx.rows(CounselingExtension)
        .filter(
            decision=Decision.APPROVED, decided_on__gte=ctx.start, decided_on__lte=ctx.reference
        )
        .values("reason")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["reason"]: row["n"] for row in result}
    order = [
        (reason.value, reason.label)
        for reason in ExtensionReason
        if reason.value in counts or reason is not ExtensionReason.OTHER
    ]
    return RawFigure(rows=order, counts=[counts.get(key, 0) for key, _label in order])


# --- Staff ------------------------------------------------------------------------------------


def _fte(ctx: Context) -> dict[str, dict]:
    def compute():
        ref = ctx.reference
        rows = (
            ctx.rows(EmploymentPeriod)
            .filter(Q(end__isnull=True) | Q(end__gte=ref), start__lte=ref)
            .values("employee__function")
            .annotate(fte=Sum("fte"), funded=Sum("funded_fte"))
            .order_by()
        )
        return {row["employee__function"]: row for row in rows}

    return ctx.once("fte", compute)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def caseload(ctx: Context) -> RawFigure:
    active = _persons(ctx)["active"]
    fte = sum((row["fte"] for key, row in _fte(ctx).items() if key in CASE_MANAGEMENT), Decimal(0))
    per_fte = _cents(Decimal(active) / fte) if fte else Decimal(0)
    return RawFigure(
        measures=[
            Measure("active", str(_("laufende Fälle am Stichtag")), active),
            Measure("fte", str(_("VZÄ Integrations-/Fallmanagement")), fte, kind="decimal"),
            Measure("per_fte", str(_("Fälle je VZÄ")), per_fte, kind="ratio"),
        ]
    )


def staff_fte(ctx: Context) -> RawFigure:
    rows = _fte(ctx)
    measures = []
    for value, label in FUNCTION_CHOICES:
        row = rows.get(value)
        if row is None:
            continue
        measures.append(Measure(f"{value}.fte", f"{label}: {_('VZÄ')}", row["fte"], kind="decimal"))
        measures.append(
            Measure(
                f"{value}.funded",
                f"{label}: {_('davon aus Fördermitteln')}",
                row["funded"],
                kind="decimal",
            )
        )
    return RawFigure(measures=measures)


def staff_qualification(ctx: Context) -> RawFigure:
    ref = ctx.reference
    employed = EmploymentPeriod.objects.filter(
        Q(end__isnull=True) | Q(end__gte=ref), employee=OuterRef("pk"), start__lte=ref
    )
    result = (
        ctx.rows(Employee)
        .filter(Exists(employed), function__in=CASE_MANAGEMENT)
        .values("degree_field")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["degree_field"] or "none": row["n"] for row in result}
    order = [(value, str(label)) for value, label in FIELD_CHOICES]
    order.append(("none", str(_("kein Studienabschluss erfasst"))))
    order = [(key, label) for key, label in order if key in counts]
    return RawFigure(rows=order, counts=[counts[key] for key, _label in order])


def staff_trainings(ctx: Context) -> RawFigure:
    start, reference = ctx.period
    supplementary = (
        ctx.rows(SupplementaryTraining)
        .filter(start__gte=start, start__lte=reference)
        .aggregate(n=Count("pk"), days=Sum("days"))
    )
    attended = (
        ctx.rows(TrainingParticipation)
        .filter(attended=True, offer__date__gte=start, offer__date__lte=reference)
        .count()
    )
    return RawFigure(
        measures=[
            Measure("supplementary", str(_("ergänzende Qualifizierungen")), supplementary["n"]),
            Measure(
                "supplementary_days",
                str(_("Tage ergänzender Qualifizierung")),
                supplementary["days"] or Decimal(0),
                kind="decimal",
            ),
            Measure("participations", str(_("Teilnahmen an Fortbildungen")), attended),
        ]
    )


def network_events(ctx: Context) -> RawFigure:
    count = (
        ctx.rows(NetworkEvent).filter(held_on__gte=ctx.start, held_on__lte=ctx.reference).count()
    )
    return RawFigure(
        measures=[
            Measure(
                "events",
                str(_("Vernetzungsveranstaltungen")),
                count,
                target=NETWORK_EVENTS_PER_YEAR,
            )
        ]
    )


def themes(ctx: Context) -> RawFigure:
    result = (
        ctx.rows(CaseBarrier)
        .filter(noted_on__gte=ctx.start, noted_on__lte=ctx.reference)
        .values("theme__label", "theme__sort")
        .annotate(n=Count("pk"))
        .order_by("theme__sort", "theme__label")
    )
    result = list(result)
    return RawFigure(
        rows=[(row["theme__label"], row["theme__label"]) for row in result],
        counts=[row["n"] for row in result],
    )


QUERIES: dict[str, Callable[[Context], RawFigure]] = {
    "persons_counselled": persons_counselled,
    "persons_closed": persons_closed,
    "persons_gender": persons_gender,
    "persons_age": persons_age,
    "persons_country": persons_country,
    "persons_residence": persons_residence,
    "plans": plans,
    "consultations": consultations,
    "referrals": referrals,
    "goals": goals,
    "situation_language": situation_language,
    "situation_work": situation_work,
    "situation_housing": situation_housing,
    "language_levels": language_levels,
    "extensions": extensions,
    "caseload": caseload,
    "staff_fte": staff_fte,
    "staff_qualification": staff_qualification,
    "staff_trainings": staff_trainings,
    "network_events": network_events,
    "themes": themes,
}


# --- Dashboard only (issue 6 item 6): monthly trends, themes per municipality -----------------

MONTHS = (
    _("Januar"),
    _("Februar"),
    _("März"),
    _("April"),
    _("Mai"),
    _("Juni"),
    _("Juli"),
    _("August"),
    _("September"),
    _("Oktober"),
    _("November"),
    _("Dezember"),
)


def monthly(ctx: Context) -> dict[str, RawFigure]:
    """New cases and consultations per month of the period: two GROUP BY month queries."""
    from django.db.models.functions import ExtractMonth

    months = range(1, ctx.reference.month + 1)
    rows = [(str(month), str(MONTHS[month - 1])) for month in months]
    first = (
        Consultation.objects.filter(client=OuterRef("pk")).order_by("held_on").values("held_on")[:1]
    )
    new = (
        ctx.rows(Client)
        .annotate(started_on=Subquery(first))
        .filter(started_on__gte=ctx.start, started_on__lte=ctx.reference)
        .annotate(month=ExtractMonth("started_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    talks = (
        ctx.rows(Consultation)
        .filter(held_on__gte=ctx.start, held_on__lte=ctx.reference)
        .annotate(month=ExtractMonth("held_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result = {}
    for key, query in (("new", new), ("consultations", talks)):
        counts = {row["month"]: row["n"] for row in query}
        result[key] = RawFigure(rows=rows, counts=[counts.get(month, 0) for month in months])
    return result


def themes_by_municipality(ctx: Context) -> RawFigure:
    """Structural themes per municipality of residence (one GROUP BY)."""
    result = (
        ctx.rows(CaseBarrier)
        .filter(noted_on__gte=ctx.start, noted_on__lte=ctx.reference)
        .values("theme__label", "theme__sort", "client__municipality__name")
        .annotate(n=Count("pk"))
        .order_by("theme__sort", "theme__label")
    )
    counts: dict[str, dict[str, int]] = {}
    towns: set[str] = set()
    for row in result:
        town = row["client__municipality__name"]
        towns.add(town)
        counts.setdefault(row["theme__label"], {})[town] = row["n"]
    columns = sorted(towns)
    return RawFigure(
        rows=[(label, label) for label in counts],
        columns=[(town, town) for town in columns],
        counts=[[counts[label].get(town, 0) for town in columns] for label in counts],
    )
