"""The integration plan (BW 4.1.4 f–g, 4.1.6): sections a–g, goals per life area,
a version for every save (who, when, what changed), no lost updates (issue 3 item 15)."""

import json
from datetime import date

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from lotse.accounts.models import User
from lotse.cases.models import (
    PLAN_FIELDS,
    Client,
    IntegrationPlan,
    PlanGoal,
    PlanVersion,
)
from lotse.cases.rules.plan import (
    PlanContents,
    changed_fields,
    goal_dates_error,
    missing_sections,
    plan_dates_error,
)
from lotse.cases.services.clients import EditConflict
from lotse.cases.services.state import (
    _lock,
    _require_open,
    _require_processing,
    initial_consultation_date,
)
from lotse.cases.translation import translated
from lotse.core import clock
from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object

GOAL_FIELDS = ("life_area", "goal", "steps", "responsible", "due_on", "status", "review_on")
SNAPSHOT_SALT = "lotse.cases.plan-snapshot"


def _display(instance, name: str) -> str:
    value = getattr(instance, name)
    field = instance._meta.get_field(name)
    if field.choices:
        return str(getattr(instance, f"get_{name}_display")()) or "–"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, date):
        return format_date(value)
    return "–" if value in (None, "") else str(value)


def plan_state(plan: IntegrationPlan, goals: list[PlanGoal] | None = None) -> dict[str, list]:
    """The plan as {key: [label, shown value]}: what a version keeps and a diff compares."""
    goals = list(plan.goals.order_by("id")) if goals is None else sorted(goals, key=lambda g: g.pk)
    state = {
        name: [str(IntegrationPlan._meta.get_field(name).verbose_name), _display(plan, name)]
        for name in PLAN_FIELDS
    }
    for number, goal in enumerate(goals, start=1):
        for name in GOAL_FIELDS:
            label = f"f) Ziel {number} – {PlanGoal._meta.get_field(name).verbose_name}"
            state[f"goal.{goal.pk}.{name}"] = [label, _display(goal, name)]
    return state


def plan_diff(before: dict[str, list], after: dict[str, list]) -> list[tuple[str, str, str]]:
    """(label, before, after) for every entry that differs between two plan states."""
    values_before = {key: value for key, (_, value) in before.items()}
    values_after = {key: value for key, (_, value) in after.items()}
    rows = []
    for key in changed_fields(values_before, values_after):
        label = (after.get(key) or before.get(key))[0]
        rows.append((label, values_before.get(key, "–"), values_after.get(key, "–")))
    return rows


def version_state(version: PlanVersion) -> dict[str, list]:
    return json.loads(version.snapshot)


def plan_snapshot(plan: IntegrationPlan) -> str:
    """The plan as the form showed it, signed, to tell on a conflict what changed."""
    return signing.dumps({"version": plan.version, "state": plan_state(plan)}, salt=SNAPSHOT_SALT)


def plan_missing_sections(plan: IntegrationPlan, goals: list[PlanGoal]) -> list[str]:
    """Letters of BW 4.1.6.2 still empty (BW 4.1.6.3: to be completed)."""
    return missing_sections(
        PlanContents(
            personal=plan.personal,
            language_level=plan.language_level,
            language=plan.language,
            education=plan.education,
            work=plan.work,
            housing=plan.housing,
            goals=tuple((goal.goal, goal.steps) for goal in goals),
            started_on=plan.started_on,
            progress=plan.progress,
        )
    )


def _conflict(plan: IntegrationPlan, snapshot: str) -> EditConflict:
    try:
        before = signing.loads(snapshot, salt=SNAPSHOT_SALT)["state"]
    except (signing.BadSignature, KeyError, TypeError):
        before = {}
    changes = [(label, new) for label, _, new in plan_diff(before, plan_state(plan))]
    other = plan.changed_by
    return EditConflict(
        changes=changes,
        changed_by=(other.get_full_name() or other.username) if other else "jemand anderem",
        changed_at=timezone.localtime(plan.changed_at),
    )


def _lock_plan(plan: IntegrationPlan, *, expected_version: int, snapshot: str) -> IntegrationPlan:
    # Lock the plan row only: PostgreSQL cannot lock the nullable side of the join.
    plan = (
        IntegrationPlan.objects.select_for_update(of=("self",))
        .select_related("changed_by")
        .get(pk=plan.pk)
    )
    if plan.version != expected_version:
        raise _conflict(plan, snapshot)
    return plan


def _record_version(plan: IntegrationPlan, *, before: dict, by: User) -> PlanVersion | None:
    """Keep the new state as a version; None when nothing changed (no empty versions)."""
    after = plan_state(plan)
    changed = plan_diff(before, after)
    if before and not changed:
        return None
    if before:
        plan.version += 1
    plan.changed_at = clock.now()
    plan.changed_by = by
    plan.save(update_fields=["version", "changed_at", "changed_by"])
    summary = "angelegt" if not before else ", ".join(label for label, _, _ in changed)
    return PlanVersion.objects.create(
        organisation_id=plan.organisation_id,
        plan=plan,
        number=plan.version,
        created_at=plan.changed_at,
        created_by=by,
        summary=summary[:500],
        snapshot=json.dumps(after, ensure_ascii=False),
    )


