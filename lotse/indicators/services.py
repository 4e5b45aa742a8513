"""Closing and reopening a unit's reporting year (issue 6 item 5; BW 6.1, 4.2 g, 9.1.9).

A municipality, association or welfare organisation closes its year (its team
lead); the county's coordinating office then aggregates and checks, and may send
it back by reopening it with a reason. Each closing is a new version holding the
figures as they left the unit (suppressed); nothing is overwritten.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from lotse.accounts.permissions import Role
from lotse.accounts.scope import organisation_ids_for, roles_of
from lotse.cases.permissions import team_lead_organisation_ids
from lotse.core import clock
from lotse.core.tenancy import Area
from lotse.indicators import selectors
from lotse.indicators.models import YearClosure
from lotse.kernel.errors import RuleViolation
from lotse.organisations import rules as org_rules
from lotse.organisations.models import Organisation


def _coordinates(user, unit: Organisation) -> bool:
    return Role.COORDINATION in roles_of(user) and unit.pk in organisation_ids_for(
        user, Area.AGGREGATES
    )


def may_close(user, unit: Organisation) -> bool:
    """A town's, association's or welfare organisation's team lead closes its year; the
    county's coordinating office closes the county's aggregate (BW 4.2 g, 6.1)."""
    if unit.kind == selectors.COUNTY_KIND:
        return _coordinates(user, unit)
    return unit.kind in org_rules.CASE_KEEPERS and unit.pk in team_lead_organisation_ids(user)


def may_reopen(user, unit: Organisation) -> bool:
    """The unit's team lead, or the coordinating office that checks it (BW 4.2 g)."""
    if may_close(user, unit):
        return True
    return _coordinates(user, unit)


@transaction.atomic
def year_close(*, user, unit: Organisation, year: int, units: list[Organisation]) -> YearClosure:
    if not may_close(user, unit):
        raise PermissionDenied
    selectors.check_year(year)
    indicator_set = selectors.indicator_set_for(unit, year)
    if clock.today() <= selectors.reference_date(indicator_set, year):
        raise RuleViolation(
            _(
                "Berichtsjahr: ein Jahr kann erst nach dem Stichtag abgeschlossen werden (BW 9.1.9)."
            ),
            "year",
        )
    # One closing at a time per unit: lock the unit's row.
    Organisation.objects.select_for_update().filter(pk=unit.pk).first()
    closures = YearClosure.objects.filter(organisation=unit, year=year)
    if closures.in_force().exists():
        raise RuleViolation(_("Berichtsjahr: dieses Jahr ist bereits abgeschlossen."), "year")
    report = selectors.report_for(user, unit, year, units=units, force_suppression=True)
    figures = report.as_json()
    if unit.kind == selectors.COUNTY_KIND:
        figures["basis"] = _check_units(user, unit, year, report, units)
    version = (closures.aggregate(last=Max("version"))["last"] or 0) + 1
    return YearClosure.objects.create(
        organisation=unit,
        year=year,
        version=version,
        closed_at=clock.now(),
        closed_by=user,
        figures=figures,
    )


def _check_units(user, county: Organisation, year: int, report, units) -> list[dict]:
    """BW 4.2 g: the county aggregates what its towns and organisations have closed.

    Every closing unit must have closed, and its figures today must still be the ones
    it closed (computed again, suppressed as stored): a unit whose data changed after
    its closing is named with the indicators that differ and must reopen and close
    again. Returns the versions the county's closing rests on (kept with it, so the
    page can show a unit reopened afterwards).
    """
    rows = [row for row in selectors.closure_status(user, report, units) if row.unit != county]
    missing = [row.unit.name for row in rows if row.in_force is None]
    if missing:
        raise RuleViolation(
            _("Berichtsjahr: noch nicht abgeschlossen haben %(units)s.")
            % {"units": ", ".join(missing)},
            "year",
        )
    changed = []
    for row in rows:
        now = selectors.report_for(user, row.unit, year, units=units, force_suppression=True)
        names = selectors.differing_indicators(row.in_force.figures, now.as_json())
        if names:
            changed.append(
                _("%(unit)s (Version %(version)s): %(names)s")
                % {
                    "unit": row.unit.name,
                    "version": row.in_force.version,
                    "names": ", ".join(names),
                }
            )
    if changed:
        raise RuleViolation(
            _(
                "Berichtsjahr: die heutigen Zahlen weichen vom Abschluss dieser Einheiten ab – "
                "%(units)s. Bitte den Abschluss der Einheit wiedereröffnen und neu abschließen "
                "lassen, dann den Kreis abschließen (BW 4.2 g)."
            )
            % {"units": "; ".join(changed)},
            "year",
        )
    return [
        {
            "unit": row.unit.pk,
            "name": row.unit.name,
            "version": row.in_force.version,
            "closed_at": row.in_force.closed_at.isoformat(),
        }
        for row in rows
    ]


@transaction.atomic
def year_reopen(*, user, closure: YearClosure, reason: str) -> YearClosure:
    reason = (reason or "").strip()
    if not reason:
        raise RuleViolation(
            _("Grund: bitte angeben, warum der Abschluss wiedereröffnet wird."), "reason"
        )
    closure = YearClosure.objects.select_for_update().get(pk=closure.pk)
    if not may_reopen(user, closure.organisation):
        raise PermissionDenied
    if closure.reopened_at is not None:
        raise RuleViolation(_("Dieser Abschluss ist bereits wiedereröffnet."), "reason")
    closure.reopened_at = clock.now()
    closure.reopened_by = user
    closure.reopen_reason = reason
    closure.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    return closure
