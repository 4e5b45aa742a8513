"""A small hand-made data set for the indicator tests, written row by row so every
expected number can be counted by hand (see the comments in test_figures.py).

All records are kept by Bergkamen (cm.bergkamen); the reporting year is 2025.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from django.utils import timezone

from lotse.accounts.models import User
from lotse.cases.models import (
    BarrierTheme,
    CaseBarrier,
    Client,
    Closure,
    ClosureReason,
    Consultation,
    CounselingExtension,
    IntegrationPlan,
    PlanGoal,
    PlanVersion,
    Reassessment,
    ReassessmentRating,
    Referral,
    ReferralEvent,
    ResidenceStatus,
    Service,
    ServiceKind,
)
from lotse.indicators.models import NetworkEvent
from lotse.organisations.models import Organisation
from lotse.staff.models import (
    Employee,
    EmploymentPeriod,
    SupplementaryTraining,
    TrainingOffer,
    TrainingParticipation,
)

YEAR = 2025


@dataclass
class World:
    town: Organisation
    manager: User
    clients: dict[str, Client]


def _catalogue(model, code, label, **extra):
    entry, _ = model.objects.get_or_create(code=code, defaults={"label": label, **extra})
    return entry


def build(*, where: str = "Bergkamen", by: str = "cm.bergkamen", names: tuple = ()) -> World:
    town = Organisation.objects.get(name=where)
    manager = User.objects.get(username=by)
    names = list(names) or [("", "")] * 6

    def client(key, number, *, gender, birth_year, country="", residence=None):
        given, family = names[number % len(names)]
        return Client.objects.create(
            organisation=town,
            municipality=town,
            case_number=f"{where[:3].upper()}-{key}",
            initials=f"Q{key}X",
            birth_year=birth_year,
            case_manager=manager,
            gender=gender,
            country_of_origin=country,
            residence_status=residence,
            given_names=given,
            family_name=family,
            given_names_latin=given,
            family_name_latin=family,
        )

    def consult(who, on, *, initial=False, channel="in_person", interpreter=False):
        Consultation.objects.create(
            organisation=town,
            client=who,
            is_initial=initial,
            held_on=on,
            duration_minutes=45,
            channel=channel,
            interpreter=interpreter,
            recorded_by=manager,
        )

    reason = _catalogue(ClosureReason, "ziele-erreicht", "Ziele erreicht")
    status = _catalogue(ResidenceStatus, "aufenthg-24", "Aufenthaltserlaubnis nach § 24 AufenthG")
    a = client("A", 0, gender="female", birth_year=2010, country="Syrien", residence=status)
    b = client("B", 1, gender="male", birth_year=1990, country="Syrien")
    c = client("C", 2, gender="", birth_year=1950)
    d = client("D", 3, gender="diverse", birth_year=2000, country="Afghanistan")
    e = client("E", 4, gender="not_stated", birth_year=1970, country="Afghanistan")
    f = client("F", 5, gender="female", birth_year=1985)

    consult(a, date(YEAR, 3, 1), initial=True, interpreter=True)
    consult(b, date(YEAR - 1, 5, 1), initial=True)
    consult(b, date(YEAR, 2, 1), channel="phone")
    consult(c, date(YEAR, 11, 1), initial=True, channel="video")
    consult(d, date(YEAR - 2, 1, 10), initial=True)
    consult(e, date(YEAR - 1, 2, 1), initial=True)
    consult(e, date(YEAR, 4, 1), interpreter=True)
    consult(f, date(YEAR + 1, 1, 5), initial=True)

    def close(who, on, reopened=None):
        Closure.objects.create(
            organisation=town,
            client=who,
            reason=reason,
            closed_on=on,
            closed_by=manager,
            reopened_on=reopened,
            reopened_by=manager if reopened else None,
        )

    close(b, date(YEAR, 6, 30))
    close(d, date(YEAR - 1, 12, 1))
    close(e, date(YEAR - 1, 12, 15), reopened=date(YEAR, 1, 20))

    def plan(who, started, level=""):
        return IntegrationPlan.objects.create(
            organisation=town,
            client=who,
            started_on=started,
            language_level=level,
            changed_at=timezone.now(),
            changed_by=manager,
        )

    def version(p, number, on):
        PlanVersion.objects.create(
            organisation=town,
            plan=p,
            number=number,
            created_at=datetime(on.year, on.month, on.day, 12, tzinfo=UTC),
            created_by=manager,
            summary="Ziele",
            snapshot="{}",
        )

    def goal(p, area, state):
        PlanGoal.objects.create(
            organisation=town, plan=p, life_area=area, goal="Ziel", status=state
        )

    plan_a = plan(a, date(YEAR, 3, 10), "A1")
    plan_b = plan(b, date(YEAR - 1, 6, 1), "B1")
    plan_e = plan(e, date(YEAR - 1, 3, 1))
    version(plan_a, 1, date(YEAR, 3, 10))
    version(plan_b, 1, date(YEAR - 1, 6, 1))
    version(plan_b, 2, date(YEAR, 2, 15))
    version(plan_e, 1, date(YEAR - 1, 3, 1))
    version(plan_e, 2, date(YEAR - 1, 12, 1))
    goal(plan_a, "language", "reached")
    goal(plan_a, "work", "open")
    goal(plan_b, "housing", "reached")
    goal(plan_b, "language", "not_reached")
    goal(plan_e, "work", "in_progress")

    kind = _catalogue(ServiceKind, "beratung", "Beratung")
    mbe = _catalogue(
        Service, "mbe", "Migrationsberatung für erwachsene Zugewanderte (MBE)", kind=kind
    )
    jmd = _catalogue(Service, "jmd", "Jugendmigrationsdienst (JMD)", kind=kind)

    def refer(who, service, on, events):
        referral = Referral.objects.create(
            organisation=town,
            client=who,
            service=service,
            referred_on=on,
            reason="Beratung",
            status=events[-1][0],
            status_on=events[-1][1],
            open_since=on,
            recorded_by=manager,
        )
        for state, day in events:
            ReferralEvent.objects.create(
                organisation=town, referral=referral, status=state, on=day, by=manager
            )

    refer(
        a,
        mbe,
        date(YEAR, 4, 1),
        [
            ("sent", date(YEAR, 4, 1)),
            ("accepted", date(YEAR, 5, 1)),
            ("completed", date(YEAR + 1, 2, 1)),
        ],
    )
    refer(b, mbe, date(YEAR, 3, 1), [("sent", date(YEAR, 3, 1))])
    refer(e, jmd, date(YEAR - 1, 10, 1), [("sent", date(YEAR - 1, 10, 1))])

    def reassess(who, on, ratings):
        reassessment = Reassessment.objects.create(
            organisation=town, client=who, held_on=on, recorded_by=manager
        )
        for area, start, now in ratings:
            ReassessmentRating.objects.create(
                organisation=town,
                reassessment=reassessment,
                life_area=area,
                at_start=start,
                now=now,
            )

    reassess(a, date(YEAR, 6, 1), [("language", 1, 3), ("work", 2, 2)])
    reassess(a, date(YEAR + 1, 3, 1), [("language", 1, 5)])
    reassess(b, date(YEAR - 1, 10, 1), [("language", 2, 2)])
    reassess(b, date(YEAR, 5, 1), [("language", 2, 4), ("housing", 3, 5)])

    def extend(who, reason_code, decision, decided_on):
        CounselingExtension.objects.create(
            organisation=town,
            client=who,
            reason=reason_code,
            justification="Begründung",
            until=date(YEAR + 1, 6, 30),
            requested_by=manager,
            requested_on=decided_on or date(YEAR, 1, 1),
            decision=decision,
            decided_by=manager if decided_on else None,
            decided_on=decided_on,
        )

    extend(e, "illiteracy", "approved", date(YEAR, 2, 1))
    extend(a, "mental_illness", "pending", None)
    extend(b, "disability", "approved", date(YEAR - 1, 12, 20))

    housing = _catalogue(BarrierTheme, "kpi-wohnraum", "Kein bezahlbarer Wohnraum")
    course = _catalogue(BarrierTheme, "kpi-kurse", "Keine Kursplätze")
    for who, theme, on in ((a, housing, date(YEAR, 5, 1)), (b, housing, date(YEAR, 7, 1))):
        CaseBarrier.objects.create(
            organisation=town, client=who, theme=theme, noted_on=on, noted_by=manager
        )
    CaseBarrier.objects.create(
        organisation=town, client=c, theme=course, noted_on=date(YEAR - 1, 12, 31), noted_by=manager
    )

    first = Employee.objects.create(
        organisation=town,
        first_name=names[0][0] or "Erika",
        last_name=names[0][1] or "Muster",
        function="integration_manager",
        hire_date=date(YEAR - 1, 1, 1),
        degree_field="social_work",
    )
    second = Employee.objects.create(
        organisation=town,
        first_name="Max",
        last_name=names[1][1] or "Beispiel",
        function="case_manager",
        hire_date=date(YEAR - 1, 1, 1),
        degree_field="psychology",
    )
    EmploymentPeriod.objects.create(
        organisation=town,
        employee=first,
        position="IM 1",
        start=date(YEAR - 1, 1, 1),
        fte=Decimal("0.500"),
        funded_fte=Decimal("0.500"),
    )
    EmploymentPeriod.objects.create(
        organisation=town,
        employee=second,
        position="FM 1",
        start=date(YEAR - 1, 1, 1),
        end=date(YEAR, 6, 30),
        fte=Decimal("0.750"),
        funded_fte=Decimal("0.500"),
    )
    SupplementaryTraining.objects.create(
        organisation=town,
        employee=first,
        title="Migrationsrecht",
        provider="Akademie",
        start=date(YEAR, 3, 1),
        end=date(YEAR, 3, 3),
        days=Decimal("2.5"),
        topics="a",
    )
    offer = TrainingOffer.objects.create(
        organisation=town, topic="Traumasensible Beratung", date=date(YEAR, 9, 1), provider="Kreis"
    )
    TrainingParticipation.objects.create(
        organisation=town, offer=offer, employee=first, attended=True
    )
    for day in (date(YEAR, 3, 3), date(YEAR, 10, 10), date(YEAR - 1, 11, 11)):
        NetworkEvent.objects.create(
            organisation=town, held_on=day, title="Netzwerktreffen", recorded_by=manager
        )
    return World(
        town=town, manager=manager, clients={"A": a, "B": b, "C": c, "D": d, "E": e, "F": f}
    )
