"""Re-assessment per life area (KIM §3(2)c), scheduled every LOTSE_REASSESSMENT_MONTHS."""

from datetime import date

from django.db import transaction

from lotse.accounts.models import User
from lotse.cases.models import Client, LifeArea, Reassessment, ReassessmentRating
from lotse.cases.rules.reassessment import ratings_error, reassessment_date_error
from lotse.cases.services.state import (
    _lock,
    _require_open,
    _require_processing,
    initial_consultation_date,
)
from lotse.cases.translation import translated
from lotse.core import clock
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object


@transaction.atomic
def reassessment_record(
    *,
    client: Client,
    held_on: date,
    ratings: dict[str, tuple[int | None, int | None]],
    by: User,
    note: str = "",
    today: date | None = None,
) -> Reassessment:
    """Record the situation at the start and now per life area (1–5), KIM §3(2)c.

    ``ratings`` maps a LifeArea value to (at start, now); areas left out are not rated.
    """
    today = today or clock.today()
    client = _lock(client)
    _require_processing(client, field="held_on")
    _require_open(client)
    error = reassessment_date_error(
        day=held_on, today=today, initial=initial_consultation_date(client)
    )
    if error:
        raise RuleViolation(translated(error), "held_on")
    unknown = set(ratings) - set(LifeArea.values)
    if unknown:
        raise ValueError(f"unknown life areas: {sorted(unknown)}")
    problem = ratings_error(
        (area.value, str(area.label), *ratings.get(area.value, (None, None))) for area in LifeArea
    )
    if problem:
        raise RuleViolation(translated(problem[1]), problem[0])
    reassessment = Reassessment.objects.create(
        organisation_id=client.organisation_id,
        client=client,
        held_on=held_on,
        note=note.strip(),
        recorded_by=by,
    )
    ReassessmentRating.objects.bulk_create(
        ReassessmentRating(
            organisation_id=client.organisation_id,
            reassessment=reassessment,
            life_area=area,
            at_start=start,
            now=now,
        )
        for area, (start, now) in ratings.items()
        if start is not None
    )
    audit_object(
        actor=by, action=AuditAction.CREATE, obj=reassessment, purpose="Re-Assessment erfasst"
    )
    return reassessment
