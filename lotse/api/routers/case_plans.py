"""Case API, second part (issue 3 item 16): integration plan with goals and versions
(BW 4.1.4 f–g, 4.1.6), referrals (BW 4.1.4 c–d, KIM §3(2)d), case conferences
(KIM §3(2)b) and re-assessments (KIM §3(2)c).

Scoped and answered like lotse.api.routers.cases: case workers only (403 for
other roles), a foreign or missing id 404, refusals 422 naming the field, a stale
plan ``version`` 409 with what changed (issue 3 item 15). Every answer carrying
personal data is logged (ids only); encrypted texts are decrypted here only.
"""

from django.core import signing
from django.http import Http404
from ninja import Router, Status
from ninja.pagination import paginate

from lotse.api.auth import require_area
from lotse.api.case_schemas import (
    ConferenceIn,
    ConferenceOut,
    ConflictOut,
    GoalIn,
    GoalOut,
    GoalUpdateIn,
    PlanIn,
    PlanOut,
    PlanVersionOut,
    ReassessmentIn,
    ReassessmentOut,
    ReferralDetailOut,
    ReferralIn,
    ReferralOut,
    ReferralReopenIn,
    ReferralStatusIn,
)
from lotse.api.errors import ErrorOut, conflicted, refused
from lotse.api.routers.cases import _Rows
from lotse.cases import api_selectors, services
from lotse.cases.models import IntegrationPlan
from lotse.cases.rules.plan import SECTIONS
from lotse.cases.rules.referrals import FINAL, ReferralStatus
from lotse.cases.services.plans import GOAL_FIELDS, SNAPSHOT_SALT
from lotse.core.tenancy import Area
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object

router = Router(tags=["Fallarbeit"])


def _read(request, obj, purpose: str) -> None:
    audit_object(actor=request.user, action=AuditAction.READ, obj=obj, purpose=purpose)


# --- Integration plan (BW 4.1.4 f–g, 4.1.6) -----------------------------------------------------


def _goal_row(goal) -> dict:
    return {"id": goal.pk, **{name: getattr(goal, name) for name in GOAL_FIELDS}}


def _plan_row(plan: IntegrationPlan) -> dict:
    goals = list(plan.goals.order_by("life_area", "id"))
    return {
        **{
            name: getattr(plan, name)
            for name in (
                "personal",
                "language_level",
                "language",
                "education",
                "work",
                "housing",
                "started_on",
                "progress",
                "ended_on",
                "review_on",
                "notes",
                "predates_regulation",
                "version",
                "changed_at",
                "changed_by_id",
                "client_id",
            )
        },
        "id": plan.pk,
        "missing_sections": [
            SECTIONS[letter] for letter in services.plan_missing_sections(plan, goals)
        ],
        "goals": [_goal_row(goal) for goal in goals],
    }


def _plan_or_404(request, client, *, write: bool = False) -> IntegrationPlan:
    plan = api_selectors.plan_of(request.user, client, write=write)
    if plan is None:
        raise Http404
    return plan


def _snapshot(plan: IntegrationPlan, number: int) -> str:
    """The plan as the caller last read it (version ``number``), to name what changed since."""
    version = api_selectors.plan_version(plan, number)
    if version is None:
        return ""
    return signing.dumps(
        {"version": number, "state": services.version_state(version)}, salt=SNAPSHOT_SALT
    )


def _conflict(request, client, conflict: services.EditConflict) -> Status:
    fresh = _plan_or_404(request, client, write=True)
    _read(request, fresh, "Integrationsplan (Bearbeitungskonflikt, API)")
    return conflicted(conflict, version=fresh.version, changes=conflict.changes)


@router.get("/clients/{int:client_id}/plan", response=PlanOut, url_name="case_plan_detail")
def plan_detail(request, client_id: int):
    """The plan with its goals and the sections still missing (BW 4.1.6.3); 404 while none."""
    require_area(request, Area.CASES)
    client = api_selectors.client_for(request.user, client_id)
    plan = _plan_or_404(request, client)
    _read(request, plan, "Integrationsplan über die API gelesen")
    return _plan_row(plan)


