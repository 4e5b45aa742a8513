"""Which programme deadlines fall for whom, and when (issue 5 item 9; SPEC §4).

A deadline is a duty of an organisation: the recipient of a grant decision
(e.g. the county's proof of use to the granting authority, BW 8.1) and the
sub-recipient of a pass-through contract in force (e.g. the town's proof of use
to the county by 15 January, KIM §8, and its quarterly proofs, KIM §15(2)).
The due days follow from the programme's deadline rows and the grant period
(lotse.funding.rules.deadlines); nothing is stored but what was marked done.

The queries are a fixed handful, whatever the number of grants: decisions,
contract allocations (each with the programme's deadlines prefetched) and the
done marks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Prefetch

from lotse.deadlines.models import DeadlineDone
from lotse.funding.grant_models import ContractAllocation, GrantDecision, VersionStatus
from lotse.funding.models import ProgrammeDeadline
from lotse.funding.rules.deadlines import DeadlineRule, days_left, occurrences


class Level:
    OVERDUE = "overdue"
    SOON = "soon"
    LATER = "later"
    DONE = "done"


@dataclass(frozen=True)
class Deadline:
    organisation_id: int
    organisation_name: str
    deadline_id: int
    name: str
    citation: str
    programme: str
    due: date
    anchor_day: date
    days_left: int
    level: str
    done_on: date | None = None

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)

    @property
    def key(self) -> str:
        """Identifies the deadline in forms and reminder keys (no personal data)."""
        return f"{self.organisation_id}:{self.deadline_id}:{self.due.isoformat()}"


def soon_days() -> int:
    return getattr(settings, "LOTSE_DEADLINE_SOON_DAYS", 14)


def horizon_days() -> int:
    return getattr(settings, "LOTSE_DEADLINE_HORIZON_DAYS", 90)


def lookback_days() -> int:
    return getattr(settings, "LOTSE_DEADLINE_LOOKBACK_DAYS", 365)


def _rule(row: ProgrammeDeadline) -> DeadlineRule:
    return DeadlineRule(
        anchor=row.anchor, months=row.months, days=row.days, fixed_date=row.fixed_date
    )


def _duties(organisation_ids: list[int] | None):
    """(organisation, programme, start, end) for every grant period an organisation carries.

    ``None`` means every organisation (for ``lotse remind``, which serves everyone).
    """
    with_deadlines = Prefetch("programme__deadlines", queryset=ProgrammeDeadline.objects.all())
    scope = {} if organisation_ids is None else {"organisation_id__in": organisation_ids}
    decisions = (
        GrantDecision.objects.filter(
            **scope,
            programme__isnull=False,
            period_start__isnull=False,
            period_end__isnull=False,
        )
        .select_related("organisation", "programme")
        .prefetch_related(with_deadlines)
    )
    for decision in decisions:
        if decision.period_end >= decision.period_start:
            yield (
                decision.organisation,
                decision.programme,
                decision.period_start,
                decision.period_end,
            )
    allocations = (
        ContractAllocation.objects.filter(**scope, version__status=VersionStatus.IN_FORCE)
        .select_related("organisation", "programme", "version")
        .prefetch_related(with_deadlines)
    )
    for allocation in allocations:
        version = allocation.version
        # A contract without a term runs until the end of the year it came into force.
        end = version.term_end or date(version.effective_from.year, 12, 31)
        if end >= version.effective_from:
            yield allocation.organisation, allocation.programme, version.effective_from, end


def deadlines_for(
    organisation_ids: Iterable[int] | None,
    *,
    today: date,
    include_done: bool = False,
    until: date | None = None,
) -> list[Deadline]:
    """Deadlines of these organisations from the look-back window up to ``until``, soonest first.

    Open deadlines that have passed stay (overdue) until someone marks them done
    or they are older than the look-back window.
    """
    organisation_ids = None if organisation_ids is None else list(organisation_ids)
    earliest = today - timedelta(days=lookback_days())
    until = until or today + timedelta(days=horizon_days())
    found: dict[tuple[int, int, date], Deadline] = {}
    for organisation, programme, start, end in _duties(organisation_ids):
        for row in programme.deadlines.all():
            for occurrence in occurrences(_rule(row), start=start, end=end):
                if not earliest <= occurrence.due <= until:
                    continue
                key = (organisation.pk, row.pk, occurrence.due)
                if key in found:
                    continue
                left = days_left(occurrence.due, today=today)
                found[key] = Deadline(
                    organisation_id=organisation.pk,
                    organisation_name=organisation.name,
                    deadline_id=row.pk,
                    name=row.name,
                    citation=row.citation,
                    programme=programme.name,
                    due=occurrence.due,
                    anchor_day=occurrence.anchor_day,
                    days_left=left,
                    level=(
                        Level.OVERDUE
                        if left < 0
                        else Level.SOON
                        if left <= soon_days()
                        else Level.LATER
                    ),
                )
    if found:
        done = DeadlineDone.objects.filter(
            organisation_id__in={key[0] for key in found},
            due__gte=earliest,
            due__lte=until,
        ).values_list("organisation_id", "deadline_id", "due", "done_on")
        for organisation_id, deadline_id, due, done_on in done:
            key = (organisation_id, deadline_id, due)
            if key in found:
                if include_done:
                    item = found[key]
                    found[key] = Deadline(
                        **{**item.__dict__, "level": Level.DONE, "done_on": done_on}
                    )
                else:
                    del found[key]
    return sorted(found.values(), key=lambda item: (item.due, item.organisation_name, item.name))


def counts(items: list[Deadline]) -> dict[str, int]:
    result = {Level.OVERDUE: 0, Level.SOON: 0, Level.LATER: 0, Level.DONE: 0}
    for item in items:
        result[item.level] += 1
    return result
