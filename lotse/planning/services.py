"""Writing planning rounds, quotas, announcements and allocation numbers (BW 3.2, 5.2–5.3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.accounts.scope import organisation_ids_for
from lotse.core.tenancy import Area
from lotse.kernel.errors import RuleViolation
from lotse.organisations.models import Organisation, OrganisationKind
from lotse.planning.models import AllocationNumber, CountyFrame, CountyQuota, FrameRound
from lotse.planning.selectors import round_result
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_record


def _check_write(user, organisation_id: int) -> None:
    if organisation_id not in organisation_ids_for(user, Area.GRANTS, write=True):
        raise PermissionDenied


def _log(user, action, obj, organisation_id, purpose):
    audit_record(
        actor=user,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        organisation_id=organisation_id,
        purpose=purpose,
    )


def round_create(
    *,
    by,
    authority: Organisation,
    year: int,
    budget: Decimal,
    minimum: Decimal,
    first_quota_year: int,
) -> FrameRound:
    _check_write(by, authority.pk)
    if authority.kind != OrganisationKind.AUTHORITY:
        raise PermissionDenied
    if FrameRound.objects.filter(organisation=authority, year=year).exists():
        raise RuleViolation(
            _("Für %(year)s gibt es schon einen Planungsrahmen dieser Bewilligungsstelle.")
            % {"year": year},
            "year",
        )
    if first_quota_year + 2 >= year:
        raise RuleViolation(
            _(
                "Die drei Quotenjahre müssen vor dem Jahr der Bekanntgabe liegen (BW 5.2: "
                "Bekanntgabe im ersten Quartal des Vorjahres; BW 5.3: die drei Jahre davor)."
            ),
            "first_quota_year",
        )
    with transaction.atomic():
        frame_round = FrameRound.objects.create(
            organisation=authority,
            year=year,
            budget=budget,
            minimum=minimum,
            first_quota_year=first_quota_year,
            created_by=by,
        )
        _log(by, AuditAction.CREATE, frame_round, authority.pk, "Planungsrahmen angelegt")
    return frame_round


def quotas_replace(*, by, frame_round: FrameRound, quotas: dict[str, list[Decimal]]) -> int:
    """All quotas of the round at once; counties are linked to Lotse's counties by name."""
    _check_write(by, frame_round.organisation_id)
    if frame_round.announced_on:
        raise RuleViolation(
            _("Der Planungsrahmen ist schon bekanntgegeben; die Quoten stehen fest (BW 5.2).")
        )
    authority = frame_round.organisation
    counties = {
        county.name.casefold(): county
        for county in Organisation.objects.filter(
            path__startswith=authority.path, kind=OrganisationKind.COUNTY
        )
    }
    rows = [
        CountyQuota(
            organisation=authority,
            round=frame_round,
            county_name=name,
            county=counties.get(name.casefold()),
            year=year,
            quota=value,
        )
        for name, values in quotas.items()
        for year, value in zip(frame_round.quota_years, values, strict=True)
    ]
    with transaction.atomic():
        CountyQuota.objects.filter(round=frame_round).delete()
        CountyQuota.objects.bulk_create(rows)
        _log(by, AuditAction.UPDATE, frame_round, authority.pk, "Zuteilungsquoten eingelesen")
    return len(quotas)


def round_announce(*, by, frame_round: FrameRound, on: date) -> list[CountyFrame]:
    """BW 5.2: announce the frames; each county in Lotse gets its own row."""
    _check_write(by, frame_round.organisation_id)
    if frame_round.announced_on:
        raise RuleViolation(_("Der Planungsrahmen ist schon bekanntgegeben."))
    result = round_result(frame_round)
    if result.frame is None:
        raise RuleViolation(" ".join(result.problems))
    with transaction.atomic():
        locked = FrameRound.objects.select_for_update().get(pk=frame_round.pk)
        if locked.announced_on:
            raise RuleViolation(_("Der Planungsrahmen ist schon bekanntgegeben."))
        frames = CountyFrame.objects.bulk_create(
            [
                CountyFrame(
                    organisation=row.county,
                    round=frame_round,
                    year=frame_round.year,
                    amount=row.amount,
                    raised_to_minimum=row.raised,
                    average_quota=row.average,
                )
                for row in result.rows
                if row.county is not None
            ]
        )
        locked.announced_on = on
        locked.save(update_fields=["announced_on"])
        frame_round.announced_on = on
        _log(
            by,
            AuditAction.UPDATE,
            frame_round,
            frame_round.organisation_id,
            "Planungsrahmen bekanntgegeben",
        )
    return frames


def allocation_numbers_save(
    *, by, county_frame: CountyFrame, entries: dict[int, tuple[Decimal | None, bool]]
) -> None:
    """Allocation numbers of the county's municipalities for the frame's year (BW 3.2).

    ``None`` removes a number. All or nothing.
    """
    _check_write(by, county_frame.organisation_id)
    allowed = set(
        Organisation.objects.filter(
            path__startswith=county_frame.organisation.path,
            kind=OrganisationKind.MUNICIPALITY,
            id__in=entries.keys(),
        ).values_list("id", flat=True)
    )
    if set(entries) - allowed:
        raise PermissionDenied
    with transaction.atomic():
        for organisation_id, (number, served) in entries.items():
            if number is None:
                AllocationNumber.objects.filter(
                    organisation_id=organisation_id, year=county_frame.year
                ).delete()
                continue
            AllocationNumber.objects.update_or_create(
                organisation_id=organisation_id,
                year=county_frame.year,
                defaults={"number": number, "served_by_county": served},
            )
        _log(
            by,
            AuditAction.UPDATE,
            county_frame,
            county_frame.organisation_id,
            "Zuweisungszahlen gespeichert",
        )