@router.put(
    "/clients/{int:client_id}/plan",
    response={200: PlanOut, 201: PlanOut, 409: ConflictOut, 422: ErrorOut},
    url_name="case_plan_save",
)
def plan_save(request, client_id: int, payload: PlanIn):
    """Create the plan (201, without ``version``) or carry it forward (200, with the
    version last read); every save is a version, a stale one answers 409."""
    require_area(request, Area.CASES, write=True)
    client = api_selectors.client_for(request.user, client_id, write=True)
    current = api_selectors.plan_of(request.user, client, write=True)
    data = payload.dict()
    version = data.pop("version")
    if current is not None and version is None:
        raise RuleViolation(
            "Version: Für diesen Fall gibt es bereits einen Integrationsplan; bitte die zuletzt "
            "gelesene Version mitsenden (BW 4.1.4 g).",
            "version",
        )
    if current is None and version is not None:
        raise RuleViolation(
            "Version: Für diesen Fall gibt es noch keinen Integrationsplan.", "version"
        )
    try:
        plan = services.plan_save(
            client=client,
            data=data,
            expected_version=version,
            snapshot=_snapshot(current, version) if current else "",
            by=request.user,
        )
    except services.EditConflict as conflict:
        return _conflict(request, client, conflict)
    return Status(201 if current is None else 200, _plan_row(plan))


@router.get(
    "/clients/{int:client_id}/plan/goals",
    response={200: list[GoalOut], 422: ErrorOut},
    url_name="case_goal_list",
)
@paginate
def goal_list(request, client_id: int):
    require_area(request, Area.CASES)
    client = api_selectors.client_for(request.user, client_id)
    plan = _plan_or_404(request, client)
    _read(request, plan, "Ziele des Integrationsplans über die API gelesen")
    return _Rows(plan.goals.order_by("life_area", "id"), _goal_row)


def _goal_save(request, client_id: int, data: dict, goal_id: int | None):
    client = api_selectors.client_for(request.user, client_id, write=True)
    plan = _plan_or_404(request, client, write=True)
    goal = api_selectors.goal_of(request.user, plan, goal_id, write=True) if goal_id else None
    version = data.pop("version")
    try:
        goal = services.goal_save(
            plan=plan,
            goal=goal,
            data=data,
            expected_version=version,
            snapshot=_snapshot(plan, version),
            by=request.user,
        )
    except services.EditConflict as conflict:
        return _conflict(request, client, conflict)
    return _goal_row(goal)


@router.post(
    "/clients/{int:client_id}/plan/goals",
    response={201: GoalOut, 409: ConflictOut, 422: ErrorOut},
    url_name="case_goal_create",
)
def goal_create(request, client_id: int, payload: GoalIn):
    """A goal in one life area with its steps (BW 4.1.6.2 f); the plan gets a new version."""
    require_area(request, Area.CASES, write=True)
    answer = _goal_save(request, client_id, payload.dict(), None)
    return answer if isinstance(answer, Status) else Status(201, answer)


@router.patch(
    "/clients/{int:client_id}/plan/goals/{int:goal_id}",
    response={200: GoalOut, 409: ConflictOut, 422: ErrorOut},
    url_name="case_goal_update",
)
def goal_update(request, client_id: int, goal_id: int, payload: GoalUpdateIn):
    """Only the fields sent change; ``version`` is the plan's version last read."""
    require_area(request, Area.CASES, write=True)
    return _goal_save(request, client_id, payload.dict(exclude_unset=True), goal_id)


@router.get(
    "/clients/{int:client_id}/plan/versions",
    response={200: list[PlanVersionOut], 422: ErrorOut},
    url_name="case_plan_version_list",
)
@paginate
def plan_version_list(request, client_id: int):
    """Every save of the plan, newest first: who, when, which entries changed."""
    require_area(request, Area.CASES)
    client = api_selectors.client_for(request.user, client_id)
    plan = _plan_or_404(request, client)
    _read(request, plan, "Versionen des Plans über die API gelesen")
    return _Rows(
        api_selectors.plan_versions_of(request.user, plan),
        lambda v: {
            "number": v.number,
            "created_at": v.created_at,
            "created_by_id": v.created_by_id,
            "summary": v.summary,
        },
    )


# --- Referrals (BW 4.1.4 c–d, KIM §3(2)d) ------------------------------------------------------