def _plan_errors(client: Client, data: dict, *, today: date) -> None:
    initial = initial_consultation_date(client)
    if initial is None:
        raise RuleViolation(
            gettext(
                "Der Integrationsplan entsteht in der Beratung: Bitte zuerst das "
                "Erstberatungsgespräch erfassen (BW 4.1.4 a, f)."
            ),
            "started_on",
        )
    error = plan_dates_error(
        started_on=data["started_on"],
        today=today,
        review_on=data.get("review_on"),
        ended_on=data.get("ended_on"),
    )
    if error:
        raise RuleViolation(translated(error[1]), error[0])
    if data["started_on"] < initial and not data.get("predates_regulation"):
        raise RuleViolation(
            gettext(
                "Beginn des Plans: Der %(started_on)s liegt vor dem Erstberatungsgespräch am "
                "%(initial)s. Nur ein Plan, der vor Inkrafttreten der Verwaltungsvorschrift "
                "erstellt wurde, kann früher beginnen (BW 4.1.6.3)."
            )
            % {"started_on": format_date(data["started_on"]), "initial": format_date(initial)},
            "started_on",
        )


@transaction.atomic
def plan_save(
    *,
    client: Client,
    data: dict,
    by: User,
    expected_version: int | None = None,
    snapshot: str = "",
    today: date | None = None,
) -> IntegrationPlan:
    """Create the plan or update its sections a–g (BW 4.1.6.2); each save is a version.

    ``expected_version`` is the version the form was opened at; if someone saved in
    between, nothing is written and EditConflict tells what changed (issue 3 item 15).
    """
    today = today or clock.today()
    unknown = set(data) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"not plan fields: {sorted(unknown)}")
    client = _lock(client)
    _require_processing(client)
    _require_open(client)
    plan = IntegrationPlan.objects.filter(client=client).first()
    if plan is not None:
        if expected_version is None:
            raise RuleViolation(
                gettext(
                    "Für diesen Fall gibt es bereits einen Integrationsplan; bitte ihn "
                    "fortschreiben (BW 4.1.4 g)."
                )
            )
        plan = _lock_plan(plan, expected_version=expected_version, snapshot=snapshot)
    elif expected_version:
        raise RuleViolation(gettext("Der Integrationsplan wurde nicht gefunden."))
    _plan_errors(client, data, today=today)
    before = plan_state(plan) if plan else {}
    created = plan is None
    if created:
        plan = IntegrationPlan(
            organisation_id=client.organisation_id, client=client, changed_at=clock.now()
        )
    for name, value in data.items():
        field = IntegrationPlan._meta.get_field(name)
        if value is None and not field.null:
            value = False if name == "predates_regulation" else ""
        setattr(plan, name, value)
    plan.save()
    _record_version(plan, before=before, by=by)
    audit_object(
        actor=by,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=plan,
        purpose="Integrationsplan erstellt" if created else "Integrationsplan fortgeschrieben",
    )
    return plan


@transaction.atomic
def goal_save(
    *,
    plan: IntegrationPlan,
    data: dict,
    by: User,
    expected_version: int,
    snapshot: str = "",
    goal: PlanGoal | None = None,
    today: date | None = None,
) -> PlanGoal:
    """Add or change a goal in one life area with its steps (BW 4.1.6.2 f); the plan
    gets a new version, so a goal's history is the plan's history."""
    today = today or clock.today()
    unknown = set(data) - set(GOAL_FIELDS)
    if unknown:
        raise ValueError(f"not goal fields: {sorted(unknown)}")
    client = _lock(plan.client)
    _require_processing(client)
    _require_open(client)
    plan = _lock_plan(plan, expected_version=expected_version, snapshot=snapshot)
    before = plan_state(plan)
    created = goal is None
    if created:
        goal = PlanGoal(organisation_id=plan.organisation_id, plan=plan)
    elif goal.plan_id != plan.pk:
        raise ValueError("goal of another plan")
    for name, value in data.items():
        if value is None and not PlanGoal._meta.get_field(name).null:
            value = ""
        setattr(goal, name, value)
    # Checked on the goal as it would be saved, so a partial update is checked whole.
    if not (goal.goal or "").strip():
        raise RuleViolation(
            gettext("Ziel: Bitte das konkrete Ziel angeben (BW 4.1.6.2 f)."), "goal"
        )
    if not goal.life_area:
        raise RuleViolation(
            gettext("Lebensbereich: Bitte einen Lebensbereich wählen."), "life_area"
        )
    error = goal_dates_error(
        plan_started_on=plan.started_on, due_on=goal.due_on, review_on=goal.review_on
    )
    if error:
        raise RuleViolation(translated(error[1]), error[0])
    goal.save()
    _record_version(plan, before=before, by=by)
    audit_object(
        actor=by,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=goal,
        purpose="Ziel im Integrationsplan erfasst"
        if created
        else "Ziel im Integrationsplan geändert",
    )
    return goal