def _referral_row(referral) -> dict:
    return {
        **{
            name: getattr(referral, name)
            for name in (
                "referred_on",
                "reason",
                "goal_id",
                "status",
                "status_on",
                "open_since",
                "outcome",
                "recorded_by_id",
            )
        },
        "id": referral.pk,
        "service": referral.service.code,
        "service_kind": referral.service.kind.code,
    }


def _referral_detail(referral) -> dict:
    return {
        **_referral_row(referral),
        "events": [
            {
                "status": e.status,
                "on": e.on,
                "reopened": e.reopened,
                "note": e.note,
                "by_id": e.by_id,
            }
            for e in referral.events.order_by("on", "id")
        ],
    }


@router.get(
    "/clients/{int:client_id}/referrals",
    response={200: list[ReferralOut], 422: ErrorOut},
    url_name="case_referral_list",
)
@paginate
def referral_list(request, client_id: int):
    """The referrals of one case, newest first."""
    require_area(request, Area.CASES)
    client = api_selectors.client_for(request.user, client_id)
    _read(request, client, "Vermittlungen über die API gelesen")
    return _Rows(api_selectors.referrals_of(client), _referral_row)


@router.get(
    "/clients/{int:client_id}/referrals/{int:referral_id}",
    response=ReferralDetailOut,
    url_name="case_referral_detail",
)
def referral_detail(request, client_id: int, referral_id: int):
    """One referral with its status history."""
    require_area(request, Area.CASES)
    client = api_selectors.client_for(request.user, client_id)
    referral = api_selectors.referral_of(request.user, client, referral_id)
    _read(request, referral, "Vermittlung über die API gelesen")
    return _referral_detail(referral)


@router.post(
    "/clients/{int:client_id}/referrals",
    response={201: ReferralDetailOut, 422: ErrorOut},
    url_name="case_referral_create",
)
def referral_create(request, client_id: int, payload: ReferralIn):
    """Refused (field ``service``) when the consent does not cover that kind of service
    (BW 4.1.6.2, KIM §3(2)d)."""
    require_area(request, Area.CASES, write=True)
    client = api_selectors.client_for(request.user, client_id, write=True)
    service = api_selectors.service(request.user, payload.service)
    if service is None:
        raise RuleViolation(
            f"Ziel: Unbekannte Kennung „{payload.service}“ (siehe Liste der Regeldienste).",
            "service",
        )
    goal = None
    if payload.goal_id:
        plan = api_selectors.plan_of(request.user, client, write=True)
        goal = plan.goals.filter(pk=payload.goal_id).first() if plan else None
        if goal is None:
            raise RuleViolation(
                "Ziel im Integrationsplan: Das Ziel gehört nicht zu diesem Fall.", "goal_id"
            )
    try:
        referral = services.referral_create(
            client=client,
            service=service,
            referred_on=payload.referred_on,
            reason=payload.reason,
            goal=goal,
            by=request.user,
        )
    except RuleViolation as violation:
        return refused(violation, fields={"goal": "goal_id"})
    return Status(201, _referral_detail(referral))


@router.post(
    "/clients/{int:client_id}/referrals/{int:referral_id}/status",
    response={200: ReferralDetailOut, 422: ErrorOut},
    url_name="case_referral_status",
)
def referral_status(request, client_id: int, referral_id: int, payload: ReferralStatusIn):
    """The next status with its date; the note of a final status is the outcome."""
    require_area(request, Area.CASES, write=True)
    client = api_selectors.client_for(request.user, client_id, write=True)
    referral = api_selectors.referral_of(request.user, client, referral_id, write=True)
    if ReferralStatus(referral.status) in FINAL:
        raise RuleViolation(
            "Stand: Die Vermittlung hat bereits ein Ergebnis; sie kann nur wiedereröffnet werden.",
            "status",
        )
    referral = services.referral_status_update(
        referral=referral,
        status=payload.status,
        on=payload.on,
        note=payload.note,
        by=request.user,
    )
    return _referral_detail(referral)


@router.post(
    "/clients/{int:client_id}/referrals/{int:referral_id}/reopen",
    response={200: ReferralDetailOut, 422: ErrorOut},
    url_name="case_referral_reopen",
)
def referral_reopen(request, client_id: int, referral_id: int, payload: ReferralReopenIn):
    """Reopen a referral with a result, with a note why; it waits for a result again."""
    require_area(request, Area.CASES, write=True)
    client = api_selectors.client_for(request.user, client_id, write=True)
    referral = api_selectors.referral_of(request.user, client, referral_id, write=True)
    try:
        referral = services.referral_reopen(
            referral=referral, on=payload.on, note=payload.note, by=request.user
        )
    except RuleViolation as violation:
        return refused(violation, fields={"": "status"})
    return _referral_detail(referral)


# --- Case conferences (KIM §3(2)b) ----------------------------------------------------------


def _conference_row(conference) -> dict:
    return {
        "id": conference.pk,
        "held_on": conference.held_on,
        "agenda": conference.agenda,
        "recorded_by_id": conference.recorded_by_id,
        "participants": [
            {"name": p.name, "body": p.body, "legal_domain": p.legal_domain, "external": p.external}
            for p in conference.participants.all()
        ],
        "agreements": [
            {
                "life_area": a.life_area,
                "text": a.text,
                "responsible": a.responsible,
                "due_on": a.due_on,
                "goal_id": a.goal_id,
            }
            for a in conference.agreements.all()
        ],
    }


@router.get(
    "/clients/{int:client_id}/conferences",
    response={200: list[ConferenceOut], 422: ErrorOut},
    url_name="case_conference_list",
)
@paginate
def conference_list(request, client_id: int):
    require_area(request, Area.CASES)
    client = api_selectors.client_for(request.user, client_id)
    _read(request, client, "Fallkonferenzen über die API gelesen")
    return _Rows(api_selectors.conferences_of(client), _conference_row)


@router.post(
    "/clients/{int:client_id}/conferences",
    response={201: ConferenceOut, 422: ErrorOut},
    url_name="case_conference_create",
)
def conference_create(request, client_id: int, payload: ConferenceIn):
    """With at least one external body; each agreement becomes a goal in the plan."""
    require_area(request, Area.CASES, write=True)
    client = api_selectors.client_for(request.user, client_id, write=True)
    conference = services.conference_record(
        client=client,
        held_on=payload.held_on,
        agenda=payload.agenda,
        participants=[services.Participant(**p.dict()) for p in payload.participants],
        agreements=[services.Agreement(**a.dict()) for a in payload.agreements],
        by=request.user,
    )
    return Status(201, _conference_row(api_selectors.conferences_of(client).get(pk=conference.pk)))


# --- Re-assessments (KIM §3(2)c) ------------------------------------------------------------


def _reassessment_row(reassessment) -> dict:
    return {
        "id": reassessment.pk,
        "held_on": reassessment.held_on,
        "note": reassessment.note,
        "recorded_by_id": reassessment.recorded_by_id,
        "ratings": [
            {"life_area": r.life_area, "at_start": r.at_start, "now": r.now}
            for r in reassessment.ratings.all()
        ],
    }


@router.get(
    "/clients/{int:client_id}/reassessments",
    response={200: list[ReassessmentOut], 422: ErrorOut},
    url_name="case_reassessment_list",
)
@paginate
def reassessment_list(request, client_id: int):
    require_area(request, Area.CASES)
    client = api_selectors.client_for(request.user, client_id)
    _read(request, client, "Re-Assessments über die API gelesen")
    return _Rows(api_selectors.reassessments_of(client), _reassessment_row)


@router.post(
    "/clients/{int:client_id}/reassessments",
    response={201: ReassessmentOut, 422: ErrorOut},
    url_name="case_reassessment_create",
)
def reassessment_create(request, client_id: int, payload: ReassessmentIn):
    """The situation per life area at the start and now, 1–5; areas left out are not rated."""
    require_area(request, Area.CASES, write=True)
    client = api_selectors.client_for(request.user, client_id, write=True)
    areas = [r.life_area for r in payload.ratings]
    if len(set(areas)) != len(areas):
        raise RuleViolation("Bewertungen: Jeder Lebensbereich höchstens einmal.", "ratings")
    reassessment = services.reassessment_record(
        client=client,
        held_on=payload.held_on,
        note=payload.note,
        ratings={r.life_area: (r.at_start, r.now) for r in payload.ratings},
        by=request.user,
    )
    return Status(
        201, _reassessment_row(api_selectors.reassessments_of(client).get(pk=reassessment.pk))
    )
